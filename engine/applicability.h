// Which standards apply to a contact: those whose filter (channels, contact
// types, services, priorities) admits the contact's attributes, in config
// order, at most kMaxStandardsPerContact of them. A contact refers to its
// standards by position in this list (its emitted, signalled and waiting
// bits), so every user of the list must see the same one: there is one
// matching loop, Compute().
#ifndef ONTIME_ENGINE_APPLICABILITY_H_
#define ONTIME_ENGINE_APPLICABILITY_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "engine/contact.h"
#include "engine/outcome.h"
#include "engine/standard.h"
#include "engine/symbol_table.h"

namespace ontime {

class Applicability {
 public:
  // A contact tracks its standards in 16-bit masks.
  static constexpr size_t kMaxStandardsPerContact = 16;
  using List = absl::InlinedVector<StandardIndex, 8>;

  // Both must outlive this object; `symbols` names the attribute values.
  Applicability(const std::vector<Standard>& standards, const SymbolTable& symbols)
      : standards_(standards), symbols_(symbols) {}
  Applicability(const Applicability&) = delete;
  Applicability& operator=(const Applicability&) = delete;

  // The list for `attributes`, computed once and cached (the cache is
  // bounded; clearing it only costs recomputation). Adds 1 to *truncated
  // when it computes a list that more standards would have matched.
  const List& For(const ContactAttributes& attributes, uint64_t* truncated);
  // The same list without touching the cache: the cached one, or else the
  // one computed into *scratch.
  const List& Lookup(const ContactAttributes& attributes, List* scratch) const;

  // The matching loop: fills *out with the standards of `standards` that
  // apply to `attributes` (none without a channel), the first
  // kMaxStandardsPerContact of them. Returns whether more matched.
  static bool Compute(const std::vector<Standard>& standards, const SymbolTable& symbols,
                      const ContactAttributes& attributes, List* out);

 private:
  static constexpr size_t kMaxCacheEntries = 1 << 16;
  static uint64_t Key(const ContactAttributes& attributes);

  const std::vector<Standard>& standards_;
  const SymbolTable& symbols_;
  absl::flat_hash_map<uint64_t, List> cache_;
};

}  // namespace ontime

#endif  // ONTIME_ENGINE_APPLICABILITY_H_

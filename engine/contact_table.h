// The open contacts: a slab of Contact records addressed by a 32-bit slot,
// and a hash index from contact reference to slot.
//
// The index stores only slots (4 bytes each) and hashes through the slab, so
// a contact costs its record plus about 10 bytes of index, not a second copy
// of its reference. The slab grows in fixed chunks: no reallocation copies,
// and a slot's address is stable.
#ifndef ONTIME_ENGINE_CONTACT_TABLE_H_
#define ONTIME_ENGINE_CONTACT_TABLE_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "engine/check.h"
#include "engine/contact.h"

namespace ontime {

using Slot = uint32_t;

class ContactTable {
 public:
  ContactTable();
  ContactTable(const ContactTable&) = delete;
  ContactTable& operator=(const ContactTable&) = delete;

  // The slot of `id`, or nullptr.
  const Slot* Find(std::string_view id) const;
  // Adds a contact; `id` must not be present.
  Slot Insert(std::string_view id);
  // The slot of `id`, adding the contact if it is new (one hash look-up
  // either way).
  Slot FindOrInsert(std::string_view id);
  // Frees the slot and bumps its generation.
  void Erase(Slot slot);

  // `slot` must have been allocated (it may have been freed since: stale
  // index entries are recognised by the generation).
  Contact& at(Slot slot) {
    ONTIME_DCHECK(slot < allocated_);
    return chunks_[slot >> kChunkBits][slot & kChunkMask];
  }
  const Contact& at(Slot slot) const {
    ONTIME_DCHECK(slot < allocated_);
    return chunks_[slot >> kChunkBits][slot & kChunkMask];
  }
  size_t size() const { return index_.size(); }

  // Calls f(slot) for every live contact, in slot order.
  template <typename F>
  void ForEach(F&& f) const {
    for (Slot slot = 0; slot < allocated_; ++slot) {
      if (live_[slot]) f(slot);
    }
  }

 private:
  static constexpr int kChunkBits = 12;
  static constexpr Slot kChunkMask = (Slot{1} << kChunkBits) - 1;

  struct SlotHash {
    using is_transparent = void;
    const ContactTable* table;
    size_t operator()(Slot slot) const {
      return absl::Hash<std::string_view>{}(table->at(slot).id.view());
    }
    size_t operator()(std::string_view id) const {
      return absl::Hash<std::string_view>{}(id);
    }
  };
  struct SlotEq {
    using is_transparent = void;
    const ContactTable* table;
    std::string_view View(Slot slot) const { return table->at(slot).id.view(); }
    std::string_view View(std::string_view id) const { return id; }
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return View(a) == View(b);
    }
  };

  Slot AllocateSlot(std::string_view id);

  std::vector<std::unique_ptr<Contact[]>> chunks_;
  std::vector<bool> live_;
  std::vector<Slot> free_;
  Slot allocated_ = 0;
  absl::flat_hash_set<Slot, SlotHash, SlotEq> index_;
};

}  // namespace ontime

#endif  // ONTIME_ENGINE_CONTACT_TABLE_H_

// Interns attribute strings (service, contact type, ...) into small numbers,
// so a contact carries 2 bytes per attribute instead of a string.
//
// Bounded: after kMaxSymbols distinct values, further ones map to kOverflow
// ("(other)"), so a stream of junk values cannot grow memory without limit.
#ifndef ONTIME_ENGINE_SYMBOL_TABLE_H_
#define ONTIME_ENGINE_SYMBOL_TABLE_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "engine/check.h"
#include "engine/outcome.h"

namespace ontime {

class SymbolTable {
 public:
  static constexpr Symbol kNone = SymbolAt(0);
  static constexpr Symbol kOverflow = SymbolAt(1);
  static constexpr size_t kMaxSymbols = 65535;

  SymbolTable();

  Symbol Intern(std::string_view value);
  // kNone if never interned (does not intern).
  Symbol Find(std::string_view value) const;
  const std::string& Name(Symbol symbol) const {
    ONTIME_DCHECK(Index(symbol) < names_.size());
    return names_[Index(symbol)];
  }
  size_t size() const { return names_.size(); }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;
  absl::flat_hash_map<std::string, Symbol> ids_;
};

}  // namespace ontime

#endif  // ONTIME_ENGINE_SYMBOL_TABLE_H_

#include "engine/symbol_table.h"

namespace ontime {

SymbolTable::SymbolTable() : names_{"", "(other)"} {}

Symbol SymbolTable::Intern(std::string_view value) {
  if (value.empty()) return kNone;
  if (auto it = ids_.find(absl::string_view(value.data(), value.size())); it != ids_.end()) return it->second;
  if (names_.size() >= kMaxSymbols) return kOverflow;
  const auto symbol = SymbolAt(names_.size());
  names_.emplace_back(value);
  ids_.emplace(names_.back(), symbol);
  return symbol;
}

Symbol SymbolTable::Find(std::string_view value) const {
  if (value.empty()) return kNone;
  auto it = ids_.find(absl::string_view(value.data(), value.size()));
  return it == ids_.end() ? kNone : it->second;
}

}  // namespace ontime

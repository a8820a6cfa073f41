#include "engine/applicability.h"

#include <algorithm>
#include <string>

namespace ontime {
namespace {

bool Matches(const Standard& standard, const SymbolTable& symbols, const ContactAttributes& a) {
  const StandardFilter& f = standard.applies_to;
  auto any_of = [&](const std::vector<std::string>& allowed, Symbol value) {
    return allowed.empty() ||
           std::find(allowed.begin(), allowed.end(), symbols.Name(value)) != allowed.end();
  };
  return (f.channels.empty() ||
          std::find(f.channels.begin(), f.channels.end(), a.channel) != f.channels.end()) &&
         any_of(f.contact_types, a.contact_type) && any_of(f.services, a.service) &&
         any_of(f.priorities, a.priority);
}

}  // namespace

bool Applicability::Compute(const std::vector<Standard>& standards, const SymbolTable& symbols,
                            const ContactAttributes& attributes, List* out) {
  out->clear();
  if (attributes.channel == Channel::kUnspecified) return false;
  for (size_t i = 0; i < standards.size(); ++i) {
    if (!Matches(standards[i], symbols, attributes)) continue;
    if (out->size() == kMaxStandardsPerContact) return true;
    out->push_back(StandardAt(i));
  }
  return false;
}

uint64_t Applicability::Key(const ContactAttributes& a) {
  return uint64_t{static_cast<uint8_t>(a.channel)} << 48 | uint64_t{Index(a.contact_type)} << 32 |
         uint64_t{Index(a.service)} << 16 | uint64_t{Index(a.priority)};
}

const Applicability::List& Applicability::For(const ContactAttributes& attributes,
                                              uint64_t* truncated) {
  // Bounded: attribute combinations come from input.
  if (cache_.size() >= kMaxCacheEntries) cache_.clear();
  auto [it, inserted] = cache_.try_emplace(Key(attributes));
  if (inserted && Compute(standards_, symbols_, attributes, &it->second)) ++*truncated;
  return it->second;
}

const Applicability::List& Applicability::Lookup(const ContactAttributes& attributes,
                                                 List* scratch) const {
  if (auto it = cache_.find(Key(attributes)); it != cache_.end()) return it->second;
  Compute(standards_, symbols_, attributes, scratch);
  return *scratch;
}

}  // namespace ontime

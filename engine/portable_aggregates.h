// Aggregates keyed by names rather than by one engine's interned numbers:
// the form that crosses engine boundaries. Partitions, instances and
// restarts each have their own symbol numbering, so only these merge
// correctly; exports and statements read them too, in a stable order.
//
//   PortableAggregates all = a->ExportAggregates();
//   all.Merge(b->ExportAggregates());   // = one engine that saw both
#ifndef ONTIME_ENGINE_PORTABLE_AGGREGATES_H_
#define ONTIME_ENGINE_PORTABLE_AGGREGATES_H_

#include <compare>
#include <map>
#include <string>

#include "engine/aggregates.h"

namespace ontime {

struct PortableKey {
  std::string standard;
  PeriodKind period = PeriodKind::kDay;
  int64_t period_start = 0;
  Channel channel = Channel::kUnspecified;
  std::string service;
  std::string customer_group;

  friend auto operator<=>(const PortableKey&, const PortableKey&) = default;
};

class PortableAggregates {
 public:
  void Add(PortableKey key, const AggregateCell& cell) { cells_[std::move(key)].Merge(cell); }
  void Merge(const PortableAggregates& other) {
    if (&other == this) {
      const PortableAggregates copy = other;
      return Merge(copy);
    }
    for (const auto& [key, cell] : other.cells_) cells_[key].Merge(cell);
  }
  const std::map<PortableKey, AggregateCell>& cells() const { return cells_; }

  friend bool operator==(const PortableAggregates&, const PortableAggregates&) = default;

 private:
  std::map<PortableKey, AggregateCell> cells_;
};

}  // namespace ontime

#endif  // ONTIME_ENGINE_PORTABLE_AGGREGATES_H_

// Outcome counts and duration sketches per standard x period x channel x
// service x customer group: what dashboards and statements are made of,
// kept by one engine with its own interned numbers.
//
// Periods are the hour, day, week (from Monday) and month, in the standard's
// calendar time zone, of the event time an outcome was decided at. Cells are
// mergeable: counts add and sketches merge, so partitions, instances and
// hours combine exactly.
//
//   "phone-answer", month 2026-10, phone, council-tax, all groups:
//     met 18204, breached 1497, excluded 311, median 21.4 s, p90 58.2 s
#ifndef ONTIME_ENGINE_AGGREGATES_H_
#define ONTIME_ENGINE_AGGREGATES_H_

#include <cstdint>
#include <map>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "engine/outcome.h"
#include "engine/quantile_sketch.h"

namespace ontime {

enum class PeriodKind : uint8_t { kHour, kDay, kWeek, kMonth };
inline constexpr int kPeriodKindCount = 4;
std::string_view PeriodKindName(PeriodKind kind);

struct AggregateKey {
  StandardIndex standard{};
  PeriodKind period = PeriodKind::kDay;
  // The period's first local second, as seconds since 1970-01-01T00:00 civil.
  int64_t period_start = 0;
  Channel channel = Channel::kUnspecified;
  Symbol service{};
  Symbol customer_group{};

  absl::CivilSecond civil_start() const {
    return absl::CivilSecond(1970, 1, 1) + period_start;
  }
  friend bool operator==(const AggregateKey&, const AggregateKey&) = default;
  template <typename H>
  friend H AbslHashValue(H h, const AggregateKey& k) {
    return H::combine(std::move(h), k.standard, k.period, k.period_start, k.channel,
                      k.service, k.customer_group);
  }
};

struct AggregateCell {
  uint64_t met = 0;
  uint64_t breached = 0;
  uint64_t excluded = 0;
  // Measures of met and breached outcomes, in the standard's unit (seconds
  // for timed standards).
  QuantileSketch measures;

  void Merge(const AggregateCell& other);
  // met / (met + breached); 0 when nothing was judged.
  double compliance() const;
  friend bool operator==(const AggregateCell&, const AggregateCell&) = default;
};

class Aggregates {
 public:
  // Counts `outcome` in each of its periods, given the local time it was
  // decided at; measure_value goes in the sketch (seconds for timed standards).
  void Record(const Outcome& outcome, absl::CivilSecond local, double measure_value);
  // Drops the `period` cells that start before `before[standard]` (local
  // civil time of each standard's zone, as seconds since the civil epoch).
  // Costs the cells dropped, not the cells kept.
  void DropPeriodsBefore(PeriodKind period, const std::vector<int64_t>& before);
  // A cell as it was (restoring a snapshot).
  void Insert(const AggregateKey& key, AggregateCell cell);
  // No Merge here: keys hold this engine's symbol numbers. Merge across
  // engines through Engine::ExportAggregates() (portable_aggregates.h).

  const absl::flat_hash_map<AggregateKey, AggregateCell>& cells() const { return cells_; }

  // Everything for one standard and period, summed over the other dimensions.
  AggregateCell Total(StandardIndex standard, PeriodKind period, int64_t period_start) const;
  // The same, added to `total`.
  void AddTotal(StandardIndex standard, PeriodKind period, int64_t period_start, AggregateCell* total) const;

  friend bool operator==(const Aggregates& a, const Aggregates& b) { return a.cells_ == b.cells_; }

 private:
  absl::flat_hash_map<AggregateKey, AggregateCell> cells_;
  // Every cell's key by its period and start: old periods are dropped, and a
  // period's total is summed, without a scan over every cell.
  std::map<std::pair<PeriodKind, int64_t>, std::vector<AggregateKey>> by_period_;
};

// The start of the period containing `local`, as seconds since the civil epoch.
int64_t PeriodStart(PeriodKind kind, absl::CivilSecond local);

}  // namespace ontime

#endif  // ONTIME_ENGINE_AGGREGATES_H_

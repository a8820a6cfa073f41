// What several engines add up to. ontime runs one engine per source
// partition (a contact's events all land on one partition), so every figure
// anyone reads (`ontime replay`, `ontime state`, ontimed's metrics and live
// line) is a sum over engines, and this is the one place it is summed:
//
//   Figures figures(config);
//   for (const auto& engine : engines) figures.Add(*engine);
//   figures.aggregates();            // = one engine that saw every partition
//   figures.events(Disposition::kLate);
//
// A daemon that reads every second adds only what it shows (AddCounts,
// AddWaiting, AddToDate): aggregates by name are a copy of every cell.
#ifndef ONTIME_ENGINE_FIGURES_H_
#define ONTIME_ENGINE_FIGURES_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/time/time.h"
#include "engine/aggregates.h"
#include "engine/engine.h"
#include "engine/engine_config.h"
#include "engine/portable_aggregates.h"

namespace ontime {

// Totals of one standard for today and this month, in its calendar's zone.
struct StandardToDate {
  AggregateCell today;
  AggregateCell month;
};

// Where today and this month start for each standard, in its calendar's
// zone (seconds since the civil epoch, as aggregate keys have them).
struct ToDateStarts {
  std::vector<int64_t> day;
  std::vector<int64_t> month;
};
ToDateStarts StartsAt(const EngineConfig& config, absl::Time now);

// Adds another sum of waiting contacts: counts add, the oldest age is the
// oldest of both.
void AddWaiting(const WaitingCounts& one, WaitingCounts* total);

class Figures {
 public:
  explicit Figures(const EngineConfig& config);

  // Counters, open contacts and the aggregates by name.
  void Add(const Engine& engine);
  // Counters and open contacts alone.
  void AddCounts(const Engine& engine);
  // What waits at `now` (a walk over the engine's open contacts).
  void AddWaiting(const Engine& engine, absl::Time now);
  // Today's and this month's totals, from the engine's own aggregates
  // (no names, no copies).
  void AddToDate(const Engine& engine, const ToDateStarts& starts);
  // Another sum (other instances, or partitions summed apart).
  void Merge(const Figures& other);

  const EngineCounters& counters() const { return counters_; }
  uint64_t events(Disposition disposition) const { return counters_.events[static_cast<size_t>(disposition)]; }
  const PortableAggregates& aggregates() const { return aggregates_; }
  const WaitingCounts& waiting() const { return waiting_; }
  const std::vector<StandardToDate>& to_date() const { return to_date_; }
  size_t open_contacts() const { return open_contacts_; }
  // How many engines were added (each partition once).
  size_t engines() const { return engines_; }

 private:
  void Count(const Engine& engine);

  EngineCounters counters_;
  PortableAggregates aggregates_;
  WaitingCounts waiting_;
  WaitingCounts one_engine_waiting_;
  std::vector<StandardToDate> to_date_;
  size_t open_contacts_ = 0;
  size_t engines_ = 0;
};

}  // namespace ontime

#endif  // ONTIME_ENGINE_FIGURES_H_

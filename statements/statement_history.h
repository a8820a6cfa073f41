// The figures monthly statements are made of: outcome counts and measures
// per standard, cohort, day / week / month, channel, service and customer
// group, keyed by names so that partitions, instances and files merge.
//
// A contact counts in two cohorts, and a statement says which it uses:
//   - receipt: the period the contact (or its reopened episode) was
//     received in ("of letters received in October, 93% were answered
//     within 10 working days"). Contacts still open count here too: past
//     their deadline as `open_overdue` (they can no longer be met), within
//     it as `pending` (the period is provisional while any are).
//   - decision: the period its outcome was decided in (the stop), as the
//     live aggregates and dashboards count.
// Periods are local to the standard's calendar zone; weeks start on Monday.
//
//   StatementHistory history;
//   history.AddOutcome(standard, zone, outcome, "council-tax", "");
//   history.AddOpen(standard, zone, started, /*overdue=*/true, Channel::kLetter, "council-tax", "");
//   history.Total({.standard = "letter-reply", .cohort = Cohort::kReceipt,
//                  .period = PeriodKind::kMonth, .start = ...});
#ifndef ONTIME_STATEMENTS_STATEMENT_HISTORY_H_
#define ONTIME_STATEMENTS_STATEMENT_HISTORY_H_

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "config/statement_settings.h"
#include "engine/aggregates.h"
#include "engine/outcome.h"
#include "engine/portable_aggregates.h"
#include "engine/quantile_sketch.h"
#include "engine/standard.h"

namespace ontime {

struct HistoryKey {
  std::string standard;
  Cohort cohort = Cohort::kReceipt;
  // kDay, kWeek or kMonth (no hours: statements never show them).
  PeriodKind period = PeriodKind::kMonth;
  // The period's first local second, as seconds since the civil epoch (as
  // AggregateKey has it).
  int64_t period_start = 0;
  Channel channel = Channel::kUnspecified;
  std::string service;
  std::string customer_group;

  friend auto operator<=>(const HistoryKey&, const HistoryKey&) = default;
};

struct HistoryCell {
  uint64_t met = 0;
  uint64_t breached = 0;
  uint64_t excluded = 0;
  // Receipt cohort only: still open, past the deadline / within it.
  uint64_t open_overdue = 0;
  uint64_t pending = 0;
  // Measures of met and breached outcomes, as the aggregates hold them
  // (MeasureValue: seconds for timed standards); month cells only (median
  // and p90 are published per month; days and weeks count).
  QuantileSketch measures;

  void Merge(const HistoryCell& other);
  friend bool operator==(const HistoryCell&, const HistoryCell&) = default;
};

// One standard's period, summed over channels, services and groups, or
// narrowed to one of them.
struct HistoryQuery {
  std::string_view standard;
  Cohort cohort = Cohort::kReceipt;
  PeriodKind period = PeriodKind::kMonth;
  int64_t period_start = 0;
  // Narrowing: only this channel / service / group when set.
  std::optional<Channel> channel;
  std::optional<std::string_view> service;
  std::optional<std::string_view> customer_group;
};

class StatementHistory;
// The live aggregates as statement cells by decision (what an engine's
// aggregates count: the period each outcome was decided in); hours are
// left out. What ontimed's live statement is made of.
StatementHistory HistoryFromAggregates(const PortableAggregates& aggregates);

class StatementHistory {
 public:
  StatementHistory();
  // Counts a decided outcome in its receipt and decision periods.
  void AddOutcome(const Standard& standard, absl::TimeZone zone, const Outcome& outcome, std::string_view service,
                  std::string_view customer_group);
  // Counts an episode still open (as of when the figures were taken) in its
  // receipt periods.
  void AddOpen(const Standard& standard, absl::TimeZone zone, absl::Time started, bool overdue, Channel channel,
               std::string_view service, std::string_view customer_group);
  // Adds a cell as it is (a day or week cell loses its channel, service
  // and group: see below).
  void Add(const HistoryKey& key, const HistoryCell& cell);

  // Days and weeks are kept per standard only (channel kUnspecified,
  // service and group empty): statements read them for dips and today,
  // which are per standard, and a key per service and group would multiply
  // the cells a year holds by their count (measured: bench/statement_bench).
  // Revisit if dips are ever published per service. So a narrowed query is
  // for a month.
  HistoryCell Total(const HistoryQuery& query) const;
  // Calls visit(key, cell) for every cell of one standard, cohort and
  // period, in no particular order.
  void ForEachCellOf(std::string_view standard, Cohort cohort, PeriodKind period, int64_t period_start,
                     const std::function<void(const HistoryKey&, const HistoryCell&)>& visit) const;
  size_t size() const { return cells_.size(); }

 private:
  // Names are held once and keys carry their numbers: a key is 24 bytes,
  // hashed and compared as integers (a statement of a year adds tens of
  // millions of outcomes, six cells each).
  struct CellKey {
    uint32_t standard = 0;
    uint32_t service = 0;
    uint32_t customer_group = 0;
    Cohort cohort = Cohort::kReceipt;
    PeriodKind period = PeriodKind::kMonth;
    Channel channel = Channel::kUnspecified;
    int64_t period_start = 0;

    friend auto operator<=>(const CellKey&, const CellKey&) = default;
    template <typename H>
    friend H AbslHashValue(H h, const CellKey& k) {
      return H::combine(std::move(h), k.standard, k.service, k.customer_group, k.cohort, k.period, k.channel,
                        k.period_start);
    }
  };
  // The empty name (no service, no group) is always number 0.
  static constexpr uint32_t kNoName = 0;
  uint32_t Intern(std::string_view name);
  // The name's number, if it was ever added.
  std::optional<uint32_t> Find(std::string_view name) const;
  HistoryKey Named(const CellKey& key) const;

  // Applies update(cell, period) to the standard's day and week cells and
  // the key's month cell of `local`.
  template <typename Update>
  void UpdatePeriods(CellKey key, absl::CivilSecond local, const Update& update);
  template <typename Update>
  void Touch(const CellKey& key, const Update& update);

  using Entry = std::pair<const CellKey, HistoryCell>;
  // The entries in key order: built when first read after a change
  // (statements read after everything is added).
  const std::vector<const Entry*>& Sorted() const;
  std::pair<std::vector<const Entry*>::const_iterator, std::vector<const Entry*>::const_iterator> PeriodRange(
      uint32_t standard, Cohort cohort, PeriodKind period, int64_t period_start) const;

  std::vector<std::string> names_;
  absl::flat_hash_map<std::string, uint32_t> ids_;
  absl::flat_hash_map<CellKey, HistoryCell> cells_;
  mutable std::vector<const Entry*> sorted_;
  mutable bool sorted_valid_ = false;
};

}  // namespace ontime

#endif  // ONTIME_STATEMENTS_STATEMENT_HISTORY_H_

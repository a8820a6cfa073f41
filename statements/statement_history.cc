#include "statements/statement_history.h"

#include <utility>

namespace ontime {

void HistoryCell::Merge(const HistoryCell& other) {
  met += other.met;
  breached += other.breached;
  excluded += other.excluded;
  open_overdue += other.open_overdue;
  pending += other.pending;
  measures.Merge(other.measures);
}

void StatementHistory::AddToPeriods(HistoryKey key, absl::CivilSecond local, const HistoryCell& cell) {
  for (PeriodKind period : {PeriodKind::kDay, PeriodKind::kWeek, PeriodKind::kMonth}) {
    key.period = period;
    key.period_start = PeriodStart(period, local);
    cells_[key].Merge(cell);
  }
}

void StatementHistory::AddOutcome(const Standard& standard, absl::TimeZone zone, const Outcome& outcome,
                                  std::string_view service, std::string_view customer_group) {
  HistoryCell cell;
  switch (outcome.verdict) {
    case Verdict::kMet:
      cell.met = 1;
      break;
    case Verdict::kBreached:
      cell.breached = 1;
      break;
    case Verdict::kExcluded:
      cell.excluded = 1;
      break;
  }
  if (outcome.verdict != Verdict::kExcluded) cell.measures.Add(MeasureValue(standard, outcome.measure));
  HistoryKey key{.standard = standard.id,
                 .channel = outcome.dimensions.channel,
                 .service = std::string(service),
                 .customer_group = std::string(customer_group)};
  key.cohort = Cohort::kReceipt;
  AddToPeriods(key, absl::ToCivilSecond(outcome.started, zone), cell);
  key.cohort = Cohort::kDecision;
  AddToPeriods(std::move(key), absl::ToCivilSecond(outcome.decided_at, zone), cell);
}

void StatementHistory::AddOpen(const Standard& standard, absl::TimeZone zone, absl::Time started, bool overdue,
                               Channel channel, std::string_view service, std::string_view customer_group) {
  HistoryCell cell;
  (overdue ? cell.open_overdue : cell.pending) = 1;
  AddToPeriods(HistoryKey{.standard = standard.id,
                          .cohort = Cohort::kReceipt,
                          .channel = channel,
                          .service = std::string(service),
                          .customer_group = std::string(customer_group)},
               absl::ToCivilSecond(started, zone), cell);
}

void StatementHistory::Merge(const StatementHistory& other) {
  if (&other == this) {
    const StatementHistory copy = other;
    return Merge(copy);
  }
  for (const auto& [key, cell] : other.cells_) cells_[key].Merge(cell);
}

HistoryCell StatementHistory::Total(const HistoryQuery& query) const {
  HistoryCell total;
  // Keys sort by standard, cohort, period and start first: one range holds
  // every cell of the period.
  const HistoryKey first{.standard = std::string(query.standard),
                         .cohort = query.cohort,
                         .period = query.period,
                         .period_start = query.period_start,
                         .channel = Channel::kUnspecified,
                         .service = {},
                         .customer_group = {}};
  for (auto it = cells_.lower_bound(first); it != cells_.end(); ++it) {
    const HistoryKey& key = it->first;
    if (key.standard != query.standard || key.cohort != query.cohort || key.period != query.period ||
        key.period_start != query.period_start) {
      break;
    }
    if (query.channel && key.channel != *query.channel) continue;
    if (query.service && key.service != *query.service) continue;
    if (query.customer_group && key.customer_group != *query.customer_group) continue;
    total.Merge(it->second);
  }
  return total;
}

StatementHistory HistoryFromAggregates(const PortableAggregates& aggregates) {
  StatementHistory history;
  for (const auto& [key, cell] : aggregates.cells()) {
    if (key.period == PeriodKind::kHour) continue;
    history.Add({.standard = key.standard,
                 .cohort = Cohort::kDecision,
                 .period = key.period,
                 .period_start = key.period_start,
                 .channel = key.channel,
                 .service = key.service,
                 .customer_group = key.customer_group},
                {.met = cell.met,
                 .breached = cell.breached,
                 .excluded = cell.excluded,
                 .open_overdue = 0,
                 .pending = 0,
                 .measures = cell.measures});
  }
  return history;
}

}  // namespace ontime

#include "statements/statement_history.h"

#include <algorithm>
#include <tuple>
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

template <typename Update>
void StatementHistory::UpdatePeriods(HistoryKey& key, absl::CivilSecond local, const Update& update) {
  for (PeriodKind period : {PeriodKind::kDay, PeriodKind::kWeek, PeriodKind::kMonth}) {
    key.period = period;
    key.period_start = PeriodStart(period, local);
    // The key is copied only for a cell not seen before.
    auto it = cells_.find(key);
    if (it == cells_.end()) {
      it = cells_.emplace(key, HistoryCell{}).first;
      sorted_valid_ = false;
    }
    update(it->second, period);
  }
}

void StatementHistory::AddOutcome(const Standard& standard, absl::TimeZone zone, const Outcome& outcome,
                                  std::string_view service, std::string_view customer_group) {
  // The measure's bucket is found once and added to all six cells.
  const bool measured = outcome.verdict != Verdict::kExcluded;
  const QuantileSketch::Bucket bucket = QuantileSketch::BucketOf(measured ? MeasureValue(standard, outcome.measure) : 0);
  auto count = [&](HistoryCell& cell, PeriodKind period) {
    switch (outcome.verdict) {
      case Verdict::kMet: ++cell.met; break;
      case Verdict::kBreached: ++cell.breached; break;
      case Verdict::kExcluded: ++cell.excluded; break;
    }
    // Quantiles are published per month; days and weeks count only.
    if (measured && period == PeriodKind::kMonth) cell.measures.Add(bucket);
  };
  key_.standard.assign(standard.id);
  key_.channel = outcome.dimensions.channel;
  key_.service.assign(service);
  key_.customer_group.assign(customer_group);
  key_.cohort = Cohort::kReceipt;
  UpdatePeriods(key_, absl::ToCivilSecond(outcome.started, zone), count);
  key_.cohort = Cohort::kDecision;
  UpdatePeriods(key_, absl::ToCivilSecond(outcome.decided_at, zone), count);
}

void StatementHistory::AddOpen(const Standard& standard, absl::TimeZone zone, absl::Time started, bool overdue,
                               Channel channel, std::string_view service, std::string_view customer_group) {
  key_.standard.assign(standard.id);
  key_.cohort = Cohort::kReceipt;
  key_.channel = channel;
  key_.service.assign(service);
  key_.customer_group.assign(customer_group);
  UpdatePeriods(key_, absl::ToCivilSecond(started, zone),
                [&](HistoryCell& cell, PeriodKind) { ++(overdue ? cell.open_overdue : cell.pending); });
}

const std::vector<const StatementHistory::Entry*>& StatementHistory::Sorted() const {
  if (!sorted_valid_) {
    sorted_.clear();
    sorted_.reserve(cells_.size());
    for (const Entry& entry : cells_) sorted_.push_back(&entry);
    std::sort(sorted_.begin(), sorted_.end(), [](const Entry* a, const Entry* b) { return a->first < b->first; });
    sorted_valid_ = true;
  }
  return sorted_;
}

std::pair<std::vector<const StatementHistory::Entry*>::const_iterator,
          std::vector<const StatementHistory::Entry*>::const_iterator>
StatementHistory::PeriodRange(std::string_view standard, Cohort cohort, PeriodKind period,
                              int64_t period_start) const {
  const std::vector<const Entry*>& sorted = Sorted();
  // Keys sort by standard, cohort, period and start first: one range holds
  // every cell of the period.
  auto before = [&](const Entry* e) {
    const HistoryKey& k = e->first;
    return std::tie(k.standard, k.cohort, k.period, k.period_start) <
           std::make_tuple(std::string(standard), cohort, period, period_start);
  };
  auto first = std::partition_point(sorted.begin(), sorted.end(), before);
  auto last = std::partition_point(first, sorted.end(), [&](const Entry* e) {
    const HistoryKey& k = e->first;
    return k.standard == standard && k.cohort == cohort && k.period == period && k.period_start == period_start;
  });
  return {first, last};
}

void StatementHistory::ForEachCellOf(std::string_view standard, Cohort cohort, PeriodKind period, int64_t period_start,
                                     const std::function<void(const HistoryKey&, const HistoryCell&)>& visit) const {
  const auto [first, last] = PeriodRange(standard, cohort, period, period_start);
  for (auto it = first; it != last; ++it) visit((*it)->first, (*it)->second);
}

HistoryCell StatementHistory::Total(const HistoryQuery& query) const {
  HistoryCell total;
  const auto [first, last] = PeriodRange(query.standard, query.cohort, query.period, query.period_start);
  for (auto it = first; it != last; ++it) {
    const HistoryKey& key = (*it)->first;
    if (query.channel && key.channel != *query.channel) continue;
    if (query.service && key.service != *query.service) continue;
    if (query.customer_group && key.customer_group != *query.customer_group) continue;
    total.Merge((*it)->second);
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
                 .measures = key.period == PeriodKind::kMonth ? cell.measures : QuantileSketch{}});
  }
  return history;
}

}  // namespace ontime

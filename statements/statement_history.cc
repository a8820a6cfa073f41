#include "statements/statement_history.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "engine/check.h"

namespace ontime {

void HistoryCell::Merge(const HistoryCell& other) {
  met += other.met;
  breached += other.breached;
  excluded += other.excluded;
  open_overdue += other.open_overdue;
  pending += other.pending;
  measures.Merge(other.measures);
}

StatementHistory::StatementHistory() { Intern(""); }

uint32_t StatementHistory::Intern(std::string_view name) {
  // Debian's abseil has its own string_view.
  if (auto it = ids_.find(absl::string_view(name.data(), name.size())); it != ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(std::string(name), id);
  return id;
}

std::optional<uint32_t> StatementHistory::Find(std::string_view name) const {
  if (auto it = ids_.find(absl::string_view(name.data(), name.size())); it != ids_.end()) return it->second;
  return std::nullopt;
}

HistoryKey StatementHistory::Named(const CellKey& key) const {
  return {.standard = names_[key.standard],
          .cohort = key.cohort,
          .period = key.period,
          .period_start = key.period_start,
          .channel = key.channel,
          .service = names_[key.service],
          .customer_group = names_[key.customer_group]};
}

template <typename Update>
void StatementHistory::Touch(const CellKey& key, const Update& update) {
  auto [it, inserted] = cells_.try_emplace(key);
  if (inserted) sorted_valid_ = false;
  update(it->second, key.period);
}

template <typename Update>
void StatementHistory::UpdatePeriods(CellKey key, absl::CivilSecond local, const Update& update) {
  key.period = PeriodKind::kMonth;
  key.period_start = PeriodStart(PeriodKind::kMonth, local);
  Touch(key, update);
  key.channel = Channel::kUnspecified;
  key.service = key.customer_group = kNoName;
  for (PeriodKind period : {PeriodKind::kDay, PeriodKind::kWeek}) {
    key.period = period;
    key.period_start = PeriodStart(period, local);
    Touch(key, update);
  }
}

void StatementHistory::AddOutcome(const Standard& standard, absl::TimeZone zone, const Outcome& outcome,
                                  std::string_view service, std::string_view customer_group) {
  // The measure's bucket is found once and added to both month cells.
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
  CellKey key{.standard = Intern(standard.id),
              .service = Intern(service),
              .customer_group = Intern(customer_group),
              .cohort = Cohort::kReceipt,
              .period = PeriodKind::kMonth,
              .channel = outcome.dimensions.channel,
              .period_start = 0};
  UpdatePeriods(key, absl::ToCivilSecond(outcome.started, zone), count);
  key.cohort = Cohort::kDecision;
  UpdatePeriods(key, absl::ToCivilSecond(outcome.decided_at, zone), count);
}

void StatementHistory::AddOpen(const Standard& standard, absl::TimeZone zone, absl::Time started, bool overdue,
                               Channel channel, std::string_view service, std::string_view customer_group) {
  const CellKey key{.standard = Intern(standard.id),
                    .service = Intern(service),
                    .customer_group = Intern(customer_group),
                    .cohort = Cohort::kReceipt,
                    .period = PeriodKind::kMonth,
                    .channel = channel,
                    .period_start = 0};
  UpdatePeriods(key, absl::ToCivilSecond(started, zone),
                [&](HistoryCell& cell, PeriodKind) { ++(overdue ? cell.open_overdue : cell.pending); });
}

void StatementHistory::Add(const HistoryKey& key, const HistoryCell& cell) {
  const bool month = key.period == PeriodKind::kMonth;
  const CellKey packed{.standard = Intern(key.standard),
                       .service = Intern(month ? key.service : ""),
                       .customer_group = Intern(month ? key.customer_group : ""),
                       .cohort = key.cohort,
                       .period = key.period,
                       .channel = month ? key.channel : Channel::kUnspecified,
                       .period_start = key.period_start};
  Touch(packed, [&](HistoryCell& into, PeriodKind) { into.Merge(cell); });
}

const std::vector<const StatementHistory::Entry*>& StatementHistory::Sorted() const {
  if (!sorted_valid_) {
    sorted_.clear();
    sorted_.reserve(cells_.size());
    for (const Entry& entry : cells_) sorted_.push_back(&entry);
    // By standard, cohort, period and start first: one range holds every
    // cell of a period.
    auto order = [](const CellKey& k) {
      return std::tie(k.standard, k.cohort, k.period, k.period_start, k.channel, k.service, k.customer_group);
    };
    std::sort(sorted_.begin(), sorted_.end(), [&](const Entry* a, const Entry* b) { return order(a->first) < order(b->first); });
    sorted_valid_ = true;
  }
  return sorted_;
}

std::pair<std::vector<const StatementHistory::Entry*>::const_iterator,
          std::vector<const StatementHistory::Entry*>::const_iterator>
StatementHistory::PeriodRange(uint32_t standard, Cohort cohort, PeriodKind period, int64_t period_start) const {
  const std::vector<const Entry*>& sorted = Sorted();
  const auto wanted = std::make_tuple(standard, cohort, period, period_start);
  auto first = std::partition_point(sorted.begin(), sorted.end(), [&](const Entry* e) {
    const CellKey& k = e->first;
    return std::tie(k.standard, k.cohort, k.period, k.period_start) < wanted;
  });
  auto last = std::partition_point(first, sorted.end(), [&](const Entry* e) {
    const CellKey& k = e->first;
    return std::tie(k.standard, k.cohort, k.period, k.period_start) == wanted;
  });
  return {first, last};
}

void StatementHistory::ForEachCellOf(std::string_view standard, Cohort cohort, PeriodKind period, int64_t period_start,
                                     const std::function<void(const HistoryKey&, const HistoryCell&)>& visit) const {
  const std::optional<uint32_t> id = Find(standard);
  if (!id) return;
  const auto [first, last] = PeriodRange(*id, cohort, period, period_start);
  for (auto it = first; it != last; ++it) visit(Named((*it)->first), (*it)->second);
}

HistoryCell StatementHistory::Total(const HistoryQuery& query) const {
  ONTIME_DCHECK(query.period == PeriodKind::kMonth ||
                (!query.channel && !query.service && !query.customer_group));
  HistoryCell total;
  const std::optional<uint32_t> id = Find(query.standard);
  if (!id) return total;
  // A name never added matches no cell.
  std::optional<uint32_t> service, group;
  if (query.service && !(service = Find(*query.service))) return total;
  if (query.customer_group && !(group = Find(*query.customer_group))) return total;
  const auto [first, last] = PeriodRange(*id, query.cohort, query.period, query.period_start);
  for (auto it = first; it != last; ++it) {
    const CellKey& key = (*it)->first;
    if (query.channel && key.channel != *query.channel) continue;
    if (service && key.service != *service) continue;
    if (group && key.customer_group != *group) continue;
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

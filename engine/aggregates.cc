#include "engine/aggregates.h"

#include <algorithm>
#include <array>
#include <iterator>

#include "engine/civil_days.h"

namespace ontime {

std::string_view PeriodKindName(PeriodKind kind) {
  constexpr std::array<std::string_view, kPeriodKindCount> kNames = {"hour", "day",
                                                                     "week", "month"};
  return kNames[static_cast<size_t>(kind)];
}

int64_t PeriodStart(PeriodKind kind, absl::CivilSecond local) {
  const int64_t day = DaysFromCivil(local.year(), local.month(), local.day());
  switch (kind) {
    case PeriodKind::kHour: return day * 86400 + local.hour() * 3600;
    case PeriodKind::kDay: return day * 86400;
    case PeriodKind::kWeek: {
      // 1970-01-01 was a Thursday: Monday-based weekday = (day + 3) mod 7.
      const int64_t weekday = ((day + 3) % 7 + 7) % 7;
      return (day - weekday) * 86400;
    }
    case PeriodKind::kMonth: return DaysFromCivil(local.year(), local.month(), 1) * 86400;
  }
  return 0;
}

void AggregateCell::Merge(const AggregateCell& other) {
  met += other.met;
  breached += other.breached;
  excluded += other.excluded;
  measures.Merge(other.measures);
}

double AggregateCell::compliance() const {
  const uint64_t judged = met + breached;
  return judged == 0 ? 0.0 : static_cast<double>(met) / static_cast<double>(judged);
}

void Aggregates::Record(const Outcome& outcome, absl::CivilSecond local,
                        double measure_value) {
  const QuantileSketch::Bucket bucket = QuantileSketch::BucketOf(measure_value);
  for (int p = 0; p < kPeriodKindCount; ++p) {
    const auto kind = static_cast<PeriodKind>(p);
    AggregateKey key{outcome.standard,          kind,
                     PeriodStart(kind, local),  outcome.dimensions.channel,
                     outcome.dimensions.service, outcome.dimensions.customer_group};
    auto [it, inserted] = cells_.try_emplace(key);
    if (inserted) by_period_[{kind, key.period_start}].push_back(key);
    AggregateCell& cell = it->second;
    switch (outcome.verdict) {
      case Verdict::kMet: ++cell.met; break;
      case Verdict::kBreached: ++cell.breached; break;
      case Verdict::kExcluded: ++cell.excluded; break;
    }
    if (outcome.verdict != Verdict::kExcluded) cell.measures.Add(bucket);
  }
}

void Aggregates::DropPeriodsBefore(PeriodKind period, const std::vector<int64_t>& before) {
  int64_t latest = INT64_MIN;
  for (int64_t b : before) latest = std::max(latest, b);
  // Only the periods that may have expired are visited, oldest first.
  const auto first = by_period_.lower_bound({period, INT64_MIN});
  for (auto it = first; it != by_period_.end() && it->first.first == period &&
                        it->first.second < latest;) {
    std::vector<AggregateKey>& keys = it->second;
    std::erase_if(keys, [&](const AggregateKey& key) {
      if (Index(key.standard) >= before.size() || key.period_start >= before[Index(key.standard)]) {
        return false;
      }
      cells_.erase(key);
      return true;
    });
    it = keys.empty() ? by_period_.erase(it) : std::next(it);
  }
}

void Aggregates::Insert(const AggregateKey& key, AggregateCell cell) {
  auto [it, inserted] = cells_.insert_or_assign(key, std::move(cell));
  if (inserted) by_period_[{key.period, key.period_start}].push_back(key);
}

AggregateCell Aggregates::Total(StandardIndex standard, PeriodKind period,
                                int64_t period_start) const {
  AggregateCell total;
  AddTotal(standard, period, period_start, &total);
  return total;
}

void Aggregates::AddTotal(StandardIndex standard, PeriodKind period, int64_t period_start,
                          AggregateCell* total) const {
  auto it = by_period_.find({period, period_start});
  if (it == by_period_.end()) return;
  for (const AggregateKey& key : it->second) {
    if (key.standard == standard) total->Merge(cells_.at(key));
  }
}

}  // namespace ontime

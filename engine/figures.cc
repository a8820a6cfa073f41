#include "engine/figures.h"

#include <algorithm>

#include "absl/time/civil_time.h"

namespace ontime {
namespace {

absl::TimeZone ZoneOf(const EngineConfig& config, const Standard& standard) {
  for (const CalendarSpec& calendar : config.calendars) {
    if (calendar.name == standard.calendar) return calendar.time_zone;
  }
  return absl::UTCTimeZone();
}

}  // namespace

ToDateStarts StartsAt(const EngineConfig& config, absl::Time now) {
  ToDateStarts starts;
  for (const Standard& standard : config.standards) {
    const absl::CivilSecond local = absl::ToCivilSecond(now, ZoneOf(config, standard));
    starts.day.push_back(PeriodStart(PeriodKind::kDay, local));
    starts.month.push_back(PeriodStart(PeriodKind::kMonth, local));
  }
  return starts;
}

void AddWaiting(const WaitingCounts& one, WaitingCounts* total) {
  if (total->size() < one.size()) total->resize(one.size());
  for (size_t s = 0; s < one.size(); ++s) {
    for (size_t c = 0; c < one[s].size(); ++c) {
      WaitingCount& sum = (*total)[s][c];
      sum.open += one[s][c].open;
      sum.at_risk += one[s][c].at_risk;
      sum.overdue += one[s][c].overdue;
      sum.oldest_age_us = std::max(sum.oldest_age_us, one[s][c].oldest_age_us);
    }
  }
}

Figures::Figures(const EngineConfig& config)
    : waiting_(config.standards.size()), to_date_(config.standards.size()) {}

void Figures::Count(const Engine& engine) {
  counters_.Merge(engine.counters());
  open_contacts_ += engine.open_contacts();
  ++engines_;
}

void Figures::Add(const Engine& engine) {
  Count(engine);
  aggregates_.Merge(engine.ExportAggregates());
}

void Figures::AddCounts(const Engine& engine) { Count(engine); }

void Figures::AddWaiting(const Engine& engine, absl::Time now) {
  engine.CountWaiting(now, &one_engine_waiting_);
  ontime::AddWaiting(one_engine_waiting_, &waiting_);
}

void Figures::AddToDate(const Engine& engine, const ToDateStarts& starts) {
  for (size_t i = 0; i < to_date_.size() && i < starts.day.size(); ++i) {
    const StandardIndex standard = StandardAt(i);
    engine.aggregates().AddTotal(standard, PeriodKind::kDay, starts.day[i], &to_date_[i].today);
    engine.aggregates().AddTotal(standard, PeriodKind::kMonth, starts.month[i], &to_date_[i].month);
  }
}

void Figures::Merge(const Figures& other) {
  counters_.Merge(other.counters_);
  aggregates_.Merge(other.aggregates_);
  ontime::AddWaiting(other.waiting_, &waiting_);
  if (to_date_.size() < other.to_date_.size()) to_date_.resize(other.to_date_.size());
  for (size_t i = 0; i < other.to_date_.size(); ++i) {
    to_date_[i].today.Merge(other.to_date_[i].today);
    to_date_[i].month.Merge(other.to_date_[i].month);
  }
  open_contacts_ += other.open_contacts_;
  engines_ += other.engines_;
}

}  // namespace ontime

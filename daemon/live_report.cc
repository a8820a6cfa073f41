#include "daemon/live_report.h"

#include "absl/strings/str_format.h"

namespace ontime {
namespace {

absl::TimeZone ZoneOf(const EngineConfig& config, const Standard& standard) {
  for (const CalendarSpec& calendar : config.calendars) {
    if (calendar.name == standard.calendar) return calendar.time_zone;
  }
  return absl::UTCTimeZone();
}

std::string Volume(const AggregateCell& cell) {
  return absl::StrFormat("%7d", cell.met + cell.breached + cell.excluded);
}

std::string Within(const AggregateCell& cell) {
  if (cell.met + cell.breached == 0) return "     - ";
  return absl::StrFormat("%5.1f %%", cell.compliance() * 100);
}

}  // namespace

std::vector<StandardToDate> ToDate(const EngineConfig& config, const PortableAggregates& aggregates,
                                   absl::Time now) {
  std::vector<StandardToDate> totals(config.standards.size());
  std::map<std::string, size_t> index;
  std::vector<int64_t> day_start(config.standards.size()), month_start(config.standards.size());
  for (size_t i = 0; i < config.standards.size(); ++i) {
    const Standard& standard = config.standards[i];
    index[standard.id] = i;
    const absl::CivilSecond local = absl::ToCivilSecond(now, ZoneOf(config, standard));
    day_start[i] = PeriodStart(PeriodKind::kDay, local);
    month_start[i] = PeriodStart(PeriodKind::kMonth, local);
  }
  for (const auto& [key, cell] : aggregates.cells()) {
    auto it = index.find(key.standard);
    if (it == index.end()) continue;
    if (key.period == PeriodKind::kDay && key.period_start == day_start[it->second]) {
      totals[it->second].today.Merge(cell);
    } else if (key.period == PeriodKind::kMonth && key.period_start == month_start[it->second]) {
      totals[it->second].month.Merge(cell);
    }
  }
  return totals;
}

std::string LiveReport(const EngineConfig& config, const std::vector<StandardToDate>& to_date) {
  std::string report;
  for (size_t i = 0; i < config.standards.size() && i < to_date.size(); ++i) {
    const Standard& standard = config.standards[i];
    absl::StrAppendFormat(&report, "%-28s today %s within %s   month %s within %s   target %.0f %%\n",
                          standard.id, Volume(to_date[i].today), Within(to_date[i].today),
                          Volume(to_date[i].month), Within(to_date[i].month), standard.target * 100);
  }
  return report;
}

}  // namespace ontime

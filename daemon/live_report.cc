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

// What the metrics say, in the same words: judged (met + breached), the
// share of those within the standard, and the excluded apart, for they are
// in neither (an abandon within the grace says nothing of timeliness).
std::string Figures(const AggregateCell& cell) {
  const uint64_t judged = cell.met + cell.breached;
  const std::string within = judged == 0 ? std::string("     -  ") : absl::StrFormat("%5.1f %%", cell.compliance() * 100);
  return absl::StrFormat("%6d judged %s within, %5d excluded", judged, within, cell.excluded);
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

void AddToDate(const Aggregates& aggregates, const ToDateStarts& starts, std::vector<StandardToDate>* totals) {
  for (size_t i = 0; i < totals->size() && i < starts.day.size(); ++i) {
    const auto standard = static_cast<StandardIndex>(i);
    aggregates.AddTotal(standard, PeriodKind::kDay, starts.day[i], &(*totals)[i].today);
    aggregates.AddTotal(standard, PeriodKind::kMonth, starts.month[i], &(*totals)[i].month);
  }
}

std::string LiveReport(const EngineConfig& config, const std::vector<StandardToDate>& to_date) {
  std::string report;
  for (size_t i = 0; i < config.standards.size() && i < to_date.size(); ++i) {
    const Standard& standard = config.standards[i];
    absl::StrAppendFormat(&report, "%-28s today %s   month %s   target %.0f %%\n", standard.id,
                          Figures(to_date[i].today), Figures(to_date[i].month), standard.target * 100);
  }
  return report;
}

}  // namespace ontime

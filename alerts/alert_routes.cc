#include "alerts/alert_routes.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "statements/plain_figures.h"

namespace ontime {
namespace {

std::vector<std::string> Levels(const AlertLevels& levels) {
  std::vector<std::string> out;
  for (const std::string& level : {levels.at_risk, levels.overdue, levels.escalated, levels.dip}) {
    if (std::find(out.begin(), out.end(), level) == out.end()) out.push_back(level);
  }
  return out;
}

}  // namespace

AlertRoutes PlanAlertRoutes(const AlertSettings& alerts, const std::vector<std::string>& service_labels) {
  std::vector<std::string> services;
  for (const auto& [service, hours] : alerts.services) {
    if (service != "default") services.push_back(service);
  }
  for (const std::string& service : service_labels) {
    if (std::find(services.begin(), services.end(), service) == services.end()) services.push_back(service);
  }
  std::sort(services.begin(), services.end());
  services.push_back("");  // every other service
  AlertRoutes plan;
  for (const std::string& service : services) {
    const ServiceHours& hours = alerts.HoursOf(service.empty() ? "default" : service);
    for (const std::string& level : Levels(alerts.levels)) {
      AlertRoute& route = plan.routes.emplace_back();
      route.service = service;
      route.level = level;
      route.urgent = std::find(hours.urgent_levels.begin(), hours.urgent_levels.end(), level) !=
                     hours.urgent_levels.end();
      if (!route.urgent) route.calendar = hours.calendar;
      if (!route.calendar.empty() &&
          std::find(plan.calendars.begin(), plan.calendars.end(), route.calendar) == plan.calendars.end()) {
        plan.calendars.push_back(route.calendar);
      }
    }
  }
  return plan;
}

std::vector<std::string> DescribeAlertRoutes(const AlertSettings& alerts, const AlertRoutes& routes,
                                             const EngineConfig& config) {
  std::vector<std::string> lines;
  if (!alerts.enabled()) {
    lines.push_back("alerts: off (no alerts.topic); at-risk and overdue contacts are counted in the metrics only");
    return lines;
  }
  const AlertLevels& l = alerts.levels;
  lines.push_back(absl::StrCat("alerts: written to ", alerts.topic, "; at risk: ", l.at_risk, ", overdue: ", l.overdue,
                               ", escalated: ", l.escalated, ", dips: ", l.dip));
  for (const Standard& standard : config.standards) {
    if (standard.escalate_after <= 0) continue;
    lines.push_back(absl::StrCat("  ", standard.id, ": escalates to ", l.escalated, " when more than ",
                                 MeasureInWords(standard, MeasureValue(standard, standard.escalate_after)).value_or("?"),
                                 " overdue"));
  }
  for (const Standard& standard : config.standards) {
    if (standard.dip_windows.empty()) continue;
    lines.push_back(absl::StrCat("  ", standard.id, ": a dip over ", absl::StrJoin(standard.dip_windows, ", "),
                                 " when below ", Percent(static_cast<uint64_t>(standard.target * 1e6 + 0.5), 1000000),
                                 " with at least ", std::max<int64_t>(standard.min_volume, 1),
                                 " judged; resolved 2 points above"));
  }
  for (const AlertRoute& route : routes.routes) {
    lines.push_back(absl::StrCat("  ", route.service.empty() ? "every other service" : route.service, ", ",
                                 route.level, ": ",
                                 route.calendar.empty() ? "at any hour"
                                                        : absl::StrCat("in the opening hours of ", route.calendar,
                                                                       " (out of hours: at the next opening)")));
  }
  if (!alerts.alertmanager.url.empty()) {
    lines.push_back(absl::StrCat("  delivered to Alertmanager at ", alerts.alertmanager.url, ", re-sent every ",
                                 absl::FormatDuration(alerts.alertmanager.resend_every)));
  }
  return lines;
}

}  // namespace ontime

// Who is told about what, and when: the routes the alerts config implies,
// one per (service, level), with the opening hours each goes out in. The
// same model is said in plain words by `ontime check-config` and written as
// Alertmanager routes and time intervals by `ontime alertmanager-config`, so
// routing and service hours are configured in one place (ontime's config).
#ifndef ONTIME_ALERTS_ALERT_ROUTES_H_
#define ONTIME_ALERTS_ALERT_ROUTES_H_

#include <string>
#include <vector>

#include "config/alert_settings.h"
#include "engine/engine_config.h"

namespace ontime {

struct AlertRoute {
  // A service label, or empty for every service without routes of its own.
  std::string service;
  std::string level;
  // The calendar whose opening hours the route is active in; empty: any hour.
  std::string calendar;
  bool urgent = false;
};

struct AlertRoutes {
  std::vector<AlertRoute> routes;
  // The calendars the routes name, in the order first named.
  std::vector<std::string> calendars;
};

// `service_labels`: the services the metrics (and alerts) name
// (daemon.service_labels); each gets routes, beside those alerts.services
// names. The catch-all routes (service "") come last.
AlertRoutes PlanAlertRoutes(const AlertSettings& alerts, const std::vector<std::string>& service_labels);

// The routes in plain words, a line each, with the escalation of each
// standard that escalates:
//   "housing, head_of_service: at any hour"
//   "every other service, team_lead: in the opening hours of council"
std::vector<std::string> DescribeAlertRoutes(const AlertSettings& alerts, const AlertRoutes& routes,
                                             const EngineConfig& config);

}  // namespace ontime

#endif  // ONTIME_ALERTS_ALERT_ROUTES_H_

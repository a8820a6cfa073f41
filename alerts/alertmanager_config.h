// The Alertmanager configuration that goes with ontime's alerts config:
// routes by service and escalation level, grouped into digests, active in
// the opening hours of each service's calendar (time_intervals generated
// from ontime's calendars, with the calendar's time zone as their
// location), holidays muted, urgent levels at any hour.
//
// Receivers (e-mail, chat) are the organisation's: given as Alertmanager
// `receivers:` YAML, they are copied as they are. A route for service S and
// level L goes to the receiver named "S-L" if there is one, else "L"; a
// level with no receiver of its name gets an empty one (Alertmanager
// accepts it; nothing is sent), and the output says so.
#ifndef ONTIME_ALERTS_ALERTMANAGER_CONFIG_H_
#define ONTIME_ALERTS_ALERTMANAGER_CONFIG_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "alerts/alert_routes.h"
#include "engine/calendar.h"

namespace ontime {

// Digest timing: a burst of alerts (10,000 contacts going overdue after an
// outage) becomes one notification per route within group_wait.
struct DigestTiming {
  absl::Duration group_wait = absl::Seconds(30);
  absl::Duration group_interval = absl::Minutes(5);
  absl::Duration repeat_interval = absl::Hours(4);
};

// `receivers_yaml`: an Alertmanager receivers list (or a map holding
// `receivers:`), or empty.
absl::StatusOr<std::string> AlertmanagerConfig(const AlertRoutes& routes, const std::vector<CalendarSpec>& calendars,
                                               const std::string& receivers_yaml, const DigestTiming& timing = {});

// The time interval names for a calendar: its opening hours, its holidays.
std::string OpenIntervalName(const std::string& calendar);
std::string HolidaysIntervalName(const std::string& calendar);

}  // namespace ontime

#endif  // ONTIME_ALERTS_ALERTMANAGER_CONFIG_H_

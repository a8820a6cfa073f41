// When an alert may go out: in the opening hours of its service's calendar
// (holidays and clock changes as the calendar has them), or at once for an
// urgent level or a service without hours.
#ifndef ONTIME_ALERTS_SERVICE_HOURS_H_
#define ONTIME_ALERTS_SERVICE_HOURS_H_

#include "absl/time/time.h"
#include "engine/calendar.h"

namespace ontime {

// `t` if the calendar is open at `t`, else the start of its next opening;
// InfiniteFuture if it opens on none of the next 400 days.
absl::Time NextOpenInstant(const Calendar& calendar, absl::Time t);

}  // namespace ontime

#endif  // ONTIME_ALERTS_SERVICE_HOURS_H_

#include "alerts/service_hours.h"

#include <algorithm>

namespace ontime {

absl::Time NextOpenInstant(const Calendar& calendar, absl::Time t) {
  // A year and a month: a calendar closed that long is closed (revisit if a
  // seasonal service ever needs longer).
  constexpr int kDaysAhead = 400;
  absl::CivilDay day = calendar.LocalDay(t);
  for (int i = 0; i < kDaysAhead; ++i, ++day) {
    if (!calendar.IsWorkingDay(day)) continue;
    for (const Interval& open : calendar.OpenIntervals(day)) {
      if (open.end > t) return std::max(t, open.begin);
    }
  }
  return absl::InfiniteFuture();
}

}  // namespace ontime

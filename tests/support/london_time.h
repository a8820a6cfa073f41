// Times and calendars in Europe/London for tests of the standard's own
// clock: a 2026 date and time as an instant, and a weekday calendar.
#ifndef ONTIME_TESTS_SUPPORT_LONDON_TIME_H_
#define ONTIME_TESTS_SUPPORT_LONDON_TIME_H_

#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "engine/calendar.h"
#include "gtest/gtest.h"

namespace ontime::testing {

inline absl::TimeZone London() {
  absl::TimeZone tz;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/London", &tz));
  return tz;
}

// `month`/`day` of 2026, at `hour`:`minute` on London's clocks.
inline absl::Time LondonTime(int month, int day, int hour, int minute = 0) {
  return absl::FromCivil(absl::CivilSecond(2026, month, day, hour, minute, 0), London());
}

// Open Monday to Friday from `open_minute` to `close_minute` past
// midnight, London time, no holidays.
inline CalendarSpec WeekdayCalendar(std::string name, int open_minute, int close_minute) {
  CalendarSpec calendar;
  calendar.name = std::move(name);
  calendar.time_zone = London();
  for (size_t d = 0; d < 5; ++d) calendar.opening_hours[d] = {{open_minute * 60, close_minute * 60}};
  return calendar;
}

}  // namespace ontime::testing

#endif  // ONTIME_TESTS_SUPPORT_LONDON_TIME_H_

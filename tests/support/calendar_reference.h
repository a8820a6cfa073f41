// A brute-force reference for the business and working-day clocks, written
// independently of engine/: it walks time minute by minute and asks the time
// zone what the local clock shows, keeping the highest local time seen so far
// (the "high-water" reading). A local time T "has come" exactly when the
// high-water reading reaches T, which is the engine's rule for turning local
// times into instants, stated the other way round. Within a UTC minute
// without a transition the clock runs evenly, so the highest reading before
// a transition at minute m is the reading at m - 1 min plus 59 s: the last
// whole second actually shown (the 60th is never shown, the clock goes back).
//
// Exact when every calendar boundary and every zone transition falls on a
// whole UTC minute (zones with offsets in multiples of 15 minutes, opening
// hours on 15-minute marks): open-ness is then constant within each minute.
#ifndef ONTIME_TESTS_SUPPORT_CALENDAR_REFERENCE_H_
#define ONTIME_TESTS_SUPPORT_CALENDAR_REFERENCE_H_

#include <algorithm>
#include <cstdint>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "engine/calendar.h"

namespace ontime::testing {

class CalendarReference {
 public:
  explicit CalendarReference(const CalendarSpec& spec) : spec_(spec) {}

  // The highest local time the clock has shown up to and including `t`.
  absl::CivilSecond HighWater(absl::Time t) const {
    const absl::Time minute = FloorMinute(t);
    absl::CivilSecond hw = Local(minute - absl::Hours(4));
    for (absl::Time m = minute - absl::Hours(4) + absl::Minutes(1); m <= minute;
         m += absl::Minutes(1)) {
      hw = std::max({hw, Local(m - absl::Minutes(1)) + 59, Local(m)});
    }
    return std::max(hw, Local(t));
  }

  // Not a holiday, and open at some moment: a span that lies wholly inside
  // the hour a clock change skips never opens.
  bool IsWorkingDay(absl::CivilDay day) const {
    if (spec_.holidays.contains(day)) return false;
    for (const OpeningSpan& s : Spans(day)) {
      const auto begin = spec_.time_zone.At(absl::CivilSecond(day) + s.begin_second);
      const auto end = spec_.time_zone.At(absl::CivilSecond(day) + s.end_second);
      const bool vanishes = begin.kind == absl::TimeZone::TimeInfo::SKIPPED &&
                            end.kind == absl::TimeZone::TimeInfo::SKIPPED &&
                            begin.trans == end.trans;
      if (!vanishes) return true;
    }
    return false;
  }

  bool OpenAt(absl::CivilSecond hw) const {
    const absl::CivilDay day(hw);
    if (spec_.holidays.contains(day)) return false;
    const int64_t second = hw - absl::CivilSecond(day);
    for (const OpeningSpan& s : Spans(day)) {
      if (second >= s.begin_second && second < s.end_second) return true;
    }
    return false;
  }

  // Open microseconds in [a, b), walking minute by minute.
  int64_t OpenMicros(absl::Time a, absl::Time b) const {
    if (!(a < b)) return 0;
    int64_t total = 0;
    absl::Time m = FloorMinute(a);
    absl::CivilSecond hw = HighWater(m);
    for (; m < b; m += absl::Minutes(1)) {
      if (m != FloorMinute(a)) {
        hw = std::max({hw, Local(m - absl::Minutes(1)) + 59, Local(m)});
      }
      if (!OpenAt(hw)) continue;
      const absl::Time begin = std::max(a, m), end = std::min(b, m + absl::Minutes(1));
      if (begin < end) total += absl::ToInt64Microseconds(end - begin);
    }
    return total;
  }

  // The effective day of receipt.
  absl::CivilDay ReceiptDay(absl::Time received) const {
    const absl::CivilSecond hw = HighWater(received);
    absl::CivilDay day(hw);
    if (IsWorkingDay(day) && hw - absl::CivilSecond(day) < spec_.cut_off_second) return day;
    do ++day; while (!IsWorkingDay(day));
    return day;
  }

  // Working days from the day of receipt to a stop at `t`.
  int64_t WorkingDays(absl::CivilDay receipt_day, absl::Time t) const {
    const absl::CivilDay stop_day(HighWater(t));
    int64_t j = 0;
    for (absl::CivilDay d = receipt_day; d < stop_day;) {
      do ++d; while (!IsWorkingDay(d));
      ++j;
    }
    return j;
  }

 private:
  static absl::Time FloorMinute(absl::Time t) {
    return absl::FromUnixSeconds(absl::ToUnixSeconds(t) / 60 * 60 -
                                 (absl::ToUnixSeconds(t) % 60 < 0 ? 60 : 0));
  }
  absl::CivilSecond Local(absl::Time t) const {
    return absl::ToCivilSecond(t, spec_.time_zone);
  }
  const std::vector<OpeningSpan>& Spans(absl::CivilDay day) const {
    const int index = (static_cast<int>(absl::GetWeekday(day)) + 7) % 7;
    return spec_.opening_hours[static_cast<size_t>(index)];
  }

  const CalendarSpec& spec_;
};

}  // namespace ontime::testing

#endif  // ONTIME_TESTS_SUPPORT_CALENDAR_REFERENCE_H_

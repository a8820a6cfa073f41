// Hand-written cases for the days that break naive clocks: the clocks-change
// Sundays and the last minute before a bank holiday (Europe/London, 2026).
#include "absl/time/civil_time.h"
#include "engine/business_clock.h"
#include "engine/calendar.h"
#include "engine/working_day_clock.h"
#include "gtest/gtest.h"

namespace ontime {
namespace {

absl::TimeZone London() {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/London", &zone));
  return zone;
}

absl::Time At(int y, int mo, int d, int h, int mi, int s) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), London());
}

CalendarSpec Office() {
  CalendarSpec spec;
  spec.name = "office";
  spec.time_zone = London();
  for (int d = 0; d < 5; ++d) spec.opening_hours[static_cast<size_t>(d)] = {{9 * 3600, 17 * 3600}};
  spec.holidays = {absl::CivilDay(2026, 8, 31), absl::CivilDay(2026, 12, 25),
                   absl::CivilDay(2026, 12, 28)};
  spec.cut_off_second = 17 * 3600;
  return spec;
}

CalendarSpec RoundTheClock() {
  CalendarSpec spec;
  spec.name = "24x7";
  spec.time_zone = London();
  for (auto& day : spec.opening_hours) day = {{0, 86400}};
  return spec;
}

TEST(AwkwardDays, SpringForwardSundayHas23Hours) {
  const Calendar calendar(RoundTheClock());
  const BusinessClock clock(&calendar);
  const Interval day[] = {{At(2026, 3, 29, 0, 0, 0), At(2026, 3, 30, 0, 0, 0)}};
  EXPECT_EQ(clock.Measure(day), absl::ToInt64Microseconds(absl::Hours(23)));
}

TEST(AwkwardDays, FallBackSundayHas25Hours) {
  const Calendar calendar(RoundTheClock());
  const BusinessClock clock(&calendar);
  const Interval day[] = {{At(2026, 10, 25, 0, 0, 0), At(2026, 10, 26, 0, 0, 0)}};
  EXPECT_EQ(clock.Measure(day), absl::ToInt64Microseconds(absl::Hours(25)));
}

TEST(AwkwardDays, OpeningInsideTheSkippedHourOpensAtTheChange) {
  CalendarSpec spec = RoundTheClock();
  spec.opening_hours[6] = {{1 * 3600 + 1800, 3 * 3600}};  // Sunday 01:30-03:00
  const Calendar calendar(spec);
  // 01:00-02:00 GMT does not exist on 2026-03-29: the clock reads 02:00 BST
  // at 01:00 UTC, so the span is 01:00Z-02:00Z: one hour.
  const auto open = calendar.OpenIntervals(absl::CivilDay(2026, 3, 29));
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].begin, absl::FromCivil(absl::CivilSecond(2026, 3, 29, 1, 0, 0), absl::UTCTimeZone()));
  EXPECT_EQ(open[0].end - open[0].begin, absl::Hours(1));
}

TEST(AwkwardDays, ClosingInsideTheRepeatedHourClosesTheFirstTime) {
  CalendarSpec spec = RoundTheClock();
  spec.opening_hours[6] = {{0, 1 * 3600 + 1800}};  // Sunday 00:00-01:30
  const Calendar calendar(spec);
  const auto open = calendar.OpenIntervals(absl::CivilDay(2026, 10, 25));
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].end - open[0].begin, absl::Minutes(90));
}

TEST(AwkwardDays, EightBusinessHoursFromFridayAfternoonEndMondayAfternoon) {
  const Calendar calendar(Office());
  const BusinessClock clock(&calendar);
  const Interval from[] = {{At(2026, 10, 23, 16, 0, 0), absl::InfiniteFuture()}};
  // Friday 16:00-17:00 (BST), then Monday 09:00-16:00 (GMT, after the change).
  EXPECT_EQ(clock.BreachesAt(from, absl::ToInt64Microseconds(absl::Hours(8))),
            At(2026, 10, 26, 16, 0, 0) + absl::Microseconds(1));
}

TEST(AwkwardDays, ReceivedOneSecondBeforeCutOffBeforeBankHoliday) {
  const Calendar calendar(Office());
  const WorkingDayClock clock(&calendar);
  // Friday 28 August 2026, 16:59:59; Monday 31 August is a bank holiday.
  const absl::Time received = At(2026, 8, 28, 16, 59, 59);
  EXPECT_EQ(clock.ReceiptDay(received), absl::CivilDay(2026, 8, 28));
  const Interval from[] = {{received, absl::InfiniteFuture()}};
  // D1 = Tue 1 Sep ... D10 = Mon 14 Sep; due by its end (midnight BST).
  EXPECT_EQ(clock.BreachesAt(from, 10), At(2026, 9, 15, 0, 0, 0));
  EXPECT_EQ(clock.BreachesAt(from, 1), At(2026, 9, 2, 0, 0, 0));
}

TEST(AwkwardDays, ReceivedAtCutOffBeforeBankHolidayCountsFromTuesday) {
  const Calendar calendar(Office());
  const WorkingDayClock clock(&calendar);
  const absl::Time received = At(2026, 8, 28, 17, 0, 0);
  EXPECT_EQ(clock.ReceiptDay(received), absl::CivilDay(2026, 9, 1));
  const Interval from[] = {{received, absl::InfiniteFuture()}};
  EXPECT_EQ(clock.BreachesAt(from, 10), At(2026, 9, 16, 0, 0, 0));
  // Resolved the same Tuesday: 0 working days; Wednesday: 1.
  const Interval same_day[] = {{received, At(2026, 9, 1, 12, 0, 0)}};
  EXPECT_EQ(clock.Measure(same_day), 0);
  const Interval next_day[] = {{received, At(2026, 9, 2, 9, 0, 0)}};
  EXPECT_EQ(clock.Measure(next_day), 1);
}

TEST(AwkwardDays, ChristmasClosureAndPauseDays) {
  const Calendar calendar(Office());
  const WorkingDayClock clock(&calendar);
  // Received Thu 24 Dec 10:00; 25 and 28 Dec are holidays, 26-27 a weekend.
  const absl::Time received = At(2026, 12, 24, 10, 0, 0);
  const Interval resolved[] = {{received, At(2026, 12, 29, 10, 0, 0)}};
  EXPECT_EQ(clock.Measure(resolved), 1);
  // On hold from Tue 29 Dec to Thu 31 Dec: two working days do not count.
  const Interval paused[] = {{received, At(2026, 12, 29, 10, 0, 0)},
                             {At(2026, 12, 31, 10, 0, 0), At(2027, 1, 4, 10, 0, 0)}};
  EXPECT_EQ(clock.Measure(paused), 5 - 2);
}

}  // namespace
}  // namespace ontime

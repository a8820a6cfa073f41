// The business and working-day clocks against the brute-force reference in
// tests/support/calendar_reference.h, over thousands of random calendars and
// intervals in zones with every kind of transition, many of them placed
// around the clock changes.
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/business_clock.h"
#include "engine/calendar.h"
#include "engine/working_day_clock.h"
#include "gtest/gtest.h"
#include "tests/support/calendar_reference.h"

namespace ontime {
namespace {

// Offsets in multiples of 15 minutes, so every boundary is a whole minute:
// ordinary DST (London, New York), southern DST (Santiago, whose clocks
// change at midnight; Adelaide +9:30), a 30-minute DST shift (Lord Howe),
// +5:45 (Kathmandu), +12:45 with DST (Chatham), no DST (Kolkata).
const char* const kZones[] = {"Europe/London",      "America/New_York", "America/Santiago",
                              "Australia/Adelaide", "Australia/Lord_Howe", "Asia/Kathmandu",
                              "Pacific/Chatham",    "Asia/Kolkata"};

struct RandomCalendar {
  CalendarSpec spec;
  std::string description;
};

RandomCalendar MakeCalendar(std::mt19937_64& rng) {
  RandomCalendar out;
  CalendarSpec& spec = out.spec;
  const char* zone = kZones[rng() % std::size(kZones)];
  spec.name = "random";
  EXPECT_TRUE(absl::LoadTimeZone(zone, &spec.time_zone)) << zone;
  auto quarter = [&](int lo, int hi) { return (lo + static_cast<int>(rng() % (hi - lo + 1))) * 900; };
  for (int d = 0; d < 7; ++d) {
    auto& day = spec.opening_hours[static_cast<size_t>(d)];
    switch (rng() % 6) {
      case 0: break;  // closed
      case 1: day.push_back({0, 86400}); break;  // round the clock
      case 2: {  // two spans, e.g. 08:00-12:00 and 13:00-17:30
        const int a = quarter(0, 40), b = quarter(a / 900 + 1, 50);
        const int c = quarter(b / 900 + 1, 80), e = quarter(c / 900 + 1, 96);
        day.push_back({a, b});
        day.push_back({c, e});
        break;
      }
      default: {  // one span, often across the small hours where clocks change
        const int a = quarter(0, 60);
        day.push_back({a, quarter(a / 900 + 1, 96)});
      }
    }
  }
  bool any_open = false;
  for (const auto& day : spec.opening_hours) any_open |= !day.empty();
  if (!any_open) spec.opening_hours[2].push_back({9 * 3600, 17 * 3600});
  const int holidays = static_cast<int>(rng() % 20);
  for (int i = 0; i < holidays; ++i) {
    spec.holidays.insert(absl::CivilDay(2025, 1, 1) + static_cast<int>(rng() % 1100));
  }
  spec.cut_off_second = rng() % 3 == 0 ? 86400 : quarter(0, 95);
  out.description = absl::StrCat(zone, " cut-off ", spec.cut_off_second, " s");
  for (int d = 0; d < 7; ++d) {
    absl::StrAppend(&out.description, " | d", d, ":");
    for (const OpeningSpan& s : spec.opening_hours[static_cast<size_t>(d)]) {
      absl::StrAppend(&out.description, " ", s.begin_second, "-", s.end_second);
    }
  }
  return out;
}

// An instant in 2025-2027, half of them within two days of a clock change.
absl::Time RandomInstant(std::mt19937_64& rng, absl::TimeZone zone) {
  const absl::Time from = absl::FromCivil(absl::CivilDay(2025, 1, 1), absl::UTCTimeZone());
  absl::Time t = from + absl::Microseconds(static_cast<int64_t>(rng() % (86400ull * 1000 * 1000000)));
  if (rng() % 2 == 0) {
    absl::TimeZone::CivilTransition transition;
    if (zone.NextTransition(t, &transition)) {
      const absl::Time at = absl::FromCivil(transition.from, zone);
      t = at - absl::Hours(48) + absl::Microseconds(static_cast<int64_t>(rng() % (96ull * 3600 * 1000000)));
    }
  }
  // Mostly whole seconds, sometimes a microsecond off a boundary.
  if (rng() % 3 != 0) t = absl::FromUnixSeconds(absl::ToUnixSeconds(t));
  return t;
}

TEST(BusinessClockProperty, MeasureAndDeadlineMatchMinuteByMinuteWalk) {
  std::mt19937_64 rng(20261125);
  for (int c = 0; c < 400; ++c) {
    const RandomCalendar random = MakeCalendar(rng);
    const Calendar calendar(random.spec);
    const BusinessClock clock(&calendar);
    const testing::CalendarReference reference(random.spec);
    for (int i = 0; i < 8; ++i) {
      const absl::Time a = RandomInstant(rng, random.spec.time_zone);
      const absl::Time b = a + absl::Seconds(static_cast<int64_t>(rng() % (5 * 86400)));
      const Interval span[] = {{a, b}};
      ASSERT_EQ(clock.Measure(span), reference.OpenMicros(a, b))
          << random.description << " from " << a << " to " << b;

      const int64_t threshold =
          absl::ToInt64Microseconds(absl::Seconds(static_cast<int64_t>(rng() % (20 * 3600))));
      const Interval open_ended[] = {{a, absl::InfiniteFuture()}};
      const absl::Time due = clock.BreachesAt(open_ended, threshold);
      ASSERT_NE(due, absl::InfiniteFuture()) << random.description;
      // A stop at `due` measures one microsecond over; one before, exactly on.
      ASSERT_EQ(reference.OpenMicros(a, due), threshold + 1)
          << random.description << " from " << a << " threshold " << threshold;
      ASSERT_EQ(reference.OpenMicros(a, due - absl::Microseconds(1)), threshold)
          << random.description << " from " << a << " threshold " << threshold;
    }
  }
}

TEST(WorkingDayClockProperty, DaysAndDeadlineMatchDayByDayWalk) {
  std::mt19937_64 rng(5201);
  for (int c = 0; c < 1000; ++c) {
    const RandomCalendar random = MakeCalendar(rng);
    const Calendar calendar(random.spec);
    const WorkingDayClock clock(&calendar);
    const testing::CalendarReference reference(random.spec);
    for (int i = 0; i < 5; ++i) {
      const absl::Time received = RandomInstant(rng, random.spec.time_zone);
      const absl::CivilDay d0 = reference.ReceiptDay(received);
      ASSERT_EQ(clock.ReceiptDay(received), d0)
          << random.description << " received " << received;

      const absl::Time stop = received + absl::Seconds(static_cast<int64_t>(rng() % (30 * 86400)));
      const Interval span[] = {{received, stop}};
      ASSERT_EQ(clock.Measure(span), reference.WorkingDays(d0, stop))
          << random.description << " received " << received << " stopped " << stop;

      const int64_t n = static_cast<int64_t>(rng() % 15);
      const Interval open_ended[] = {{received, absl::InfiniteFuture()}};
      const absl::Time due = clock.BreachesAt(open_ended, n);
      ASSERT_EQ(reference.WorkingDays(d0, due), n + 1)
          << random.description << " received " << received << " n " << n;
      ASSERT_EQ(reference.WorkingDays(d0, due - absl::Microseconds(1)), n)
          << random.description << " received " << received << " n " << n;
    }
  }
}

}  // namespace
}  // namespace ontime

// The endless simulator of the embedded default: delivery order, contact ids
// that never meet across weeks, and the same events however it is polled.
#include "simulator/live_traffic.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace ontime {
namespace {

SimulationOptions Options() {
  SimulationOptions options;
  options.first_day = absl::CivilDay(2026, 10, 1);
  options.calls_per_weekday = 200;
  return options;
}

TEST(LiveTraffic, DeliversInOrderAcrossWeeksWithDistinctContacts) {
  LiveTraffic traffic(Options());
  std::vector<SimulatedEvent> events;
  traffic.TakeDue(traffic.start() + absl::Hours(24 * 20), &events);
  ASSERT_GT(events.size(), 1000u);
  std::map<std::string, std::string> week_of;  // contact -> its id's week prefix
  std::set<std::string> weeks;
  for (size_t i = 0; i < events.size(); ++i) {
    if (i > 0) {
      ASSERT_LE(events[i - 1].delivered, events[i].delivered);
    }
    const std::string& id = events[i].event.contact_id();
    const std::string week = id.substr(0, id.find('-'));
    weeks.insert(week);
    auto [it, inserted] = week_of.emplace(id, week);
    EXPECT_EQ(it->second, week);
  }
  EXPECT_GE(weeks.size(), 3u);  // W0, W1, W2
}

TEST(LiveTraffic, PollingInSmallStepsGivesTheSameEvents) {
  LiveTraffic once(Options()), stepped(Options());
  const absl::Time until = once.start() + absl::Hours(24 * 9);
  std::vector<SimulatedEvent> all, pieces;
  once.TakeDue(until, &all);
  for (absl::Time t = stepped.start(); t <= until; t += absl::Minutes(37)) stepped.TakeDue(t, &pieces);
  stepped.TakeDue(until, &pieces);
  ASSERT_EQ(all.size(), pieces.size());
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].event.SerializeAsString(), pieces[i].event.SerializeAsString());
  }
}

}  // namespace
}  // namespace ontime

namespace ontime {
namespace {

bool Weekend(absl::CivilDay day) {
  return absl::GetWeekday(day) == absl::Weekday::saturday || absl::GetWeekday(day) == absl::Weekday::sunday;
}

// Every day of ten years as "today": the demo opens on the first Monday to
// Friday of the month before, whatever weekday that month starts on.
TEST(DemoFirstDay, IsTheFirstWeekdayOfTheMonthBeforeForEveryDayOfTenYears) {
  for (absl::CivilDay today(2025, 1, 1); today < absl::CivilDay(2035, 1, 1); ++today) {
    const absl::CivilDay first = DemoFirstDay(today);
    ASSERT_EQ(absl::CivilMonth(first), absl::CivilMonth(today) - 1) << today;
    ASSERT_FALSE(Weekend(first)) << today;
    for (absl::CivilDay before = absl::CivilDay(absl::CivilMonth(first)); before < first; ++before) {
      ASSERT_TRUE(Weekend(before)) << today;
    }
  }
  // The case that turned CI red: in December 2026 the month before starts
  // on Sunday 1 November.
  EXPECT_EQ(DemoFirstDay(absl::CivilDay(2026, 12, 2)), absl::CivilDay(2026, 11, 2));
  EXPECT_EQ(DemoFirstDay(absl::CivilDay(2026, 11, 30)), absl::CivilDay(2026, 10, 1));
}

TEST(DemoClockStart, IsEightInTheMorningLocalTimeEvenOnAClockChangeDay) {
  absl::TimeZone london;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/London", &london));
  const absl::Time start = DemoClockStart(absl::CivilDay(2026, 10, 26), london);  // the Monday after BST ends
  EXPECT_EQ(absl::ToCivilSecond(start, london), absl::CivilSecond(2026, 10, 26, 8, 0, 0));
  EXPECT_EQ(absl::ToCivilSecond(DemoClockStart(absl::CivilDay(2026, 3, 30), london), absl::UTCTimeZone()),
            absl::CivilSecond(2026, 3, 30, 7, 0, 0));
}

}  // namespace
}  // namespace ontime

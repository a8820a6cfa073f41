// Figures in words: every rule plain_figures.h states, at its edges.
#include "statements/plain_figures.h"

#include "gtest/gtest.h"

namespace ontime {
namespace {

Standard Timed(Stage stage, ClockKind clock) {
  Standard s;
  s.id = "s";
  s.stage = stage;
  s.clock = clock;
  return s;
}

TEST(PlainFigures, ThousandsAreGrouped) {
  EXPECT_EQ(Thousands(0), "0");
  EXPECT_EQ(Thousands(999), "999");
  EXPECT_EQ(Thousands(1000), "1,000");
  EXPECT_EQ(Thousands(18204), "18,204");
  EXPECT_EQ(Thousands(1234567), "1,234,567");
  EXPECT_EQ(Thousands(18446744073709551615u), "18,446,744,073,709,551,615");
}

TEST(PlainFigures, PercentRoundsHalfUpFromTheExactCounts) {
  EXPECT_EQ(Percent(15117, 18204), "83.0%");
  EXPECT_EQ(Percent(1663, 2000), "83.2%") << "83.15% exactly: half up";
  EXPECT_EQ(Percent(16629, 20000), "83.1%") << "83.145%";
  EXPECT_EQ(Percent(0, 7), "0.0%");
  EXPECT_EQ(Percent(7, 7), "100.0%");
  EXPECT_EQ(Percent(1999, 2000), "100.0%") << "99.95% rounds up to 100.0%";
  EXPECT_EQ(Percent(1, 3), "33.3%");
  EXPECT_EQ(Percent(2, 3), "66.7%");
  EXPECT_EQ(Percent(0, 0), "-") << "nothing judged is not 0%";
  EXPECT_EQ(Percent(9000000000000000000u, 10000000000000000000u), "90.0%") << "no overflow";
  // Against long division: the quotient in tenths of a percent, and up by
  // one when the remainder is at least half the divisor.
  for (uint64_t whole = 1; whole <= 400; ++whole) {
    for (uint64_t part = 0; part <= whole; ++part) {
      const uint64_t quotient = part * 1000 / whole, remainder = part * 1000 % whole;
      const uint64_t tenths = 2 * remainder >= whole ? quotient + 1 : quotient;
      ASSERT_EQ(Percent(part, whole), std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%")
          << part << "/" << whole;
    }
  }
}

TEST(PlainFigures, MeasuresInTheStandardsOwnUnits) {
  const Standard answer = Timed(Stage::kFirstResponse, ClockKind::kElapsed);
  EXPECT_EQ(*MeasureInWords(answer, 21.4), "21 seconds");
  EXPECT_EQ(*MeasureInWords(answer, 1.0), "1 second");
  EXPECT_EQ(*MeasureInWords(answer, 119.4), "119 seconds");
  EXPECT_EQ(*MeasureInWords(answer, 120), "2 minutes");
  EXPECT_EQ(*MeasureInWords(answer, 210), "3.5 minutes");
  EXPECT_EQ(*MeasureInWords(answer, 3 * 3600), "3 hours");
  EXPECT_EQ(*MeasureInWords(answer, 3600 * 30), "30 hours");
  EXPECT_EQ(*MeasureInWords(answer, 86400 * 3.25), "3.3 days");
  EXPECT_EQ(*MeasureInWords(Timed(Stage::kFirstResponse, ClockKind::kBusiness), 720), "12 minutes of opening hours");
  const Standard letters = Timed(Stage::kFirstResponse, ClockKind::kWorkingDays);
  EXPECT_EQ(*MeasureInWords(letters, 2.1), "2.1 working days");
  EXPECT_EQ(*MeasureInWords(letters, 1), "1 working day");
  Standard satisfaction = Timed(Stage::kSatisfaction, ClockKind::kElapsed);
  satisfaction.score_scale = 5;
  EXPECT_EQ(*MeasureInWords(satisfaction, 4.24), "4.2 out of 5");
  EXPECT_EQ(*MeasureInWords(Timed(Stage::kTransfers, ClockKind::kElapsed), 1), "1 transfer");
  EXPECT_EQ(*MeasureInWords(Timed(Stage::kTransfers, ClockKind::kElapsed), 2), "2 transfers");
  EXPECT_FALSE(MeasureInWords(Timed(Stage::kPromise, ClockKind::kElapsed), 1).has_value());
  EXPECT_FALSE(MeasureInWords(Timed(Stage::kFirstContactResolution, ClockKind::kElapsed), 1).has_value());
}

TEST(PlainFigures, ChangeInPoints) {
  EXPECT_EQ(ChangeInWords(0.810, 0.831), "up 2.1 points");
  EXPECT_EQ(ChangeInWords(0.831, 0.827), "down 0.4 points");
  EXPECT_EQ(ChangeInWords(0.80, 0.81), "up 1.0 point");
  EXPECT_EQ(ChangeInWords(0.8, 0.8004), "no change");
  EXPECT_EQ(ChangeInWords(0.9, 0.8), "down 10.0 points");
}

TEST(PlainFigures, RunsInWords) {
  EXPECT_EQ(RunInWords(1, false), "");
  EXPECT_EQ(RunInWords(2, true), "met for the second month running");
  EXPECT_EQ(RunInWords(3, false), "not met for the third month running");
  EXPECT_EQ(RunInWords(12, true), "met for the twelfth month running");
  EXPECT_EQ(RunInWords(13, true), "met for the 13th month running");
  EXPECT_EQ(RunInWords(21, false), "not met for the 21st month running");
  EXPECT_EQ(RunInWords(22, false), "not met for the 22nd month running");
  EXPECT_EQ(RunInWords(23, false), "not met for the 23rd month running");
  EXPECT_EQ(RunInWords(111, true), "met for the 111th month running");
}

TEST(PlainFigures, MonthsInWords) {
  EXPECT_EQ(MonthInWords(absl::CivilMonth(2026, 10)), "October 2026");
  EXPECT_EQ(MonthInWords(absl::CivilMonth(2027, 1)), "January 2027");
  EXPECT_EQ(MonthInWords(absl::CivilMonth(2026, 12)), "December 2026");
}

}  // namespace
}  // namespace ontime

// The monthly statement's figures: which month a contact counts in (receipt
// or decision, in the standard's zone), open contacts past their deadline
// and pending ones, met exactly at the target, the floor, the trend, change,
// year to date, runs, breakdowns, fair treatment and the dips with their
// explanations. Each expectation is worked out by hand from the counts.
#include "statements/monthly_statement.h"

#include <gtest/gtest.h>

#include "statements/statement_history.h"
#include "tests/support/letter_standard.h"
#include "tests/support/london_time.h"

namespace ontime {
namespace {

using testing::London;
using testing::LondonTime;

Standard LetterReply() { return testing::LetterReply(Stage::kResolution); }

Outcome Decided(Verdict verdict, absl::Time started, absl::Time decided, int64_t measure = 3) {
  Outcome o;
  o.contact_id = "c";
  o.verdict = verdict;
  o.measure = measure;
  o.started = started;
  o.decided_at = decided;
  o.dimensions.channel = Channel::kLetter;
  return o;
}

StatementRequest October(Cohort cohort = Cohort::kReceipt) {
  StatementRequest request{.month = absl::CivilMonth(2026, 10), .settings = {}, .figures_at = LondonTime(11, 20, 12), .published = {}, .made_at = absl::InfinitePast(), .today_starts = {}};
  request.settings.count_by = cohort;
  return request;
}

// n outcomes of one verdict, received and decided on the given London days.
void AddMany(StatementHistory& history, const Standard& s, int n, Verdict verdict, absl::Time started,
             absl::Time decided, std::string_view service = "", std::string_view group = "") {
  for (int i = 0; i < n; ++i) history.AddOutcome(s, London(), Decided(verdict, started, decided), service, group);
}

TEST(StatementHistory, AContactCountsInItsReceiptMonthAndItsDecisionMonth) {
  const Standard s = LetterReply();
  StatementHistory history;
  // Received 30 September, answered 2 October.
  history.AddOutcome(s, London(), Decided(Verdict::kMet, LondonTime(9, 30, 15), LondonTime(10, 2, 11)), "", "");
  const Statement by_receipt = ComposeStatement({s}, history, {}, October(Cohort::kReceipt));
  const Statement by_decision = ComposeStatement({s}, history, {}, October(Cohort::kDecision));
  EXPECT_EQ(by_receipt.standards[0].month.judged(), 0u);
  EXPECT_EQ(by_receipt.standards[0].trend[11].figure.met, 1u);  // September
  EXPECT_EQ(by_decision.standards[0].month.met, 1u);
}

TEST(StatementHistory, MonthsAreTheStandardsLocalMonths) {
  const Standard s = LetterReply();
  StatementHistory history;
  // 23:30 UTC on 30 September is 00:30 on 1 October in London (BST).
  const absl::Time just_october = absl::FromCivil(absl::CivilSecond(2026, 9, 30, 23, 30, 0), absl::UTCTimeZone());
  history.AddOutcome(s, London(), Decided(Verdict::kMet, just_october, just_october), "", "");
  EXPECT_EQ(ComposeStatement({s}, history, {}, October()).standards[0].month.met, 1u);
}

TEST(MonthlyStatement, OpenPastTheDeadlineIsNotMetAndWithinItIsPending) {
  const Standard s = LetterReply();
  StatementHistory history;
  AddMany(history, s, 8, Verdict::kMet, LondonTime(10, 5, 10), LondonTime(10, 8, 10));
  history.AddOpen(s, London(), LondonTime(10, 6, 10), /*overdue=*/true, Channel::kLetter, "", "");
  history.AddOpen(s, London(), LondonTime(10, 6, 11), /*overdue=*/true, Channel::kLetter, "", "");
  history.AddOpen(s, London(), LondonTime(10, 30, 10), /*overdue=*/false, Channel::kLetter, "", "");

  Statement st = ComposeStatement({s}, history, {}, October());
  const PeriodFigure& f = st.standards[0].month;
  EXPECT_EQ(f.met, 8u);
  EXPECT_EQ(f.not_met, 2u);
  EXPECT_EQ(f.open_overdue, 2u);
  EXPECT_EQ(f.pending, 1u);
  EXPECT_TRUE(st.provisional());
  EXPECT_EQ(f.standing, Standing::kBelowTarget);  // 8 of 10

  StatementRequest left_out = October();
  left_out.settings.open_past_deadline_breached = false;
  st = ComposeStatement({s}, history, {}, left_out);
  EXPECT_EQ(st.standards[0].month.judged(), 8u);
  EXPECT_EQ(st.standards[0].month.standing, Standing::kMet);
}

TEST(MonthlyStatement, ExactlyAtTheTargetIsMetAndTheFloorIsItsOwnLine) {
  Standard s = LetterReply();
  s.floor = 0.8;
  auto standing = [&](int met, int breached) {
    StatementHistory history;
    AddMany(history, s, met, Verdict::kMet, LondonTime(10, 5, 10), LondonTime(10, 6, 10));
    AddMany(history, s, breached, Verdict::kBreached, LondonTime(10, 5, 10), LondonTime(10, 26, 10));
    return ComposeStatement({s}, history, {}, October()).standards[0].month.standing;
  };
  EXPECT_EQ(standing(9, 1), Standing::kMet);  // 90.0 % against 90 %
  EXPECT_EQ(standing(899, 101), Standing::kBelowTarget);
  EXPECT_EQ(standing(8, 2), Standing::kBelowTarget);  // exactly at the floor
  EXPECT_EQ(standing(799, 201), Standing::kBelowFloor);
  EXPECT_EQ(standing(0, 0), Standing::kNothingToMeasure);
}

TEST(MonthlyStatement, TrendChangeRunAndYearToDate) {
  const Standard s = LetterReply();
  StatementHistory history;
  // June to October 2026: 95 %, 85 %, 80 %, 70 %, 75 % of 20 contacts a
  // month, received mid-month.
  const int met_per_month[] = {19, 17, 16, 14, 15};
  for (int i = 0; i < 5; ++i) {
    const absl::Time mid = LondonTime(6 + i, 15, 10);
    AddMany(history, s, met_per_month[i], Verdict::kMet, mid, mid + absl::Hours(1));
    AddMany(history, s, 20 - met_per_month[i], Verdict::kBreached, mid, mid + absl::Hours(400));
  }
  const StandardStatement st = ComposeStatement({s}, history, {}, October()).standards[0];
  ASSERT_EQ(st.trend.size(), 13u);
  EXPECT_EQ(st.trend.front().month, absl::CivilMonth(2025, 10));
  EXPECT_EQ(st.trend.back().month, absl::CivilMonth(2026, 10));
  EXPECT_EQ(st.trend[8].figure.met, 19u);  // June
  EXPECT_EQ(st.change, "up 5.0 points");
  EXPECT_EQ(st.run, "not met for the fourth month running");
  // April 2026 to October: 81 of 100.
  EXPECT_EQ(st.year_from, absl::CivilMonth(2026, 4));
  EXPECT_EQ(st.year_to_date.met, 81u);
  EXPECT_EQ(st.year_to_date.judged(), 100u);
  EXPECT_EQ(st.sentence, "Of the 20 letters received in October 2026, we resolved 75.0% within 10 working days.");
}

TEST(MonthlyStatement, TheYearStartsInTheConfiguredMonth) {
  const Standard s = LetterReply();
  StatementHistory history;
  StatementRequest february{.month = absl::CivilMonth(2027, 2), .settings = {}, .figures_at = absl::Now(), .published = {}, .made_at = absl::InfinitePast(), .today_starts = {}};
  EXPECT_EQ(ComposeStatement({s}, history, {}, february).standards[0].year_from, absl::CivilMonth(2026, 4));
  february.settings.year_starts = 1;
  EXPECT_EQ(ComposeStatement({s}, history, {}, february).standards[0].year_from, absl::CivilMonth(2027, 1));
  StatementRequest april{.month = absl::CivilMonth(2026, 4), .settings = {}, .figures_at = absl::Now(), .published = {}, .made_at = absl::InfinitePast(), .today_starts = {}};
  EXPECT_EQ(ComposeStatement({s}, history, {}, april).standards[0].year_from, absl::CivilMonth(2026, 4));
}

TEST(MonthlyStatement, MedianAndNinetiethPercentileInTheStandardsOwnClock) {
  const Standard s = LetterReply();
  StatementHistory history;
  for (int days = 1; days <= 10; ++days) {
    history.AddOutcome(s, London(), Decided(Verdict::kMet, LondonTime(10, 1, 10), LondonTime(10, 20, 10), days), "",
                       "");
  }
  const StandardStatement st = ComposeStatement({s}, history, {}, October()).standards[0];
  EXPECT_EQ(st.median, "5 working days");  // nearest rank: the 5th of 10
  EXPECT_EQ(st.p90, "9 working days");
  EXPECT_EQ(st.median_value, 5.0);
}

TEST(MonthlyStatement, BreakdownsByServiceAndChannelAndFairTreatment) {
  const Standard s = LetterReply();
  StatementHistory history;
  const absl::Time in = LondonTime(10, 12, 10);
  AddMany(history, s, 90, Verdict::kMet, in, in + absl::Hours(2), "council-tax", "");
  AddMany(history, s, 10, Verdict::kBreached, in, in + absl::Hours(500), "council-tax", "");
  AddMany(history, s, 20, Verdict::kMet, in, in + absl::Hours(2), "housing", "needs-support");
  AddMany(history, s, 20, Verdict::kBreached, in, in + absl::Hours(500), "housing", "needs-support");
  AddMany(history, s, 5, Verdict::kMet, in, in + absl::Hours(2), "housing", "welsh-speaker");
  StatementRequest request = October();
  request.settings.min_group_volume = 30;
  const StandardStatement st = ComposeStatement({s}, history, {}, request).standards[0];
  ASSERT_EQ(st.by_service.size(), 2u);
  EXPECT_EQ(st.by_service[0].name, "council-tax");
  EXPECT_EQ(st.by_service[0].figure.met, 90u);
  EXPECT_EQ(st.by_service[1].figure.judged(), 45u);
  ASSERT_EQ(st.by_channel.size(), 1u);
  EXPECT_EQ(st.by_channel[0].name, "letter");
  ASSERT_EQ(st.by_customer_group.size(), 2u);
  EXPECT_EQ(st.by_customer_group[0].group, "needs-support");
  // 20 of 40 against 95 of 105 for everyone else: below, clearly.
  EXPECT_EQ(st.by_customer_group[0].comparison.finding, GapFinding::kBelowOthers);
  EXPECT_EQ(st.by_customer_group[1].comparison.finding, GapFinding::kTooFewToCompare);
}

TEST(MonthlyStatement, DaysAndWeeksBelowTargetWithTheirExplanations) {
  Standard s = LetterReply();
  s.min_volume = 5;
  StatementHistory history;
  // Wednesday 14 October: 3 of 6 met. Thursday 15: 2 of 4 (under min_volume).
  // Friday 16: 10 of 10. The week from Monday 12: 15 of 20 = 75 %.
  AddMany(history, s, 3, Verdict::kMet, LondonTime(10, 14, 10), LondonTime(10, 14, 12));
  AddMany(history, s, 3, Verdict::kBreached, LondonTime(10, 14, 10), LondonTime(10, 30, 12));
  AddMany(history, s, 2, Verdict::kMet, LondonTime(10, 15, 10), LondonTime(10, 15, 12));
  AddMany(history, s, 2, Verdict::kBreached, LondonTime(10, 15, 10), LondonTime(10, 30, 12));
  AddMany(history, s, 10, Verdict::kMet, LondonTime(10, 16, 10), LondonTime(10, 16, 12));
  DipExplanations explanations;
  explanations.explanations.push_back({.standard = "letter-reply",
                                       .period = PeriodKind::kDay,
                                       .start = absl::CivilDay(2026, 10, 14),
                                       .explanation = "The post room flooded.",
                                       .action = "Letters went to the Civic Centre."});
  const Statement st = ComposeStatement({s}, history, explanations, October());
  const std::vector<Dip>& dips = st.standards[0].dips;
  ASSERT_EQ(dips.size(), 2u);
  EXPECT_EQ(dips[0].period, PeriodKind::kDay);
  EXPECT_EQ(dips[0].start, absl::CivilDay(2026, 10, 14));
  EXPECT_EQ(dips[0].figure.met, 3u);
  ASSERT_TRUE(dips[0].explanation.has_value());
  EXPECT_EQ(dips[0].explanation->action, "Letters went to the Civic Centre.");
  EXPECT_EQ(dips[1].period, PeriodKind::kWeek);
  EXPECT_EQ(dips[1].start, absl::CivilDay(2026, 10, 12));
  EXPECT_FALSE(dips[1].explanation.has_value());
  EXPECT_EQ(st.unexplained_dips(), 1u);
}

TEST(MonthlyStatement, ByDecisionOpenContactsDoNotCount) {
  const Standard s = LetterReply();
  StatementHistory history;
  AddMany(history, s, 4, Verdict::kMet, LondonTime(9, 28, 10), LondonTime(10, 2, 10));
  history.AddOpen(s, London(), LondonTime(10, 6, 10), /*overdue=*/true, Channel::kLetter, "", "");
  const Statement st = ComposeStatement({s}, history, {}, October(Cohort::kDecision));
  EXPECT_EQ(st.standards[0].month.judged(), 4u);
  EXPECT_FALSE(st.provisional());
  EXPECT_EQ(st.standards[0].sentence, "In October 2026 we resolved 100.0% of 4 letters within 10 working days.");
}

// A month changed since the latest statement that published it is flagged
// (late outcomes, pending contacts since decided); one unchanged is not,
// and an older publication of the same month is not the one compared.
TEST(MonthlyStatement, MonthsChangedSinceTheyWerePublishedAreRevisions) {
  const Standard s = LetterReply();
  StatementHistory history;
  AddMany(history, s, 9, Verdict::kMet, LondonTime(9, 10, 10), LondonTime(9, 11, 10));
  AddMany(history, s, 2, Verdict::kBreached, LondonTime(9, 10, 10), LondonTime(10, 20, 10));
  AddMany(history, s, 5, Verdict::kMet, LondonTime(8, 10, 10), LondonTime(8, 11, 10));
  auto published = [](absl::CivilMonth month, absl::Time made_at, uint64_t met, uint64_t not_met, uint64_t pending) {
    PublishedMonth p{.month = month, .made_at = made_at, .figures = {}};
    p.figures["letter-reply"] = {.met = met, .not_met = not_met, .pending = pending};
    return p;
  };
  StatementRequest request = October();
  request.published = {published(absl::CivilMonth(2026, 9), LondonTime(10, 1, 9), 9, 0, 2),
                       published(absl::CivilMonth(2026, 9), LondonTime(10, 5, 9), 9, 1, 1),
                       published(absl::CivilMonth(2026, 8), LondonTime(9, 5, 9), 5, 0, 0)};
  const StandardStatement st = ComposeStatement({s}, history, {}, request).standards[0];
  ASSERT_EQ(st.revisions.size(), 1u);
  const Revision& r = st.revisions[0];
  EXPECT_EQ(r.month, absl::CivilMonth(2026, 9));
  EXPECT_EQ(r.published_at, LondonTime(10, 5, 9)) << "the latest publication of September";
  EXPECT_EQ(r.published.judged(), 10u);
  EXPECT_EQ(r.now.judged(), 11u);
  EXPECT_EQ(r.now.met, 9u);
}

}  // namespace
}  // namespace ontime

// The monthly statement's figures: which month a contact counts in (receipt
// or decision, in the standard's zone), open contacts past their deadline
// and pending ones, met exactly at the target, the floor, the trend, change,
// year to date, runs, breakdowns, fair treatment and the dips with their
// explanations. Each expectation is worked out by hand from the counts.
#include "statements/monthly_statement.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "statements/assessor_evidence.h"
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
  StatementRequest request{.period = {.first = absl::CivilMonth(2026, 10), .months = 1}, .settings = {}, .figures_at = LondonTime(11, 20, 12), .published = {}, .made_at = absl::InfinitePast(), .compare_with = {}, .today_starts = {}};
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
  EXPECT_EQ(by_receipt.standards[0].figure.judged(), 0u);
  EXPECT_EQ(by_receipt.standards[0].trend[11].figure.met, 1u);  // September
  EXPECT_EQ(by_decision.standards[0].figure.met, 1u);
}

TEST(StatementHistory, MonthsAreTheStandardsLocalMonths) {
  const Standard s = LetterReply();
  StatementHistory history;
  // 23:30 UTC on 30 September is 00:30 on 1 October in London (BST).
  const absl::Time just_october = absl::FromCivil(absl::CivilSecond(2026, 9, 30, 23, 30, 0), absl::UTCTimeZone());
  history.AddOutcome(s, London(), Decided(Verdict::kMet, just_october, just_october), "", "");
  EXPECT_EQ(ComposeStatement({s}, history, {}, October()).standards[0].figure.met, 1u);
}

TEST(MonthlyStatement, OpenPastTheDeadlineIsNotMetAndWithinItIsPending) {
  const Standard s = LetterReply();
  StatementHistory history;
  AddMany(history, s, 8, Verdict::kMet, LondonTime(10, 5, 10), LondonTime(10, 8, 10));
  history.AddOpen(s, London(), LondonTime(10, 6, 10), /*overdue=*/true, Channel::kLetter, "", "");
  history.AddOpen(s, London(), LondonTime(10, 6, 11), /*overdue=*/true, Channel::kLetter, "", "");
  history.AddOpen(s, London(), LondonTime(10, 30, 10), /*overdue=*/false, Channel::kLetter, "", "");

  Statement st = ComposeStatement({s}, history, {}, October());
  const PeriodFigure& f = st.standards[0].figure;
  EXPECT_EQ(f.met, 8u);
  EXPECT_EQ(f.not_met, 2u);
  EXPECT_EQ(f.open_overdue, 2u);
  EXPECT_EQ(f.pending, 1u);
  EXPECT_TRUE(st.provisional());
  EXPECT_EQ(f.standing, Standing::kBelowTarget);  // 8 of 10

  StatementRequest left_out = October();
  left_out.settings.open_past_deadline_breached = false;
  st = ComposeStatement({s}, history, {}, left_out);
  EXPECT_EQ(st.standards[0].figure.judged(), 8u);
  EXPECT_EQ(st.standards[0].figure.standing, Standing::kMet);
}

TEST(MonthlyStatement, ExactlyAtTheTargetIsMetAndTheFloorIsItsOwnLine) {
  Standard s = LetterReply();
  s.floor = 0.8;
  auto standing = [&](int met, int breached) {
    StatementHistory history;
    AddMany(history, s, met, Verdict::kMet, LondonTime(10, 5, 10), LondonTime(10, 6, 10));
    AddMany(history, s, breached, Verdict::kBreached, LondonTime(10, 5, 10), LondonTime(10, 26, 10));
    return ComposeStatement({s}, history, {}, October()).standards[0].figure.standing;
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
  StatementRequest february{.period = {.first = absl::CivilMonth(2027, 2), .months = 1}, .settings = {}, .figures_at = absl::Now(), .published = {}, .made_at = absl::InfinitePast(), .compare_with = {}, .today_starts = {}};
  EXPECT_EQ(ComposeStatement({s}, history, {}, february).standards[0].year_from, absl::CivilMonth(2026, 4));
  february.settings.year_starts = 1;
  EXPECT_EQ(ComposeStatement({s}, history, {}, february).standards[0].year_from, absl::CivilMonth(2027, 1));
  StatementRequest april{.period = {.first = absl::CivilMonth(2026, 4), .months = 1}, .settings = {}, .figures_at = absl::Now(), .published = {}, .made_at = absl::InfinitePast(), .compare_with = {}, .today_starts = {}};
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
  EXPECT_EQ(st.standards[0].figure.judged(), 4u);
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
    PublishedStatement p{.organisation = "", .period = {.first = month, .months = 1}, .made_at = made_at, .standards = {}};
    p.standards["letter-reply"].figure = {.met = met, .not_met = not_met, .pending = pending};
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

namespace ontime {
namespace {

// The organisation's year, April 2026 to March 2027: its months added up,
// its twelve months as the trend, the change against the year before, the
// months met, the year's dips and breakdowns, and other organisations'
// figures where the wording matches.
TEST(YearStatement, AddsUpItsMonthsAndComparesWithTheYearBefore) {
  const Standard s = LetterReply();
  StatementHistory history;
  // Each month of the year 20 letters received on the 15th (a Thursday in
  // April 2026): 18 met (90 %, the target) but in June, September and
  // January, 16 (80 %).
  for (int month = 4; month <= 15; ++month) {
    const int met = month == 6 || month == 9 || month == 13 ? 16 : 18;
    const absl::Time mid = LondonTime(month, 15, 10);
    AddMany(history, s, met, Verdict::kMet, mid, mid + absl::Hours(1), "housing");
    AddMany(history, s, 20 - met, Verdict::kBreached, mid, mid + absl::Hours(400), "housing");
  }
  // The year before: 10 of 20 in February and March 2026.
  for (int month = 2; month <= 3; ++month) {
    AddMany(history, s, 5, Verdict::kMet, LondonTime(month, 10, 10), LondonTime(month, 10, 12), "housing");
    AddMany(history, s, 5, Verdict::kBreached, LondonTime(month, 10, 10), LondonTime(month, 30, 12), "housing");
  }
  StatementRequest request = October();
  request.period = OrganisationYear(2026, 4);
  PublishedStatement neighbour{.organisation = "Hillside Council", .period = request.period, .made_at = absl::InfinitePast(), .standards = {}};
  neighbour.standards["letters"] = {.wording = "We aim to reply to 90 % of letters within 10 working-days.",
                                    .target = 0.9,
                                    .figure = {.met = 950, .not_met = 50}};
  neighbour.standards["calls"] = {.wording = "We aim to answer 80% of calls within 60 seconds", .target = 0.8,
                                  .figure = {.met = 1, .not_met = 0}};
  request.compare_with = {neighbour};
  const Statement statement = ComposeStatement({s}, history, {}, request);
  const StandardStatement& st = statement.standards[0];
  EXPECT_EQ(st.figure.met, 210u);  // 9 x 18 + 3 x 16
  EXPECT_EQ(st.figure.judged(), 240u);
  EXPECT_EQ(st.figure.standing, Standing::kBelowTarget);
  EXPECT_EQ(st.sentence,
            "Of the 240 letters received from April 2026 to March 2027, we resolved 87.5% within 10 working days.");
  ASSERT_EQ(st.trend.size(), 12u);
  EXPECT_EQ(st.trend.front().month, absl::CivilMonth(2026, 4));
  EXPECT_EQ(st.trend.back().month, absl::CivilMonth(2027, 3));
  EXPECT_EQ(st.change, "up 37.5 points");  // from 50.0 %
  EXPECT_EQ(st.run, "met in 9 of the 12 months measured");
  ASSERT_EQ(st.by_service.size(), 1u);
  EXPECT_EQ(st.by_service[0].figure.judged(), 240u);
  // The three 80 % days, and the three weeks that hold them.
  int days = 0, weeks = 0;
  for (const Dip& dip : st.dips) (dip.period == PeriodKind::kDay ? days : weeks)++;
  EXPECT_EQ(days, 3);
  EXPECT_EQ(weeks, 3);
  ASSERT_EQ(st.compared.size(), 1u);
  EXPECT_EQ(st.compared[0].organisation, "Hillside Council");
  EXPECT_EQ(st.compared[0].figure.standing, Standing::kMet);  // 95 % against its 90 %
  EXPECT_EQ(statement.period, OrganisationYear(2026, 4));
}

TEST(YearStatement, WordingMatchesAsWordsAndNumbers) {
  EXPECT_EQ(ComparableWording("We aim to answer 80% of calls within 60 seconds."),
            "we aim to answer 80 of calls within 60 seconds");
  EXPECT_EQ(ComparableWording("  WE AIM to answer 80 %  of calls, within 60 seconds"),
            "we aim to answer 80 of calls within 60 seconds");
  EXPECT_NE(ComparableWording("We aim to answer 90% of calls within 60 seconds"),
            ComparableWording("We aim to answer 80% of calls within 60 seconds"));
}

}  // namespace
}  // namespace ontime

namespace ontime {
namespace {

// The assessor's index for a year: a channel the element names with no
// standard is a gap; explained dips are listed with their action and the
// unexplained counted; the publication record is the archive's statements
// of the year; comparisons come from --compare.
TEST(AssessorEvidence, IndexesWhatTheYearHolds) {
  const Standard s = LetterReply();
  StatementHistory history;
  for (int month = 4; month <= 5; ++month) {
    const absl::Time mid = LondonTime(month, 15, 10);
    AddMany(history, s, 16, Verdict::kMet, mid, mid + absl::Hours(1), "housing");
    AddMany(history, s, 4, Verdict::kBreached, mid, mid + absl::Hours(400), "housing");
  }
  StatementRequest request = October();
  request.period = OrganisationYear(2026, 4);
  DipExplanations explanations;
  explanations.explanations.push_back({.standard = "letter-reply",
                                       .period = PeriodKind::kDay,
                                       .start = absl::CivilDay(2026, 4, 15),
                                       .explanation = "The post room flooded.",
                                       .action = "Letters went to the Civic Centre."});
  const Statement year = ComposeStatement({s}, history, explanations, request);
  PublishedStatement april{.organisation = "", .period = {.first = absl::CivilMonth(2026, 4), .months = 1},
                           .made_at = LondonTime(5, 5, 9), .standards = {}};
  PublishedStatement last_year{.organisation = "", .period = {.first = absl::CivilMonth(2026, 3), .months = 1},
                               .made_at = LondonTime(4, 5, 9), .standards = {}};
  const EvidenceIndex index = ComposeEvidence(year, {.publications = {april, last_year}, .alerts_configured = false});
  std::map<std::string, const EvidenceElement*> by_id;
  for (const EvidenceElement& e : index.elements) by_id[e.id] = &e;
  ASSERT_EQ(by_id.size(), 11u);
  for (const char* id : {"4.1.1", "4.1.2", "4.1.3", "4.3.1", "5.1.1", "5.1.2", "5.2.1", "5.2.5", "5.3.1", "5.3.2", "5.3.3"}) {
    EXPECT_TRUE(by_id.contains(id)) << id;
  }
  auto contains = [](const std::vector<std::string>& texts, std::string_view part) {
    return std::any_of(texts.begin(), texts.end(), [&](const std::string& t) { return t.find(part) != std::string::npos; });
  };
  // Letters have a standard; phone, email and visits do not.
  EXPECT_TRUE(contains(by_id["5.1.1"]->held, "letter: We aim to reply to 90% of letters within 10 working days."));
  EXPECT_TRUE(contains(by_id["5.1.1"]->gaps, "phone: no timeliness standard for every contact."));
  EXPECT_TRUE(contains(by_id["5.1.1"]->gaps, "visit: no timeliness standard"));
  // 80 % on 15 April and 15 May, and their weeks: one of four explained.
  EXPECT_TRUE(contains(by_id["4.3.1"]->held, "4 days and weeks below target, 1 explained with the action taken."));
  EXPECT_TRUE(contains(by_id["4.3.1"]->held,
                       "Wednesday 15 April 2026 (We aim to reply to 90% of letters within 10 working days, 80.0%): "
                       "The post room flooded. Action: Letters went to the Civic Centre."));
  EXPECT_TRUE(contains(by_id["4.3.1"]->gaps, "3 dips not yet explained"));
  // Only the statements of this year are its publication record.
  EXPECT_TRUE(contains(by_id["5.3.2"]->held, "1 statement published: April 2026 on Tuesday 5 May 2026."));
  EXPECT_TRUE(contains(by_id["5.3.3"]->not_held, "--compare"));
  EXPECT_TRUE(contains(by_id["5.3.2"]->held, "80.0% of 40, below target (met in 0 of the 2 months measured)."));
  EXPECT_TRUE(by_id["5.2.5"]->held.empty()) << "a resolution standard is no first response";
  EXPECT_FALSE(contains(by_id["5.3.1"]->held, "alerted"));
}

}  // namespace
}  // namespace ontime

// The statement as documents: golden files per format (rewrite them with
// ONTIME_UPDATE_GOLDEN=1 after a deliberate change, and read the diff), the
// HTML's accessibility structure (captions, chart text alternatives, words
// beside every symbol, no external assets), templates an organisation can
// replace, and the sentences in words a customer reads.
#include "statements/statement_render.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "statements/statement_archive.h"
#include "statements/statement_history.h"
#include "statements/statement_wording.h"
#include "tests/support/letter_standard.h"
#include "tests/support/london_time.h"

namespace ontime {
namespace {

StatementPeriod October2026() { return {.first = absl::CivilMonth(2026, 10), .months = 1}; }

using testing::London;
using testing::LondonTime;

Standard PhoneAnswer() {
  Standard s;
  s.id = "phone-answer";
  s.wording = "We aim to answer 80% of calls within 60 seconds";
  s.applies_to.channels = {Channel::kPhone};
  s.stage = Stage::kFirstResponse;
  s.threshold = 60'000'000;
  s.target = 0.8;
  s.floor = 0.7;
  s.abandoned_count_as = AbandonedCountAs::kBreached;
  s.abandoned_grace = absl::Seconds(5);
  return s;
}

Standard LetterReply() {
  Standard s = testing::LetterReply();
  s.min_volume = 3;
  return s;
}

void Add(StatementHistory& h, const Standard& s, int n, Verdict v, absl::Time started, int64_t measure,
         std::string_view service, std::string_view group, Channel channel) {
  for (int i = 0; i < n; ++i) {
    Outcome o;
    o.verdict = v;
    o.measure = measure;
    o.started = started;
    o.decided_at = started + absl::Hours(1);
    o.dimensions.channel = channel;
    h.AddOutcome(s, London(), o, service, group);
  }
}

Standard Satisfied() {
  Standard s;
  s.id = "satisfied";
  s.wording = "We aim for 85% of customers to rate our service 4 or 5 out of 5";
  s.stage = Stage::kSatisfaction;
  s.threshold = 4;
  s.target = 0.85;
  return s;
}

// A council's October: calls over two services and two customer groups,
// letters with a bad Wednesday (explained) and a week below target, and
// council-tax customers' ratings (housing's are not measured).
Statement Fixture() {
  const Standard phone = PhoneAnswer(), letter = LetterReply(), satisfied = Satisfied();
  StatementHistory h;
  Add(h, satisfied, 40, Verdict::kMet, LondonTime(10, 8, 10), 5, "council-tax", "", Channel::kPhone);
  Add(h, satisfied, 10, Verdict::kBreached, LondonTime(10, 8, 10), 2, "council-tax", "", Channel::kPhone);
  for (int m = 1; m <= 9; ++m) {
    Add(h, phone, 70 + m, Verdict::kMet, LondonTime(m, 10, 10), 30'000'000, "council-tax", "", Channel::kPhone);
    Add(h, phone, 20, Verdict::kBreached, LondonTime(m, 10, 10), 90'000'000, "council-tax", "", Channel::kPhone);
  }
  Add(h, phone, 120, Verdict::kMet, LondonTime(10, 6, 10), 25'000'000, "council-tax", "", Channel::kPhone);
  Add(h, phone, 30, Verdict::kBreached, LondonTime(10, 6, 10), 75'000'000, "council-tax", "", Channel::kPhone);
  Add(h, phone, 40, Verdict::kMet, LondonTime(10, 7, 10), 12'000'000, "housing", "needs-support", Channel::kPhone);
  Add(h, phone, 20, Verdict::kBreached, LondonTime(10, 7, 10), 80'000'000, "housing", "needs-support", Channel::kPhone);
  Add(h, phone, 6, Verdict::kExcluded, LondonTime(10, 7, 10), 3'000'000, "housing", "", Channel::kPhone);
  Add(h, letter, 30, Verdict::kMet, LondonTime(10, 5, 10), 4, "housing", "", Channel::kLetter);
  Add(h, letter, 2, Verdict::kMet, LondonTime(10, 14, 10), 6, "housing", "", Channel::kLetter);
  Add(h, letter, 3, Verdict::kBreached, LondonTime(10, 14, 10), 12, "housing", "", Channel::kLetter);
  h.AddOpen(letter, London(), LondonTime(10, 29, 10), false, Channel::kLetter, "housing", "");
  h.AddOpen(letter, London(), LondonTime(10, 1, 10), true, Channel::kLetter, "housing", "");
  DipExplanations explanations;
  explanations.explanations.push_back({.standard = "letter-reply",
                                       .period = PeriodKind::kDay,
                                       .start = absl::CivilDay(2026, 10, 14),
                                       .explanation = "The post room flooded | closed for a day.",
                                       .action = "Letters went to the Civic Centre; <two> extra officers."});
  StatementRequest request{.period = {.first = absl::CivilMonth(2026, 10), .months = 1}, .settings = {}, .figures_at = LondonTime(11, 2, 9), .published = {}, .made_at = LondonTime(11, 3, 10), .compare_with = {}, .today_starts = {}};
  request.settings.organisation = "Riverside Council";
  return ComposeStatement({phone, letter, satisfied}, h, explanations, request);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class Golden : public ::testing::TestWithParam<StatementFormat> {};

TEST_P(Golden, FormatMatchesItsGoldenFile) {
  const absl::StatusOr<std::string> text = RenderStatement(Fixture(), GetParam(), StatementTemplates::BuiltIn());
  ASSERT_TRUE(text.ok()) << text.status();
  const std::string path = std::string(ONTIME_SOURCE_DIR) + "/tests/data/statements/golden." +
                           std::string(StatementFormatName(GetParam()));
  if (std::getenv("ONTIME_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << *text;
  }
  EXPECT_EQ(*text, ReadFile(path)) << "rewrite with ONTIME_UPDATE_GOLDEN=1 if the change is meant";
}

INSTANTIATE_TEST_SUITE_P(EveryFormat, Golden,
                         ::testing::Values(StatementFormat::kMarkdown, StatementFormat::kHtml, StatementFormat::kCsv,
                                           StatementFormat::kJson),
                         [](const auto& format) { return std::string(StatementFormatName(format.param)); });

TEST(StatementHtml, TablesHaveCaptionsChartsHaveTextAndNothingIsFetched) {
  const std::string html = *RenderStatement(Fixture(), StatementFormat::kHtml, StatementTemplates::BuiltIn());
  auto count = [&](const std::string& pattern) {
    const std::regex re(pattern);
    return std::distance(std::sregex_iterator(html.begin(), html.end(), re), std::sregex_iterator());
  };
  EXPECT_GT(count("<table>"), 0);
  EXPECT_EQ(count("<table>"), count("<caption>"));
  EXPECT_EQ(count("<svg role=\"img\" aria-labelledby=\"chart-\\d-title chart-\\d-desc\""), 3);  // one a standard
  EXPECT_EQ(count("<desc id="), 3);
  // Every symbol is hidden from screen readers and followed by its words.
  EXPECT_EQ(count("<span aria-hidden=\"true\">[^<]*</span> (met|below target|below floor|nothing to measure)"),
            count("aria-hidden"));
  EXPECT_EQ(count("(src|href)=\"(https?:)?//"), 0) << "no external assets";
  EXPECT_EQ(count("<script"), 0);
  EXPECT_EQ(count("@media print"), 1);
  EXPECT_EQ(count("<html lang=\"en-GB\">"), 1);
  // Text from an explanation is escaped, never markup.
  EXPECT_EQ(count("&lt;two&gt; extra officers"), 1);
}

TEST(StatementTemplates, AnOrganisationsOwnTemplateIsUsedAndABrokenOneIsAnError) {
  StatementTemplates own = StatementTemplates::BuiltIn();
  own.markdown = "{{organisation}}, {{month}}:\n{{#standards}}* {{id}} {{achieved}} ({{standing}})\n{{/standards}}";
  EXPECT_EQ(*RenderStatement(Fixture(), StatementFormat::kMarkdown, own),
            "Riverside Council, October 2026:\n* phone-answer 76.2% (below target)\n* letter-reply 88.9% (below "
            "target)\n* satisfied 80.0% (below target)\n");
  own.markdown = "{{#standards}}unclosed";
  const absl::StatusOr<std::string> broken = RenderStatement(Fixture(), StatementFormat::kMarkdown, own);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("Markdown template"), std::string::npos) << broken.status();
}

TEST(StatementWording, SentencesInTheWordsACustomerReads) {
  EXPECT_EQ(AchievementSentence(PhoneAnswer(), Cohort::kDecision, October2026(), 15127, 18204),
            "In October 2026 we answered 83.1% of 18,204 calls within 60 seconds.");
  EXPECT_EQ(AchievementSentence(LetterReply(), Cohort::kReceipt, October2026(), 2149, 2310),
            "Of the 2,310 letters received in October 2026, we replied to 93.0% within 10 working days.");
  EXPECT_EQ(AchievementSentence(LetterReply(), Cohort::kReceipt, October2026(), 1, 1),
            "Of the 1 letter received in October 2026, we replied to 100.0% within 10 working days.");
  EXPECT_EQ(AchievementSentence(LetterReply(), Cohort::kReceipt, October2026(), 0, 0),
            "No letters received in October 2026 could be measured yet.");
  const StatementPeriod year = OrganisationYear(2026, 4);
  EXPECT_EQ(AchievementSentence(PhoneAnswer(), Cohort::kDecision, year, 15127, 18204),
            "From April 2026 to March 2027 we answered 83.1% of 18,204 calls within 60 seconds.");
  EXPECT_EQ(AchievementSentence(LetterReply(), Cohort::kReceipt, OrganisationYear(2026, 1), 2149, 2310),
            "Of the 2,310 letters received in 2026, we replied to 93.0% within 10 working days.");
  EXPECT_EQ(PeriodIso(year), "2026-04/2027-03");
  EXPECT_EQ(PeriodSlug(year), "2026-04-to-2027-03");
  Standard visit = LetterReply();
  visit.applies_to.channels = {Channel::kVisit};
  EXPECT_EQ(ContactNoun(visit), "visitors");
  visit.applies_to.channels = {Channel::kVisit, Channel::kPhone};
  EXPECT_EQ(ContactNoun(visit), "contacts");
}

// Satisfaction beside timeliness: each timeliness standard's services
// table shows the share of that service's customers satisfied.
TEST(StatementRender, SatisfactionSitsBesideEachServicesTimeliness) {
  const std::string md = *RenderStatement(Fixture(), StatementFormat::kMarkdown, StatementTemplates::BuiltIn());
  EXPECT_NE(md.find("| Service | Achieved | Contacts | Result | Customers satisfied |\n"), std::string::npos) << md;
  EXPECT_NE(md.find("| council-tax | 80.0% | 150 | met | 80.0% of 50 |\n"), std::string::npos);
  EXPECT_NE(md.find("| housing | 66.7% | 60 | below floor | not measured |\n"), std::string::npos);
  EXPECT_NE(md.find("Customers satisfied: We aim for 85% of customers to rate our service 4 or 5 out of 5."),
            std::string::npos);
  const std::string html = *RenderStatement(Fixture(), StatementFormat::kHtml, StatementTemplates::BuiltIn());
  EXPECT_NE(html.find("<td class=\"number\">80.0% of 50</td>"), std::string::npos);
  EXPECT_NE(md.find("Of the 50 customers whose contacts were received in October 2026 and who rated us, 80.0% gave a "
                    "score of 4 or more out of 5.\n"),
            std::string::npos);
  EXPECT_NE(md.find("- Median 5 out of 5.\n"), std::string::npos) << "no 'nine in ten within' for a score";
}

TEST(StatementArchive, APublishedStatementReadsBackAsItsFigures) {
  const Statement st = Fixture();
  const absl::StatusOr<std::string> json = RenderStatement(st, StatementFormat::kJson, StatementTemplates::BuiltIn());
  ASSERT_TRUE(json.ok());
  const absl::StatusOr<PublishedStatement> back = ParsePublishedStatement(*json);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->period, (StatementPeriod{.first = absl::CivilMonth(2026, 10), .months = 1}));
  EXPECT_EQ(back->made_at, LondonTime(11, 3, 10));
  ASSERT_EQ(back->standards.size(), 3u);
  EXPECT_EQ(back->standards.at("letter-reply").wording, st.standards[1].standard.wording);
  EXPECT_EQ(back->standards.at("letter-reply").target, st.standards[1].standard.target);
  const PeriodFigure& letters = back->standards.at("letter-reply").figure;
  EXPECT_EQ(letters.met, st.standards[1].figure.met);
  EXPECT_EQ(letters.not_met, st.standards[1].figure.not_met);
  EXPECT_EQ(letters.pending, 1u);
  EXPECT_EQ(letters.open_overdue, 1u);
  EXPECT_EQ(ArchiveFileName({.first = absl::CivilMonth(2026, 10), .months = 1}, LondonTime(11, 3, 10)),
            "statement-2026-10-made-20261103T100000Z.json");
  EXPECT_FALSE(ParsePublishedStatement("{not json").ok());
  EXPECT_FALSE(ParsePublishedStatement(R"({"schema":"something else"})").ok());
}

}  // namespace
}  // namespace ontime

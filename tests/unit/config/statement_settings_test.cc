// The statements: section, a standard's floor, and the dip explanations
// file: read when right, and every mistake reported with file, line, column
// and a reason a manager can act on.
#include "config/config_loader.h"
#include "config/dip_explanations.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ontime {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr std::string_view kStandards = R"(
standards:
  - id: letter-reply
    applies_to: {channel: [letter]}
    stage: first_response
    threshold: 10 days
    target: 90%
    floor: 80%
)";

std::vector<std::string> Errors(const std::vector<ConfigError>& errors) {
  std::vector<std::string> out;
  for (const ConfigError& e : errors) out.push_back(e.ToString());
  return out;
}

TEST(StatementSettings, DefaultsAndEveryField) {
  ConfigResult r = ParseConfig(kStandards, "s.yaml");
  ASSERT_TRUE(r.ok()) << Errors(r.errors)[0];
  EXPECT_EQ(r.config.statements.count_by, Cohort::kReceipt);
  EXPECT_TRUE(r.config.statements.open_past_deadline_breached);
  EXPECT_EQ(r.config.statements.year_starts, 4);
  EXPECT_DOUBLE_EQ(r.config.engine.standards[0].floor, 0.8);

  r = ParseConfig(std::string(kStandards) + R"(
statements:
  organisation: Riverside Council
  count_by: decision
  open_past_deadline: left_out
  year_starts: January
  min_group_volume: 50
  explanations: dips.yaml
)",
                  "s.yaml");
  ASSERT_TRUE(r.ok()) << Errors(r.errors)[0];
  const StatementSettings& s = r.config.statements;
  EXPECT_EQ(s.organisation, "Riverside Council");
  EXPECT_EQ(s.count_by, Cohort::kDecision);
  EXPECT_FALSE(s.open_past_deadline_breached);
  EXPECT_EQ(s.year_starts, 1);
  EXPECT_EQ(s.min_group_volume, 50);
  EXPECT_EQ(s.explanations, "dips.yaml");
}

TEST(StatementSettings, MistakesAreNamedWithTheirPosition) {
  const ConfigResult r = ParseConfig(std::string(kStandards) + R"(
statements:
  count_by: arrival
  year_starts: Aprill
  open_past_deadline: maybe
  min_group_volume: 0
)",
                                     "s.yaml");
  EXPECT_THAT(Errors(r.errors),
              ElementsAre(HasSubstr("s.yaml:11:13: count_by \"arrival\" is unknown"),
                          HasSubstr("s.yaml:13:23: open_past_deadline \"maybe\" is unknown"),
                          HasSubstr("s.yaml:12:16: year_starts \"Aprill\" is not a month"),
                          HasSubstr("s.yaml:14:21: min_group_volume must be a whole number, 1 or more")));
  const ConfigResult floor = ParseConfig(R"(
standards:
  - id: letter-reply
    stage: first_response
    threshold: 10 days
    target: 80%
    floor: 90%
)",
                                         "f.yaml");
  EXPECT_THAT(Errors(floor.errors), ElementsAre(HasSubstr("f.yaml:7:12: standard letter-reply: the floor")));
}

TEST(DipExplanations, ReadsDaysAndWeeks) {
  const DipExplanations e = ParseDipExplanations(R"(
- standard: letter-reply
  day: 2026-10-14
  explanation: The post room flooded.
  action: Letters went to the Civic Centre.
- standard: letter-reply
  week: 2026-10-12
  explanation: Two officers were off sick.
  action: Agency cover from the 19th.
)",
                                                 "e.yaml", {"letter-reply"});
  ASSERT_TRUE(e.ok()) << Errors(e.errors)[0];
  ASSERT_EQ(e.explanations.size(), 2u);
  EXPECT_NE(e.Find("letter-reply", PeriodKind::kDay, absl::CivilDay(2026, 10, 14)), nullptr);
  EXPECT_NE(e.Find("letter-reply", PeriodKind::kWeek, absl::CivilDay(2026, 10, 12)), nullptr);
  EXPECT_EQ(e.Find("letter-reply", PeriodKind::kDay, absl::CivilDay(2026, 10, 12)), nullptr);
}

TEST(DipExplanations, MistakesAreNamedWithTheirPosition) {
  const DipExplanations e = ParseDipExplanations(R"(
- standard: letter-replies
  day: 2026-10-14
  explanation: x
  action: y
- standard: letter-reply
  week: 2026-10-14
  explanation: x
  action: y
- standard: letter-reply
  day: 14/10/2026
  explanation: x
- standard: letter-reply
  day: 2026-10-15
  explanation: x
  action: y
- standard: letter-reply
  day: 2026-10-15
  explanation: again
  action: y
)",
                                                 "e.yaml", {"letter-reply"});
  EXPECT_THAT(Errors(e.errors),
              ElementsAre(HasSubstr("e.yaml:2:13: standard \"letter-replies\" is not in the config"),
                          HasSubstr("e.yaml:7:9: a week is named by its Monday; 2026-10-14 is not a Monday"),
                          HasSubstr("e.yaml:11:8: \"14/10/2026\" is not a date"),
                          HasSubstr("e.yaml:10:3: an explanation needs `action`"),
                          HasSubstr("e.yaml:17:3: this day of letter-reply is explained twice")));
}

TEST(DipExplanations, AnEntryWrittenReadsBack) {
  const DipExplanation entry{.standard = "letter-reply",
                             .period = PeriodKind::kWeek,
                             .start = absl::CivilDay(2026, 10, 12),
                             .explanation = "Sickness: \"two\" officers, #3 team",
                             .action = "Agency cover: from the 19th"};
  const DipExplanations e = ParseDipExplanations(DipExplanationYaml(entry) + DipExplanationYaml({.standard = "letter-reply",
                                                                                                 .period = PeriodKind::kDay,
                                                                                                 .start = absl::CivilDay(2026, 10, 1),
                                                                                                 .explanation = "a",
                                                                                                 .action = "b"}),
                                                 "e.yaml", {"letter-reply"});
  ASSERT_TRUE(e.ok()) << Errors(e.errors)[0];
  ASSERT_EQ(e.explanations.size(), 2u);
  EXPECT_EQ(e.explanations[0].explanation, entry.explanation);
  EXPECT_EQ(e.explanations[0].action, entry.action);
  EXPECT_EQ(e.explanations[0].start, entry.start);
}

TEST(DipExplanations, AMissingFileHoldsNone) {
  const DipExplanations e = LoadDipExplanations("/nonexistent/explanations.yaml", {"letter-reply"});
  EXPECT_TRUE(e.ok());
  EXPECT_TRUE(e.explanations.empty());
  EXPECT_EQ(DipExplanationsPath("/etc/ontime/ontime.yaml", ""), "/etc/ontime/explanations.yaml");
  EXPECT_EQ(DipExplanationsPath("/etc/ontime/ontime.yaml", "dips/x.yaml"), "/etc/ontime/dips/x.yaml");
  EXPECT_EQ(DipExplanationsPath("ontime.yaml", "/var/x.yaml"), "/var/x.yaml");
}

}  // namespace
}  // namespace ontime

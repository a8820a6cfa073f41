// A standard in plain words: every standard of the shipped example, each
// stage and clock worded as a manager would say it.
#include "statements/standard_description.h"

#include "config/config_loader.h"
#include "gtest/gtest.h"

namespace ontime {
namespace {

TEST(StandardDescription, EveryShippedStandardInPlainWords) {
  const ConfigResult result = LoadConfigFile(ONTIME_SOURCE_DIR "/deploy/examples/ontime.yaml");
  ASSERT_TRUE(result.ok());
  std::vector<std::string> lines;
  for (const Standard& standard : result.config.engine.standards) lines.push_back(DescribeStandard(standard));
  const std::vector<std::string> expected = {
      "phone-answer: phone: answer within 60 s, target 80 %",
      "phone-resolve-at-first-call: phone enquiry/request: resolve at first contact, target 70 %",
      "email-reply: email/web_form: reply within 2 working days, target 90 %",
      "email-resolve: email/web_form enquiry/request: resolve within 10 working days, target 85 %",
      "letter-reply: letter: reply within 10 working days, target 95 %",
      "visit-seen: visit: see visitors within 15 min of opening hours, target 90 %",
      "chat-answer: chat: answer within 120 s of opening hours, target 85 %",
      "complaint-acknowledge: all channels complaint: respond within 3 working days, target 95 %",
      "complaint-resolve: all channels complaint: resolve within 20 working days, target 80 %",
      "complaint-updates: all channels complaint: keep the customer informed at least every 5 working days, "
      "target 90 %",
      "promises-kept: all channels: keep every promised date, target 95 %",
      "no-transfer: all channels enquiry/request: resolve with no transfer, target 90 %",
      "satisfaction: all channels: satisfaction score of 4 or more out of 5, target 85 %"};
  EXPECT_EQ(lines, expected);
}

TEST(StandardDescription, ServicesPrioritiesAndElapsedHours) {
  const ConfigResult result = ParseConfig(R"(
calendars:
  office: {time_zone: Europe/London, opening_hours: {monday: ["09:00-17:00"]}}
standards:
  - id: urgent-repairs
    wording: "We resolve urgent repairs within 24 hours"
    applies_to: {channel: [phone, email], service: [housing, repairs], priority: [urgent]}
    stage: resolution
    clock: elapsed
    threshold: 24h
    calendar: office
    target: 0.975
)",
                                          "t.yaml");
  for (const ConfigError& e : result.errors) ADD_FAILURE() << e.ToString();
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(DescribeStandard(result.config.engine.standards[0]),
            "urgent-repairs: phone/email (housing, repairs) priority urgent: resolve within 1 day, target 97.5 %");
}

}  // namespace
}  // namespace ontime

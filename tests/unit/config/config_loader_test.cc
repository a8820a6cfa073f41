// The standards file: the shipped example loads; every mistake a service
// manager is likely to make is reported with its line, column and a reason.
#include "config/config_loader.h"
#include "absl/strings/str_join.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ontime {
namespace {

using ::testing::HasSubstr;

std::vector<std::string> Errors(const char* yaml) {
  std::vector<std::string> out;
  for (const ConfigError& e : ParseConfig(yaml, "t.yaml").errors) out.push_back(e.ToString());
  return out;
}

TEST(ConfigLoader, ShippedExampleIsValid) {
  const ConfigResult result = LoadConfigFile(ONTIME_SOURCE_DIR "/deploy/examples/ontime.yaml");
  for (const ConfigError& e : result.errors) ADD_FAILURE() << e.ToString();
  ASSERT_TRUE(result.ok());
  EXPECT_GE(result.config.engine.standards.size(), 10u);
}

TEST(ConfigLoader, ReadsEveryField) {
  const ConfigResult result = ParseConfig(R"(
engine: {allowed_lateness: 2m, hold_unknown_for: 30m}
calendars:
  office:
    time_zone: Europe/London
    opening_hours: {monday: ["09:00-12:30", "13:30-17:00"], saturday: []}
    cut_off: "16:00"
    holidays: [2026-12-25]
standards:
  - id: letters
    wording: "We reply to letters within 10 working days"
    applies_to: {channel: [letter], service: [housing], contact_type: complaint}
    stage: resolution
    threshold: 10 working days
    clock: working_days
    calendar: office
    target: 95%
    warn_at: 0.5
    min_volume: 12
)", "t.yaml");
  ASSERT_TRUE(result.ok()) << result.errors[0].ToString();
  const EngineConfig& c = result.config.engine;
  EXPECT_EQ(c.allowed_lateness, absl::Minutes(2));
  EXPECT_EQ(c.hold_unknown_for, absl::Minutes(30));
  ASSERT_EQ(c.calendars.size(), 1u);
  EXPECT_EQ(c.calendars[0].opening_hours[0].size(), 2u);
  EXPECT_EQ(c.calendars[0].cut_off_second, 16 * 3600);
  EXPECT_TRUE(c.calendars[0].holidays.contains(absl::CivilDay(2026, 12, 25)));
  const Standard& s = c.standards[0];
  EXPECT_EQ(s.threshold, 10);
  EXPECT_EQ(s.clock, ClockKind::kWorkingDays);
  EXPECT_DOUBLE_EQ(s.target, 0.95);
  EXPECT_DOUBLE_EQ(s.warn_at, 0.5);
  EXPECT_EQ(s.min_volume, 12);
  EXPECT_EQ(s.applies_to.contact_types, std::vector<std::string>{"complaint"});
}

TEST(ConfigLoader, MisspeltKeyIsNamedWithItsPosition) {
  EXPECT_THAT(Errors("standards:\n  - id: a\n    stage: first_response\n    treshold: 60s\n"
                     "    target: 90%\n"),
              ::testing::Contains(HasSubstr("t.yaml:4:5: unknown setting \"treshold\"")));
}

TEST(ConfigLoader, BadValuesAreExplained) {
  const auto errors = Errors(R"(calendars:
  c:
    time_zone: Mars/Olympus
    opening_hours: {monday: ["17:00-09:00"]}
standards:
  - id: a
    applies_to: {channel: [fax]}
    stage: first_response
    threshold: 60 secs
    target: 1.5
  - id: a
    stage: resolution
    threshold: 3 working days
    clock: elapsed
    target: 90%
)");
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("t.yaml:3:16: time zone \"Mars/Olympus\" is unknown")));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("closes before it opens")));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("channel \"fax\" is unknown")));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("threshold \"60 secs\" is not a duration")));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("target \"1.5\" should be a share")));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("two standards have the id \"a\"")));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("so the clock must be working_days")));
}

TEST(ConfigLoader, BrokenYamlAndMissingFile) {
  EXPECT_THAT(Errors("standards: [\n  - id: a\n"), ::testing::Contains(HasSubstr("not valid YAML")));
  EXPECT_THAT(Errors(""), ::testing::Contains(HasSubstr("empty")));
  const ConfigResult missing = LoadConfigFile("/nonexistent/ontime.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.errors[0].ToString(), "/nonexistent/ontime.yaml: cannot open the file");
}

TEST(ConfigLoader, BusinessClockNeedsACalendar) {
  EXPECT_THAT(Errors("standards:\n  - id: a\n    stage: first_response\n    threshold: 1h\n"
                     "    clock: business\n    target: 90%\n"),
              ::testing::Contains(HasSubstr("needs a calendar")));
}

TEST(ConfigLoader, DurationsAreBoundedToTenYears) {
  EXPECT_THAT(Errors("engine: {hold_unknown_for: 200000000 days}\nstandards:\n  - id: a\n"
                     "    stage: first_response\n    threshold: 60s\n    target: 90%\n"),
              ::testing::Contains(HasSubstr("t.yaml:1:28: hold_unknown_for \"200000000 days\" is not a duration of at most ten years")));
}

TEST(ConfigLoader, CalendarNamesAreUnique) {
  EXPECT_THAT(Errors("calendars:\n  a: {time_zone: UTC, opening_hours: {monday: [\"09:00-17:00\"]}}\n"
                     "  a: {time_zone: UTC, opening_hours: {monday: [\"09:00-17:00\"]}}\n"
                     "standards:\n  - id: s\n    stage: first_response\n    threshold: 60s\n    target: 90%\n"),
              ::testing::Contains(HasSubstr("two calendars are called a")));
}

}  // namespace
}  // namespace ontime

namespace ontime {
namespace {

constexpr std::string_view kStandards = R"(
standards:
  - id: phone-answer
    applies_to: {channel: [phone]}
    stage: first_response
    threshold: 60s
    target: 80%
)";

TEST(RuntimeSettings, DefaultsRunOnTheEmbeddedKafka) {
  ConfigResult r = ParseConfig(kStandards, "d.yaml");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.config.runtime.embedded());
  EXPECT_EQ(r.config.runtime.ingest.topics.size(), 1u);
  EXPECT_FALSE(r.config.runtime.simulator.enabled);
}

TEST(RuntimeSettings, KafkaPropertiesPassThroughAndTopicsHaveFormats) {
  const std::string yaml = std::string(kStandards) + R"(
kafka:
  bootstrap.servers: broker-1:9093,broker-2:9093
  security.protocol: SASL_SSL
  sasl.mechanism: SCRAM-SHA-512
ingest:
  group: ontime-prod
  topics:
    - {name: calls, format: json}
    - {name: cases}
  checkpoint_every: 30s
daemon:
  listen: 0.0.0.0:9464
  basic_auth_user: prometheus
  basic_auth_password_sha256: 2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b
)";
  ConfigResult r = ParseConfig(yaml, "d.yaml");
  ASSERT_TRUE(r.ok()) << r.errors[0].ToString();
  const RuntimeSettings& d = r.config.runtime;
  EXPECT_FALSE(d.embedded());
  EXPECT_EQ(d.kafka.at("security.protocol"), "SASL_SSL");
  EXPECT_EQ(d.kafka.at("sasl.mechanism"), "SCRAM-SHA-512");
  ASSERT_EQ(d.ingest.topics.size(), 2u);
  EXPECT_EQ(d.ingest.topics[0].format, WireFormat::kJson);
  EXPECT_EQ(d.ingest.topics[1].format, WireFormat::kProtobuf);
  EXPECT_EQ(d.ingest.checkpoint_every, absl::Seconds(30));
  EXPECT_EQ(d.daemon.listen, "0.0.0.0:9464");
}

TEST(RuntimeSettings, MistakesAreNamedWithTheirLine) {
  const std::string yaml = std::string(kStandards) + R"(
kafka:
  bootstrap.servers: broker:9092
ingest:
  topics:
    - {name: calls, format: avro}
  checkpoint_evry: 30s
daemon:
  listen: everywhere
  tls_cert_file: cert.pem
simulator:
  speed_up: 0.5
)";
  ConfigResult r = ParseConfig(yaml, "d.yaml");
  std::vector<std::string> errors;
  for (const ConfigError& e : r.errors) errors.push_back(e.ToString());
  EXPECT_THAT(errors, ::testing::Contains(::testing::HasSubstr("d.yaml:13:29: format \"avro\" is not protobuf or json")));
  EXPECT_THAT(errors, ::testing::Contains(::testing::HasSubstr("d.yaml:14:3: unknown setting \"checkpoint_evry\"")));
  EXPECT_THAT(errors, ::testing::Contains(::testing::HasSubstr("d.yaml:16:11: listen \"everywhere\" is not an address")));
  EXPECT_THAT(errors, ::testing::Contains(::testing::HasSubstr("HTTPS needs both tls_cert_file and tls_key_file")));
  EXPECT_THAT(errors, ::testing::Contains(::testing::HasSubstr("speed_up must be a number")));
  EXPECT_THAT(errors, ::testing::Contains(::testing::HasSubstr("the simulator runs only with the embedded Kafka")));
}

TEST(RuntimeSettings, AuthLabelsMembershipAndTheGraceBoundary) {
  const std::string yaml = R"(standards:
  - id: answer
    applies_to: {channel: [phone]}
    stage: first_response
    threshold: 60s
    target: 80%
    abandoned: {count_as: breached, grace: 5s, grace_boundary: sometimes}
kafka:
  bootstrap.servers: broker:9092
  message.max.bytes: "2000000"
ingest:
  static_membership: maybe
daemon:
  basic_auth_user: prometheus
  basic_auth_password_bcrypt: "$2y$10$notahash"
  service_labels: [housing, waste]
  max_connections: 0
)";
  ConfigResult r = ParseConfig(yaml, "d.yaml");
  std::vector<std::string> errors;
  for (const ConfigError& e : r.errors) errors.push_back(e.ToString());
  EXPECT_THAT(errors, ::testing::Contains(::testing::HasSubstr("d.yaml:7:64: grace_boundary is inclusive")));
  EXPECT_THAT(errors, ::testing::Contains(::testing::HasSubstr("static_membership takes true or false")));
  EXPECT_THAT(errors, ::testing::Contains(::testing::HasSubstr("basic_auth_password_bcrypt must be a bcrypt hash")));
  EXPECT_THAT(errors, ::testing::Contains(::testing::HasSubstr("max_connections")));
  EXPECT_EQ(r.config.runtime.daemon.service_labels, (std::vector<std::string>{"housing", "waste"}));
  EXPECT_EQ(r.config.runtime.ingest.producer_max_message_bytes, 2000000);

  ConfigResult good = ParseConfig(R"(standards:
  - id: answer
    applies_to: {channel: [phone]}
    stage: first_response
    threshold: 60s
    target: 80%
    abandoned: {count_as: breached, grace: 5s, grace_boundary: exclusive}
daemon:
  basic_auth_user: prometheus
  basic_auth_password_bcrypt: "$2y$10$abcdefghijklmnopqrstuuB7XyPq1m0D8bY5gG5c9zq6J2eJqv3Hy"
)", "g.yaml");
  ASSERT_TRUE(good.ok()) << (good.errors.empty() ? "" : good.errors[0].ToString());
  EXPECT_FALSE(good.config.engine.standards[0].abandoned_grace_inclusive);
  EXPECT_TRUE(good.config.runtime.ingest.static_membership);
}

}  // namespace
}  // namespace ontime

namespace ontime {
namespace {

// Every value from the environment: a secret the file does not hold, a
// value the file does, an item of a list; a variable that is not a setting
// ignored; one that cannot be placed, or names no setting, an error.
TEST(EnvironmentOverrides, EveryValueCanComeFromTheEnvironment) {
  const std::string yaml = std::string(kStandards) + R"(
kafka:
  bootstrap.servers: broker-1:9093
daemon:
  listen: 127.0.0.1:9464
)";
  const ConfigResult r = ParseConfig(yaml, "e.yaml",
                                     {"ONTIME_KAFKA__SASL_PASSWORD=#not-a-comment: s3cret",
                                      "ONTIME_DAEMON__LISTEN=0.0.0.0:9464", "ONTIME_STANDARDS__0__TARGET=85%",
                                      "ONTIME_DAEMON__LOG_FORMAT=json", "ONTIME_UPDATE_GOLDEN=1", "PATH=/usr/bin",
                                      "ONTIME_STATEMENTS__ORGANISATION=Riverside Council"});
  ASSERT_TRUE(r.ok()) << r.errors[0].ToString();
  EXPECT_EQ(r.config.runtime.kafka.at("sasl.password"), "#not-a-comment: s3cret");
  EXPECT_EQ(r.config.runtime.kafka.at("bootstrap.servers"), "broker-1:9093");
  EXPECT_EQ(r.config.runtime.daemon.listen, "0.0.0.0:9464");
  EXPECT_DOUBLE_EQ(r.config.engine.standards[0].target, 0.85);
  EXPECT_EQ(r.config.runtime.daemon.log_format, DaemonRunSettings::LogFormat::kJson);
  EXPECT_EQ(r.config.statements.organisation, "Riverside Council");
  ASSERT_EQ(r.from_environment.size(), 5u);
  EXPECT_EQ(r.from_environment[0].variable, "ONTIME_KAFKA__SASL_PASSWORD");
  EXPECT_EQ(r.from_environment[0].place, "kafka: sasl.password");
  EXPECT_EQ(r.from_environment[2].place, "standards: [0]: target");
}

TEST(EnvironmentOverrides, WhatCannotBePlacedIsAnErrorNamingTheVariable) {
  const ConfigResult past_the_end = ParseConfig(kStandards, "e.yaml", {"ONTIME_STANDARDS__3__TARGET=85%"});
  ASSERT_FALSE(past_the_end.ok());
  EXPECT_EQ(past_the_end.errors[0].ToString(), "e.yaml: the environment: ONTIME_STANDARDS__3__TARGET: standards has no item 3");
  const ConfigResult not_a_map = ParseConfig(kStandards, "e.yaml", {"ONTIME_STANDARDS__0__ID__X=1"});
  ASSERT_FALSE(not_a_map.ok());
  EXPECT_EQ(not_a_map.errors[0].ToString(),
            "e.yaml: the environment: ONTIME_STANDARDS__0__ID__X: standards: [0]: id is not a map of settings");
  const ConfigResult misspelt = ParseConfig(kStandards, "e.yaml", {"ONTIME_DAEMON__LISTN=0.0.0.0:1"});
  ASSERT_FALSE(misspelt.ok());
  EXPECT_NE(misspelt.errors[0].reason.find("listn"), std::string::npos) << misspelt.errors[0].ToString();
}

}  // namespace
}  // namespace ontime

namespace ontime {
namespace {

TEST(CollectorSettings, AQueueLogWithItsQueues) {
  const std::string yaml = std::string(kStandards) + R"(
collectors:
  queue_logs:
    - name: switchboard
      path: /var/log/asterisk/queue_log
      format: pbxware_csv
      transfer: continues
      poll_every: 100ms
      queues:
        - {queue: council-tax, service: revenues, site: town-hall}
        - {queue: housing}
      other_queues: {service: switchboard}
)";
  const ConfigResult r = ParseConfig(yaml, "c.yaml");
  for (const ConfigError& e : r.errors) ADD_FAILURE() << e.ToString();
  ASSERT_EQ(r.config.collectors.queue_logs.size(), 1u);
  const QueueLogSourceSettings& s = r.config.collectors.queue_logs[0];
  EXPECT_EQ(s.format, QueueLogFormat::kPbxwareCsv);
  EXPECT_EQ(s.position_file, "/var/log/asterisk/queue_log.ontime-position");
  EXPECT_FALSE(s.transfer_resolves);
  EXPECT_EQ(s.poll_every, absl::Milliseconds(100));
  ASSERT_EQ(s.queues.size(), 2u);
  EXPECT_EQ(s.queues[0].site, "town-hall");
  EXPECT_EQ(s.queues[1].service, "housing");  // the queue's name when not given
  ASSERT_TRUE(s.other_queues.has_value());
  EXPECT_EQ(s.other_queues->service, "switchboard");
}

TEST(CollectorSettings, MistakesAreNamedWhereTheyAre) {
  const std::string yaml = std::string(kStandards) + R"(
collectors:
  queue_logs:
    - name: a
      path: /q
      format: csv
      queues: [{queue: x, channel: pigeon}, {queue: x}]
    - name: a
      queues: []
)";
  std::vector<std::string> errors;
  for (const ConfigError& e : ParseConfig(yaml, "c.yaml").errors) errors.push_back(e.ToString());
  const std::string all = absl::StrJoin(errors, "\n");
  EXPECT_THAT(all, HasSubstr("c.yaml:13:15: format \"csv\" is unknown"));
  EXPECT_THAT(all, HasSubstr("channel \"pigeon\" is unknown"));
  EXPECT_THAT(all, HasSubstr("queue \"x\" is mapped twice"));
  EXPECT_THAT(all, HasSubstr("two collectors are called \"a\""));
  EXPECT_THAT(all, HasSubstr("a queue log needs the path"));
  EXPECT_THAT(all, HasSubstr("needs queues"));
}

}  // namespace
}  // namespace ontime

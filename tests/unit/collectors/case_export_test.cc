// A case system's CSV export as contact events: the mapping file (with
// file:line:column errors), CSV records over several lines, and rows as
// events, with wall-clock times in the mapping's zone (dates as the start of
// their day; a time a clock change skips or repeats refused, not guessed).
#include <gtest/gtest.h>

#include <sstream>

#include "collectors/case_export_events.h"
#include "collectors/csv_fields.h"
#include "config/case_import_mapping.h"
#include "google/protobuf/util/time_util.h"

namespace ontime {
namespace {

using google::protobuf::RepeatedPtrField;

constexpr std::string_view kBostonLike = R"(contact_id: id
time_zone: America/New_York
received: {column: opened}
resolved: {column: closed}
skip: [{column: source, values: [Employee Generated]}]
channel: {column: source, values: {Constituent Call: phone, Twitter: social}}
contact_type: {column: type}
service: {value: Animal Control}
customer_group: {column: area}
attributes: {source: {column: source}}
)";

CaseImportMapping Mapping(std::string_view yaml) {
  CaseImportMappingResult r = ParseCaseImportMapping(yaml, "m.yaml", nullptr);
  for (const ConfigError& e : r.errors) ADD_FAILURE() << e.ToString();
  return r.mapping;
}

absl::Time Utc(std::string_view rfc3339) {
  absl::Time t;
  std::string error;
  EXPECT_TRUE(absl::ParseTime(absl::RFC3339_full, std::string(rfc3339), &t, &error)) << error;
  return t;
}

absl::Time TimeOf(const v1::ContactEvent& e) {
  return absl::FromUnixMicros(google::protobuf::util::TimeUtil::TimestampToMicroseconds(e.event_time()));
}

TEST(CaseImportMapping, ReadsEveryField) {
  const CaseImportMapping m = Mapping(kBostonLike);
  EXPECT_EQ(m.contact_id.column, "id");
  EXPECT_EQ(m.time_zone_name, "America/New_York");
  EXPECT_EQ(m.received.column, "opened");
  EXPECT_FALSE(m.received.absolute);
  EXPECT_FALSE(m.received.date_only);
  EXPECT_TRUE(m.first_response.column.empty());
  ASSERT_EQ(m.skip.size(), 1u);
  EXPECT_EQ(m.skip[0].values, std::vector<std::string>{"Employee Generated"});
  EXPECT_EQ(m.channel.values.at("Twitter"), "social");
  EXPECT_EQ(m.service.constant, "Animal Control");
  EXPECT_EQ(m.attributes.at("source").column, "source");
}

TEST(CaseImportMapping, SaysWhereEachMistakeIs) {
  const CaseImportMappingResult r = ParseCaseImportMapping(R"(contact_id: id
time_zone: Mars/Olympus
received: {column: opened, fromat: "%d/%m/%Y"}
channel: {column: source, values: {Phone: telephone}}
contact_type: {column: type, value: x}
)",
                                                           "m.yaml", nullptr);
  std::vector<std::string> errors;
  for (const ConfigError& e : r.errors) errors.push_back(e.ToString());
  ASSERT_EQ(errors.size(), 4u) << testing::PrintToString(errors);
  EXPECT_NE(errors[0].find("m.yaml:2:12"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("Mars/Olympus"), std::string::npos);
  EXPECT_NE(errors[1].find("m.yaml:3:28: unknown setting \"fromat\""), std::string::npos) << errors[1];
  EXPECT_NE(errors[2].find("m.yaml:4:43: channel \"telephone\" is unknown"), std::string::npos) << errors[2];
  EXPECT_NE(errors[3].find("m.yaml:5:15: contact_type takes a column or a value, not both"), std::string::npos)
      << errors[3];
}

TEST(CaseImportMapping, NeedsAZoneAndTheFieldsEveryEventHas) {
  const CaseImportMappingResult r = ParseCaseImportMapping("contact_type: {value: x}\n", "m.yaml", nullptr);
  std::string all;
  for (const ConfigError& e : r.errors) all += e.ToString() + "\n";
  EXPECT_NE(all.find("needs contact_id"), std::string::npos) << all;
  EXPECT_NE(all.find("needs the time zone"), std::string::npos) << all;
  EXPECT_NE(all.find("needs received"), std::string::npos) << all;
  EXPECT_NE(all.find("needs channel"), std::string::npos) << all;
}

TEST(CaseImportMapping, TakesTheZoneOfTheConfigsCalendar) {
  LoadedConfig config;
  CalendarSpec london;
  london.name = "council";
  ASSERT_TRUE(absl::LoadTimeZone("Europe/London", &london.time_zone));
  config.engine.calendars.push_back(london);
  const std::string yaml = "contact_id: id\nreceived: {column: opened}\nchannel: {value: letter}\n"
                           "contact_type: {value: x}\n";
  CaseImportMappingResult r = ParseCaseImportMapping(yaml, "m.yaml", &config);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.mapping.time_zone_name, "Europe/London");
  r = ParseCaseImportMapping(yaml + "calendar: elsewhere\n", "m.yaml", &config);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].ToString(), "m.yaml:5:11: the config has no calendar \"elsewhere\"");
}

TEST(CsvRecordReader, RecordsOverSeveralLinesCrlfAndWhereEachBegan) {
  std::istringstream in("id,note\r\n1,\"two\r\nlines\"\r\n2,plain\r\n3,\"never closed\n4,x");
  CsvRecordReader reader(in);
  std::vector<std::string> f;
  ASSERT_EQ(reader.Next(&f), CsvRecordReader::Result::kRecord);
  EXPECT_EQ(f, (std::vector<std::string>{"id", "note"}));
  ASSERT_EQ(reader.Next(&f), CsvRecordReader::Result::kRecord);
  EXPECT_EQ(f, (std::vector<std::string>{"1", "two\nlines"}));
  EXPECT_EQ(reader.line(), 2);
  EXPECT_EQ(reader.offset(), 9);
  ASSERT_EQ(reader.Next(&f), CsvRecordReader::Result::kRecord);
  EXPECT_EQ(f, (std::vector<std::string>{"2", "plain"}));
  EXPECT_EQ(reader.line(), 4);
  EXPECT_EQ(reader.offset(), 25);
  // A quote never closed runs to the end of the file: one bad record.
  EXPECT_EQ(reader.Next(&f), CsvRecordReader::Result::kBadRecord);
  EXPECT_EQ(reader.line(), 5);
  EXPECT_EQ(reader.Next(&f), CsvRecordReader::Result::kEnd);
}

class CaseExportTest : public testing::Test {
 protected:
  CaseRowUse Row(std::vector<std::string> row) { return rows_.Convert(row, &events_); }

  CaseImportMapping mapping_ = Mapping(kBostonLike);
  CaseExportEvents rows_{mapping_};
  RepeatedPtrField<v1::ContactEvent> events_;

  void SetUp() override {
    ASSERT_TRUE(rows_.UseHeader({"\xEF\xBB\xBFid", "opened", "closed", "source", "type", "area"}).ok());
  }
};

TEST_F(CaseExportTest, ARowIsReceivedAndResolvedWithItsFields) {
  const CaseRowUse use = Row({"101", "2018-07-02 09:15:00", "2018-07-03 17:00:05", "Twitter", "Animal Found", ""});
  ASSERT_EQ(use.kind, "contact") << use.detail;
  ASSERT_EQ(events_.size(), 2);
  const v1::ContactEvent& received = events_[0];
  EXPECT_EQ(received.event_id(), "101:received");
  EXPECT_EQ(received.contact_id(), "101");
  EXPECT_EQ(received.type(), v1::EVENT_TYPE_RECEIVED);
  EXPECT_EQ(TimeOf(received), Utc("2018-07-02T13:15:00Z"));  // EDT, UTC-4
  EXPECT_EQ(received.channel(), v1::CHANNEL_SOCIAL);
  EXPECT_EQ(received.contact_type(), "Animal Found");
  EXPECT_EQ(received.service(), "Animal Control");
  EXPECT_EQ(received.customer_group(), "");
  EXPECT_EQ(received.attributes().at("source"), "Twitter");
  EXPECT_EQ(events_[1].event_id(), "101:resolved");
  EXPECT_EQ(events_[1].type(), v1::EVENT_TYPE_RESOLVED);
  EXPECT_EQ(TimeOf(events_[1]), Utc("2018-07-03T21:00:05Z"));
  // Still open: received only. In winter: EST, UTC-5.
  events_.Clear();
  ASSERT_EQ(Row({"102", "2018-12-02 08:00:00", " ", "Constituent Call", "Bed Bugs", "Dorchester"}).kind, "contact");
  ASSERT_EQ(events_.size(), 1);
  EXPECT_EQ(TimeOf(events_[0]), Utc("2018-12-02T13:00:00Z"));
  EXPECT_EQ(events_[0].customer_group(), "Dorchester");
}

TEST_F(CaseExportTest, SkippedRowsAndRefusedRowsAddNoEvent) {
  EXPECT_EQ(Row({"1", "2018-07-02 09:15:00", "", "Employee Generated", "t", ""}).kind, "skipped");
  CaseRowUse use = Row({"2", "2018-07-02 09:15:00", "", "Carrier Pigeon", "t", ""});
  EXPECT_EQ(use.kind, "unlisted_value");
  EXPECT_EQ(use.detail, "channel: column source holds \"Carrier Pigeon\", which the mapping's values do not list");
  EXPECT_EQ(Row({"", "2018-07-02 09:15:00", "", "Twitter", "t", ""}).kind, "missing_contact_id");
  EXPECT_EQ(Row({"3", "", "", "Twitter", "t", ""}).kind, "missing_received");
  EXPECT_EQ(Row({"4", "02/07/2018", "", "Twitter", "t", ""}).kind, "bad_time");
  EXPECT_EQ(Row({"5", "2018-07-02 09:15:00", "2018-07-02 09:14:59", "Twitter", "t", ""}).kind,
            "resolved_before_received");
  EXPECT_EQ(Row({"6", "2018-07-02 09:15:00", "Twitter"}).kind, "wrong_field_count");
  EXPECT_EQ(events_.size(), 0);
}

TEST_F(CaseExportTest, AClockChangeNeverGuessed) {
  // 2019-03-10 02:30 never happened in New York; 2019-11-03 01:30 happened twice.
  CaseRowUse use = Row({"7", "2019-03-10 02:30:00", "", "Twitter", "t", ""});
  EXPECT_EQ(use.kind, "skipped_local_time");
  EXPECT_EQ(use.detail,
            "received 2019-03-10 02:30:00 never happened in America/New_York: the clocks went forward past it");
  use = Row({"8", "2019-11-02 23:00:00", "2019-11-03 01:30:00", "Twitter", "t", ""});
  EXPECT_EQ(use.kind, "repeated_local_time");
  EXPECT_EQ(events_.size(), 0);
  // Either side of the change, times are exact.
  ASSERT_EQ(Row({"9", "2019-03-10 01:59:59", "2019-03-10 03:00:00", "Twitter", "t", ""}).kind, "contact");
  EXPECT_EQ(TimeOf(events_[1]) - TimeOf(events_[0]), absl::Seconds(1));
}

TEST(CaseExport, DatesAreTheStartOfTheirDayInTheZone) {
  const CaseImportMapping m = Mapping(R"(contact_id: ref
time_zone: America/Santiago
received: {column: in, format: "%d/%m/%Y"}
resolved: {column: out, format: "%Y-%m-%dT%H:%M:%E*S%Ez"}
channel: {value: letter}
contact_type: {value: complaint}
)");
  EXPECT_TRUE(m.received.date_only);
  EXPECT_TRUE(m.resolved.absolute);
  CaseExportEvents rows(m);
  ASSERT_TRUE(rows.UseHeader({"ref", "in", "out"}).ok());
  RepeatedPtrField<v1::ContactEvent> events;
  // 2018-08-12: Santiago's clocks went from 00:00 to 01:00, so the day began
  // at 01:00 -03:00, not at a midnight that never was.
  ASSERT_EQ(rows.Convert({"A-1", "12/08/2018", "2018-11-05T10:00:00.250+01:00"}, &events).kind, "contact");
  EXPECT_EQ(TimeOf(events[0]), Utc("2018-08-12T04:00:00Z"));
  EXPECT_EQ(events[0].channel(), v1::CHANNEL_LETTER);
  EXPECT_EQ(TimeOf(events[1]), Utc("2018-11-05T09:00:00.25Z"));
  // 2019-04-07: the clocks went back at its midnight, to 23:00 on the 6th;
  // the 7th began once, at 00:00 -04:00.
  events.Clear();
  ASSERT_EQ(rows.Convert({"A-2", "07/04/2019", ""}, &events).kind, "contact");
  EXPECT_EQ(TimeOf(events[0]), Utc("2019-04-07T04:00:00Z"));
}

TEST(CaseExport, AHeaderWithoutAMappedColumnIsNamed) {
  const CaseImportMapping m = Mapping(kBostonLike);
  CaseExportEvents rows(m);
  const absl::Status s = rows.UseHeader({"id", "opened", "source", "type"});
  EXPECT_EQ(s.message(), "the header has no column closed, area (the mapping m.yaml reads it)");
}

}  // namespace
}  // namespace ontime

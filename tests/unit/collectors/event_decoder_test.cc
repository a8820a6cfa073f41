// Decoding events: JSON mapping and binary protobuf give the same event; bad
// messages are errors with reasons, never crashes; files skip bad lines.
#include "collectors/event_decoder.h"

#include <cstdio>
#include <fstream>

#include "collectors/event_file.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ontime {
namespace {

using ::testing::HasSubstr;

constexpr const char* kJson =
    R"({"eventId":"e1","contactId":"c-118","type":"EVENT_TYPE_PROMISED","channel":"CHANNEL_EMAIL",)"
    R"("service":"council-tax","customerGroup":"over-65","eventTime":"2026-10-05T09:00:03.250001Z",)"
    R"("promisedTime":"2026-10-09T17:00:00Z","attributes":{"crm":"x"}})";

TEST(EventDecoder, JsonAndBinaryAgree) {
  EventDecoder json_decoder, binary_decoder;
  Event from_json, from_binary;
  ASSERT_TRUE(json_decoder.DecodeJson(kJson, &from_json).ok());
  v1::ContactEvent message;
  ToMessage(from_json, &message);
  const std::string bytes = message.SerializeAsString();
  ASSERT_TRUE(binary_decoder.DecodeProtobuf(bytes, &from_binary).ok());
  for (const Event* e : {&from_json, &from_binary}) {
    EXPECT_EQ(e->contact_id, "c-118");
    EXPECT_EQ(e->type, EventType::kPromised);
    EXPECT_EQ(e->channel, Channel::kEmail);
    EXPECT_EQ(e->service, "council-tax");
    EXPECT_EQ(e->customer_group, "over-65");
    EXPECT_EQ(absl::ToUnixMicros(e->time) % 1000000, 250001);
    EXPECT_EQ(e->promised_time, absl::FromCivil(absl::CivilSecond(2026, 10, 9, 17, 0, 0), absl::UTCTimeZone()));
  }
}

TEST(EventDecoder, RoundTripThroughToMessage) {
  EventDecoder decoder;
  Event event;
  ASSERT_TRUE(decoder.DecodeJson(kJson, &event).ok());
  v1::ContactEvent message;
  ToMessage(event, &message);
  EventDecoder again;
  Event copy;
  ASSERT_TRUE(again.DecodeProtobuf(message.SerializeAsString(), &copy).ok());
  EXPECT_EQ(copy.time, event.time);
  EXPECT_EQ(copy.promised_time, event.promised_time);
  EXPECT_EQ(copy.contact_id, event.contact_id);
}

TEST(EventDecoder, BadMessagesSayWhy) {
  EventDecoder d;
  Event e;
  EXPECT_THAT(std::string(d.DecodeJson("{not json", &e).message()), HasSubstr("not a JSON"));
  EXPECT_THAT(std::string(d.DecodeJson(R"({"eventId":"e","contactId":"c","eventTime":"2026-10-05T09:00:00Z"})", &e).message()),
              HasSubstr("event type"));
  EXPECT_THAT(std::string(d.DecodeJson(R"({"eventId":"e","contactId":"c","type":"EVENT_TYPE_TELEPORTED","eventTime":"2026-10-05T09:00:00Z"})", &e).message()),
              HasSubstr("event type"));
  EXPECT_THAT(std::string(d.DecodeJson(R"({"eventId":"e","type":"EVENT_TYPE_RECEIVED","eventTime":"2026-10-05T09:00:00Z"})", &e).message()),
              HasSubstr("contact id"));
  EXPECT_THAT(std::string(d.DecodeJson(R"({"eventId":"e","contactId":"c","type":"EVENT_TYPE_RECEIVED"})", &e).message()),
              HasSubstr("event time"));
  EXPECT_FALSE(d.DecodeProtobuf(std::string("\xff\xff\xff\xff", 4), &e).ok());
  v1::ContactEvent unknown_enum;
  unknown_enum.set_event_id("e");
  unknown_enum.set_contact_id("c");
  unknown_enum.set_type(static_cast<v1::EventType>(99));
  unknown_enum.mutable_event_time()->set_seconds(1);
  EXPECT_THAT(std::string(d.DecodeProtobuf(unknown_enum.SerializeAsString(), &e).message()),
              HasSubstr("unknown event type"));
}

TEST(EventFile, BadLinesAreReportedWithTheirNumberAndSkipped) {
  const std::string path = ::testing::TempDir() + "/events.jsonl";
  {
    std::ofstream out(path);
    out << kJson << "\n" << "garbage\n" << "\n" << kJson << "\n";
  }
  EventFileReader reader;
  ASSERT_TRUE(reader.Open(path).ok());
  std::vector<std::string> seen;
  while (auto record = reader.Next()) {
    seen.push_back(record->position + (record->status.ok() ? " ok" : " bad"));
  }
  EXPECT_THAT(seen, ::testing::ElementsAre("line 1 ok", "line 2 bad", "line 4 ok"));
}

TEST(EventFile, ReadsLengthDelimitedProtobuf) {
  EventDecoder decoder;
  Event event;
  ASSERT_TRUE(decoder.DecodeJson(kJson, &event).ok());
  v1::ContactEvent message;
  ToMessage(event, &message);
  const std::string bytes = message.SerializeAsString();
  const std::string path = ::testing::TempDir() + "/events.pb";
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 3; ++i) out << static_cast<char>(bytes.size()) << bytes;
  }
  ASSERT_LT(bytes.size(), 128u);
  EventFileReader reader;
  ASSERT_TRUE(reader.Open(path).ok());
  EXPECT_EQ(reader.format(), WireFormat::kProtobuf);
  int good = 0;
  while (auto record = reader.Next()) good += record->status.ok();
  EXPECT_EQ(good, 3);
}

}  // namespace
}  // namespace ontime

// The simdjson decoder against the contract it replaces: protobuf's own JSON
// parser (ignore_unknown_fields) followed by the same checks. Thousands of
// generated events, written as protobuf writes them and as people and other
// producers do (proto field names, enums by number, offsets, fractions,
// nulls, unknown fields), and broken ones: both decoders must agree on
// every one, the event or the reason.
#include "collectors/json_event_decoder.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "collectors/event_decoder.h"
#include "ontime/v1/contact_event.pb.h"

namespace ontime {
namespace {

struct Decoded {
  bool ok = false;
  DecodeFailure failure = DecodeFailure::kNone;
  std::string event;  // every field, for comparing
};

std::string Describe(const Event& e) {
  // Debian's abseil has its own string_view: the views as strings.
  auto text = [](std::string_view v) { return std::string(v); };
  return absl::StrCat(text(e.event_id), "|", text(e.contact_id), "|", static_cast<int>(e.type), "|",
                      static_cast<int>(e.channel), "|", absl::ToUnixMicros(e.time), "|",
                      e.promised_time == absl::InfinitePast() ? -1 : absl::ToUnixMicros(e.promised_time), "|",
                      text(e.contact_type), "|", text(e.service), "|", text(e.customer_group), "|",
                      text(e.priority), "|", e.satisfaction_score);
}

// The reference: protobuf's JSON parser, then the binary decoder's checks.
Decoded WithProtobuf(const std::string& json) {
  v1::ContactEvent message;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  Decoded out;
  if (!google::protobuf::util::JsonStringToMessage(json, &message, options).ok()) {
    out.failure = DecodeFailure::kUndecodable;
    return out;
  }
  EventDecoder decoder;
  Event event;
  out.ok = decoder.DecodeProtobuf(message.SerializeAsString(), &event).ok();
  out.failure = decoder.failure();
  if (out.ok) out.event = Describe(event);
  return out;
}

Decoded WithSimdjson(JsonEventDecoder& decoder, const std::string& json) {
  Event event;
  Decoded out;
  out.ok = decoder.Decode(json, &event).ok();
  out.failure = decoder.failure();
  if (out.ok) out.event = Describe(event);
  return out;
}

void ExpectSame(JsonEventDecoder& decoder, const std::string& json) {
  const Decoded want = WithProtobuf(json), got = WithSimdjson(decoder, json);
  EXPECT_EQ(got.ok, want.ok) << json;
  EXPECT_EQ(DecodeFailureName(got.failure), DecodeFailureName(want.failure)) << json;
  EXPECT_EQ(got.event, want.event) << json;
}

std::string RandomText(std::mt19937_64& random) {
  static const std::vector<std::string> pieces = {"council-tax", "housing", "a\"quote", "back\\slash", "tab\there",
                                                  "é accent", "日本", "line\nbreak", "", "CALL-0042", " spaced "};
  return pieces[random() % pieces.size()] + (random() % 2 ? std::to_string(random() % 1000) : "");
}

v1::ContactEvent RandomEvent(std::mt19937_64& random) {
  v1::ContactEvent m;
  m.set_event_id(RandomText(random));
  m.set_contact_id(RandomText(random));
  m.set_type(static_cast<v1::EventType>(random() % 12));
  m.set_channel(static_cast<v1::Channel>(random() % 9));
  m.set_service(RandomText(random));
  m.set_customer_group(RandomText(random));
  m.set_contact_type(RandomText(random));
  m.set_priority(RandomText(random));
  m.set_site(RandomText(random));
  auto stamp = [&](google::protobuf::Timestamp* ts) {
    ts->set_seconds(static_cast<int64_t>(random() % 4'000'000'000ULL) - 500'000'000);
    const int precision = static_cast<int>(random() % 4);  // 0, 3, 6 or 9 digits
    const int64_t nanos = static_cast<int64_t>(random() % 1'000'000'000);
    ts->set_nanos(static_cast<int32_t>(precision == 0 ? 0 : precision == 1 ? nanos / 1'000'000 * 1'000'000
                                                    : precision == 2 ? nanos / 1000 * 1000 : nanos));
  };
  if (random() % 10) stamp(m.mutable_event_time());
  if (random() % 3 == 0) stamp(m.mutable_promised_time());
  if (random() % 3 == 0) m.set_satisfaction_score(static_cast<int32_t>(random() % 7) - 1);
  if (random() % 4 == 0) (*m.mutable_attributes())["crm"] = RandomText(random);
  return m;
}

TEST(JsonEventDecoder, AgreesWithProtobufsParserOnGeneratedEvents) {
  std::mt19937_64 random(20261202);
  JsonEventDecoder decoder;
  for (int i = 0; i < 3000; ++i) {
    const v1::ContactEvent m = RandomEvent(random);
    google::protobuf::util::JsonPrintOptions print;
    print.preserve_proto_field_names = random() % 2;
    print.always_print_enums_as_ints = random() % 4 == 0;
    print.always_print_primitive_fields = random() % 4 == 0;
    std::string json;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(m, &json, print).ok());
    ExpectSame(decoder, json);
    // As other producers write it: an unknown field, a newer producer's.
    ExpectSame(decoder, absl::StrCat(json.substr(0, json.size() - 1), json.size() > 2 ? "," : "",
                                     R"("x-new":{"nested":[1,2,{"a":null}]}})"));
  }
}

TEST(JsonEventDecoder, AgreesOnTheWaysPeopleWriteAndBreakIt) {
  JsonEventDecoder decoder;
  const std::string head = R"({"eventId":"e1","contactId":"c1","type":"EVENT_TYPE_RECEIVED",)";
  const std::vector<std::string> times = {
      R"("2026-10-05T09:00:00Z")", R"("2026-10-05T09:00:00.1Z")", R"("2026-10-05T09:00:00.123456789Z")",
      R"("2026-10-05T09:00:00.1234567891Z")", R"("2026-10-05T10:00:00+01:00")", R"("2026-10-05T04:30:00-04:30")",
      R"("2026-10-05T09:00:00z")", R"("2026-10-05t09:00:00Z")", R"("2026-10-05 09:00:00Z")",
      R"("2026-04-31T09:00:00Z")", R"("2026-10-05T24:00:00Z")", R"("2026-12-31T23:59:60Z")",
      R"("2026-10-05T09:00Z")", R"("2026-10-05T09:00:00")", R"("0000-01-01T00:00:00Z")",
      R"("0001-01-01T00:00:00Z")", R"("9999-12-31T23:59:59.999999999Z")", R"("2026-10-05T09:00:00.Z")",
      R"("2026-10-05T09:00:00+0100")", R"(1791190800)", R"(null)", R"({})", R"({"seconds":5})", R"([])", R"("")",
      R"("2026-10-05T09:00:00.000000000000Z")"};
  for (const std::string& time : times) {
    ExpectSame(decoder, head + R"("eventTime":)" + time + "}");
    ExpectSame(decoder, head + R"("eventTime":"2026-10-05T09:00:00Z","promisedTime":)" + time + "}");
  }
  const std::string at = R"("eventTime":"2026-10-05T09:00:00Z")";
  const std::vector<std::string> bodies = {
      head + at + "}",
      R"({"eventId":"e1","contactId":"c1","type":1,)" + at + "}",
      R"({"eventId":"e1","contactId":"c1","type":99,)" + at + "}",
      R"({"eventId":"e1","contactId":"c1","type":"EVENT_TYPE_TELEPORTED",)" + at + "}",
      R"({"eventId":"e1","contactId":"c1","type":"1",)" + at + "}",
      R"({"eventId":"e1","contactId":"c1","type":"99",)" + at + "}",
      R"({"eventId":"e1","contactId":"c1","type":" 1",)" + at + "}",
      R"({"eventId":"e1","contactId":"c1","type":null,)" + at + "}",
      R"({"eventId":"e1","contactId":"c1","type":true,)" + at + "}",
      R"({"eventId":"e1","contactId":"c1","type":1.5,)" + at + "}",
      head + at + R"(,"channel":"CHANNEL_SMOKE_SIGNAL"})",
      head + at + R"(,"channel":42})",
      head + at + R"(,"channel":"CHANNEL_PHONE"})",
      head + at + R"(,"satisfactionScore":"4"})",
      head + at + R"(,"satisfactionScore":4.0})",
      head + at + R"(,"satisfactionScore":4.5})",
      head + at + R"(,"satisfactionScore":3000000000})",
      head + at + R"(,"satisfactionScore":"x"})",
      head + at + R"(,"satisfaction_score":-2})",
      head + at + R"(,"service":42})",
      head + at + R"(,"service":null})",
      head + at + R"(,"service":"a\u00e9\ud83d\ude00"})",
      head + at + R"(,"attributes":{"a":"b"}})",
      head + at + R"(,"attributes":{"a":1}})",
      head + at + R"(,"attributes":null})",
      head + at + R"(,"site":"town hall"})",
      R"({"eventId":"","contactId":"c1","type":1,)" + at + "}",
      R"({"contactId":"c1","type":1,)" + at + "}",
      R"({"eventId":"e1","type":1,)" + at + "}",
      R"({"eventId":"e1","contactId":"c1","type":1})",
      "[1,2]", "\"event\"", "{", "", "{}", head + at + "} trailing",
  };
  for (const std::string& body : bodies) ExpectSame(decoder, body);
  // One deliberate difference: protobuf's parser lets a trailing comma
  // pass; it is not JSON (RFC 8259), and this decoder refuses it.
  Event event;
  EXPECT_FALSE(decoder.Decode(head + at + ",}", &event).ok());
  EXPECT_EQ(decoder.failure(), DecodeFailure::kUndecodable);
}

TEST(JsonEventDecoder, Rfc3339KeepsMicrosecondsAndHonoursOffsets) {
  absl::Time t;
  ASSERT_TRUE(ParseRfc3339("2026-10-05T10:00:00.1234569+01:00", &t));
  EXPECT_EQ(t, absl::FromCivil(absl::CivilSecond(2026, 10, 5, 9, 0, 0), absl::UTCTimeZone()) + absl::Microseconds(123456));
  EXPECT_FALSE(ParseRfc3339("2026-02-29T00:00:00Z", &t)) << "2026 is not a leap year";
  EXPECT_TRUE(ParseRfc3339("2028-02-29T00:00:00Z", &t));
}

}  // namespace
}  // namespace ontime

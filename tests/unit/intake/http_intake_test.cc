// The HTTP intake on an in-memory sink and a hand-moved clock: who may
// post, one event or a list, each bad event refused with its reason (and
// dead-lettered) while the good ones go, the answer held until the sink
// acknowledged, 429 past the pending limit, 503 when the broker does not
// answer in time (for every request behind it too, and for new ones until
// what was sent settles), and nothing answered 2xx that was not stored.
#include "intake/http_intake.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "config/webhook_mapping_reader.h"
#include "google/protobuf/util/json_util.h"
#include "ontime/v1/contact_event.pb.h"
#include "tests/support/fake_record_sink.h"

namespace ontime {
namespace {

constexpr std::string_view kToken = "let-me-in";

std::string Event(std::string_view id, std::string_view time = "2026-12-01T09:00:00Z") {
  return absl::StrCat(R"({"eventId":")", std::string(id), R"(","contactId":"c-)", std::string(id),
                      R"(","type":"EVENT_TYPE_RECEIVED","eventTime":")", std::string(time),
                      R"(","channel":"CHANNEL_EMAIL","contactType":"enquiry","service":"housing"})");
}

// The answers, as they come from the intake's thread.
class Replies {
 public:
  IntakeRespond Collect() {
    return [this](IntakeReply reply) {
      std::lock_guard<std::mutex> lock(mutex_);
      replies_.push_back(std::move(reply));
      changed_.notify_all();
    };
  }
  // Waits (bounded) until `n` answers came.
  bool Await(size_t n) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return replies_.size() >= n; });
  }
  std::vector<IntakeReply> all() {
    std::lock_guard<std::mutex> lock(mutex_);
    return replies_;
  }
  size_t count() {
    std::lock_guard<std::mutex> lock(mutex_);
    return replies_.size();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<IntakeReply> replies_;
};

class HttpIntakeTest : public ::testing::Test {
 protected:
  HttpIntakeTest() {
    settings_.bearer_token_sha256 = {Sha256Hex(kToken)};
    settings_.max_pending_events = 10;
    settings_.ack_timeout = absl::Seconds(10);
    ingest_.topics = {{.name = "contact-events", .format = WireFormat::kJson}};
    ingest_.dead_letter_topic = "dead";
  }

  std::unique_ptr<HttpIntake> Make(testing::FakeRecordSink& sink) {
    std::vector<IntakeAuth> webhook_auth;
    for (const IntakeWebhookSettings& hook : settings_.webhooks) webhook_auth.push_back(*IntakeAuth::Create(hook, settings_));
    auto intake = std::make_unique<HttpIntake>(settings_, ingest_, *IntakeAuth::Create(settings_),
                                               std::move(webhook_auth), sink, [this] { return Now(); });
    intake->Start();
    return intake;
  }
  void Post(HttpIntake& intake, const std::string& body, std::string authorization = "Bearer let-me-in") {
    intake.Post({.body = body, .authorization = authorization, .signature = {}, .peer = "127.0.0.1"},
                replies_.Collect());
  }
  absl::Time Now() {
    std::lock_guard<std::mutex> lock(clock_mutex_);
    return now_;
  }
  void Advance(absl::Duration d) {
    std::lock_guard<std::mutex> lock(clock_mutex_);
    now_ += d;
  }

  HttpIntakeSettings settings_;
  IngestSettings ingest_;
  Replies replies_;
  std::mutex clock_mutex_;
  absl::Time now_ = absl::FromCivil(absl::CivilSecond(2026, 12, 1, 9, 0, 5), absl::UTCTimeZone());
};

TEST_F(HttpIntakeTest, OneEventStoredThenAnswered) {
  testing::FakeRecordSink sink(/*auto_acknowledge=*/false);
  auto intake = Make(sink);
  const std::string event = Event("e1");
  Post(*intake, event);
  // Not before the broker has it: the intake's thread is waiting, no answer yet.
  ASSERT_TRUE(sink.AwaitFlushWaiting());
  ASSERT_EQ(sink.sent(), 1u);
  EXPECT_EQ(replies_.count(), 0u);
  EXPECT_EQ(intake->counters().pending_events, 1);
  sink.AcknowledgeAll();
  ASSERT_TRUE(replies_.Await(1));
  const IntakeReply reply = replies_.all()[0];
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "{\"accepted\":1}\n");
  const testing::SunkRecord record = sink.records()[0];
  EXPECT_EQ(record.topic, "contact-events");
  EXPECT_EQ(record.key, "c-e1");
  EXPECT_EQ(record.value, event);  // a JSON topic gets the event as it came
  EXPECT_EQ(intake->counters().events_accepted, 1u);
  EXPECT_EQ(intake->counters().pending_events, 0);
}

TEST_F(HttpIntakeTest, AProtobufTopicGetsTheEventEncoded) {
  ingest_.topics = {{.name = "contact-events", .format = WireFormat::kProtobuf}};
  testing::FakeRecordSink sink;
  auto intake = Make(sink);
  Post(*intake, Event("e1"));
  ASSERT_TRUE(replies_.Await(1));
  v1::ContactEvent decoded;
  ASSERT_TRUE(decoded.ParseFromString(sink.records()[0].value));
  EXPECT_EQ(decoded.event_id(), "e1");
  EXPECT_EQ(decoded.type(), v1::EVENT_TYPE_RECEIVED);
  EXPECT_EQ(decoded.service(), "housing");
  EXPECT_EQ(decoded.event_time().seconds(), absl::ToUnixSeconds(absl::FromCivil(absl::CivilSecond(2026, 12, 1, 9, 0, 0), absl::UTCTimeZone())));
}

TEST_F(HttpIntakeTest, EachBadEventRefusedWithItsReasonTheGoodOnesStored) {
  testing::FakeRecordSink sink;
  auto intake = Make(sink);
  Post(*intake, absl::StrCat("[", Event("e1"), R"(, {"eventId":"e2"}, 7, )", Event("e3", "2099-01-01T00:00:00Z"),
                             ", ", Event("e4"), "]"));
  ASSERT_TRUE(replies_.Await(1));
  const IntakeReply reply = replies_.all()[0];
  EXPECT_EQ(reply.status, 422);
  EXPECT_NE(reply.body.find(R"("accepted":2)"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find(R"({"index":1,"reason":"missing_field")"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find(R"({"index":2,"reason":"undecodable")"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find(R"({"index":3,"reason":"time_out_of_range")"), std::string::npos) << reply.body;
  std::vector<std::string> events, dead;
  for (const testing::SunkRecord& r : sink.records()) {
    (r.topic == "dead" ? dead : events).push_back(r.topic == "dead" ? r.headers.at("ontime.reason") : r.key);
  }
  EXPECT_EQ(events, (std::vector<std::string>{"c-e1", "c-e4"}));
  EXPECT_EQ(dead, (std::vector<std::string>{"missing_field", "undecodable", "time_out_of_range"}));
  EXPECT_EQ(intake->counters().events_refused, 3u);
  EXPECT_EQ(intake->counters().requests.at("partly_refused"), 1u);
}

TEST_F(HttpIntakeTest, NotJsonOrNoCredentialsNothingSent) {
  testing::FakeRecordSink sink;
  auto intake = Make(sink);
  Post(*intake, Event("e1"), "Bearer wrong");
  Post(*intake, Event("e1"), "");
  Post(*intake, "[" + Event("e1") + ",");
  Post(*intake, "\"just text\"");
  Post(*intake, "  ");
  ASSERT_TRUE(replies_.Await(5));
  const std::vector<IntakeReply> replies = replies_.all();
  EXPECT_EQ(replies[0].status, 401);
  EXPECT_EQ(replies[1].status, 401);
  EXPECT_EQ(replies[2].status, 400);
  EXPECT_EQ(replies[3].status, 400);
  EXPECT_EQ(replies[4].status, 400);
  EXPECT_EQ(sink.sent(), 0u);
  // An empty list is nothing to store: answered at once.
  Post(*intake, "[]");
  ASSERT_TRUE(replies_.Await(6));
  EXPECT_EQ(replies_.all()[5].status, 200);
}

TEST_F(HttpIntakeTest, ASignedBodyIsLetIn) {
  settings_.bearer_token_sha256.clear();
  settings_.signature_header = "X-Hub-Signature-256";
  testing::FakeRecordSink sink;
  HttpIntake intake(settings_, ingest_, IntakeAuth({}, "shared-secret"), {}, sink, [this] { return Now(); });
  intake.Start();
  const std::string body = Event("e1");
  const std::string signature = "sha256=" + HmacSha256Hex("shared-secret", body);
  intake.Post({.body = body, .authorization = {}, .signature = signature, .peer = {}}, replies_.Collect());
  ASSERT_TRUE(replies_.Await(1));
  intake.Post({.body = body + " ", .authorization = {}, .signature = signature, .peer = {}}, replies_.Collect());
  ASSERT_TRUE(replies_.Await(2));
  EXPECT_EQ(replies_.all()[0].status, 200);
  EXPECT_EQ(replies_.all()[1].status, 401);  // the signature is of another body
}

TEST_F(HttpIntakeTest, AWebhookBodyBecomesOneEventOrIsSkippedOrRefused) {
  IntakeWebhookSettings hook;
  hook.name = "desk";
  hook.path = "/v1/webhooks/desk";
  YamlReader r("m.yaml");
  ReadWebhookMapping(r, YAML::Load(R"(
event_id: "desk-{ticket.id}-{change}"
contact_id: "desk-{ticket.id}"
type: {from: "{change}", values: {created: received, note: skip}}
event_time: "{at}"
channel: email
service: "{ticket.team}"
)"),
                     &hook.mapping);
  ASSERT_TRUE(r.errors().empty()) << r.errors()[0].ToString();
  settings_.webhooks = {hook};
  testing::FakeRecordSink sink;
  auto intake = Make(sink);
  const auto post = [&](const std::string& body) {
    intake->PostWebhook(0, {.body = body, .authorization = "Bearer let-me-in", .signature = {}, .peer = "10.0.0.9"},
                        replies_.Collect());
  };
  post(R"({"ticket": {"id": 7, "team": "Revenues"}, "change": "created", "at": "2026-12-01T09:00:00Z"})");
  ASSERT_TRUE(replies_.Await(1));
  EXPECT_EQ(replies_.all()[0].status, 200);
  ASSERT_EQ(sink.records().size(), 1u);
  v1::ContactEvent stored;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(sink.records()[0].value, &stored).ok());
  EXPECT_EQ(stored.event_id(), "desk-7-created");
  EXPECT_EQ(stored.service(), "Revenues");
  // A note is no event: 200, nothing stored.
  post(R"({"ticket": {"id": 7}, "change": "note", "at": "2026-12-01T09:05:00Z"})");
  ASSERT_TRUE(replies_.Await(2));
  EXPECT_EQ(replies_.all()[1].status, 200);
  EXPECT_EQ(replies_.all()[1].body, "{\"accepted\":0,\"skipped\":1}\n");
  // A change the mapping does not know: 422, and the body dead-lettered as it came.
  const std::string unknown = R"({"ticket": {"id": 7}, "change": "merged", "at": "2026-12-01T09:06:00Z"})";
  post(unknown);
  ASSERT_TRUE(replies_.Await(3));
  EXPECT_EQ(replies_.all()[2].status, 422);
  EXPECT_NE(replies_.all()[2].body.find("\"reason\":\"unlisted_value\""), std::string::npos);
  ASSERT_EQ(sink.records().size(), 2u);
  EXPECT_EQ(sink.records()[1].topic, "dead");
  EXPECT_EQ(sink.records()[1].value, unknown);
  EXPECT_EQ(sink.records()[1].headers.at("ontime.source.file"), "POST /v1/webhooks/desk from 10.0.0.9");
  EXPECT_EQ(intake->counters().requests.at("skipped"), 1u);
  // Without the token: 401.
  intake->PostWebhook(0, {.body = unknown, .authorization = {}, .signature = {}, .peer = {}}, replies_.Collect());
  ASSERT_TRUE(replies_.Await(4));
  EXPECT_EQ(replies_.all()[3].status, 401);
}

TEST(IntakeAuth, ASha1SignatureAsZammadSends) {
  const IntakeAuth auth({}, "zammad-token");
  // HMAC-SHA1("zammad-token", "{}"), from printf '{}' | openssl dgst -sha1 -hmac zammad-token.
  EXPECT_TRUE(auth.Allows({}, "sha1=eaeeed88a156c184aa6b44f71452573c752e6171", "{}"));
  EXPECT_TRUE(auth.Allows({}, "SHA1=EAEEED88A156C184AA6B44F71452573C752E6171", "{}"));
  EXPECT_FALSE(auth.Allows({}, "eaeeed88a156c184aa6b44f71452573c752e6171", "{}"));  // without sha1=: SHA-256
  EXPECT_FALSE(auth.Allows({}, "sha1=0000000000000000000000000000000000000000", "{}"));
}

TEST(IntakeAuth, KnownDigests) {
  // RFC 4231 test case 2.
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(HttpIntakeTest, PastThePendingLimitARequestIsToldToWait) {
  testing::FakeRecordSink sink(/*auto_acknowledge=*/false);
  auto intake = Make(sink);
  std::string eight = "[";
  for (int i = 0; i < 8; ++i) eight += (i ? "," : "") + Event(absl::StrCat("a", i));
  eight += "]";
  Post(*intake, eight);
  Post(*intake, absl::StrCat("[", Event("b1"), ",", Event("b2"), ",", Event("b3"), "]"));
  ASSERT_TRUE(replies_.Await(1));
  IntakeReply throttled = replies_.all()[0];
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(throttled.retry_after, "1");
  EXPECT_EQ(sink.sent(), 8u);  // the throttled request sent nothing
  sink.AcknowledgeAll();
  ASSERT_TRUE(replies_.Await(2));
  EXPECT_EQ(replies_.all()[1].status, 200);
  EXPECT_EQ(intake->counters().requests.at("throttled"), 1u);
}

TEST_F(HttpIntakeTest, ABrokerThatDoesNotAnswerGets503ForEveryoneUntilItSettles) {
  testing::FakeRecordSink sink(/*auto_acknowledge=*/false);
  auto intake = Make(sink);
  Post(*intake, Event("e1"));
  Advance(absl::Seconds(3));
  Post(*intake, Event("e2"));
  // e1's deadline passes (e2's not yet): both are answered 503, for e2's
  // record waits behind e1's.
  Advance(absl::Seconds(8));
  ASSERT_TRUE(replies_.Await(2));
  for (const IntakeReply& r : replies_.all()) {
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(r.retry_after, "5");
  }
  // New requests: 503 at once, nothing sent, while those records are unsettled.
  Post(*intake, Event("e3"));
  ASSERT_TRUE(replies_.Await(3));
  EXPECT_EQ(replies_.all()[2].status, 503);
  EXPECT_EQ(sink.sent(), 2u);
  // The broker takes them after all: once the intake's thread has seen them
  // settle (within its 100 ms wait), requests are queued and stored again.
  sink.AcknowledgeAll();
  int status = 0;
  for (int attempt = 0; attempt < 100 && status != 200; ++attempt) {
    const size_t before = replies_.count();
    Post(*intake, Event("e4"));
    sink.AcknowledgeAll();
    ASSERT_TRUE(replies_.Await(before + 1));
    status = replies_.all()[before].status;
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(status, 200);
  const HttpIntakeCounters c = intake->counters();
  EXPECT_EQ(c.requests.at("accepted"), 1u);
  EXPECT_EQ(c.events_accepted, 1u);  // e1 and e2 were stored, but were answered 503: not counted as accepted
}

TEST_F(HttpIntakeTest, StoppingAnswersWhatWaits503) {
  testing::FakeRecordSink sink(/*auto_acknowledge=*/false);
  auto intake = Make(sink);
  Post(*intake, Event("e1"));
  intake->Stop();
  ASSERT_TRUE(replies_.Await(1));
  EXPECT_EQ(replies_.all()[0].status, 503);
  Post(*intake, Event("e2"));
  ASSERT_TRUE(replies_.Await(2));
  EXPECT_EQ(replies_.all()[1].status, 503);
  EXPECT_EQ(sink.sent(), 1u);
}

}  // namespace
}  // namespace ontime

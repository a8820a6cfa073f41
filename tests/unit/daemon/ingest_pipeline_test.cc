// The ingest pipeline's exactly-once rules on in-memory fakes, without a
// broker: what a checkpoint may say and when it may go out. The same rules
// run against librdkafka's mock cluster (tests/integration/kafka_mock_test)
// and a real broker (tests/integration/ontimed_exactly_once_test.sh).
#include "daemon/ingest_pipeline.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "config/config_loader.h"
#include "daemon/checkpoint_writer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/fake_record_sink.h"
#include "tests/support/fake_state_store.h"
#include "tests/support/test_ingest_settings.h"

namespace ontime {
namespace {

using testing::FakeRecordSink;
using testing::FakeStateStore;

constexpr absl::Duration kBound = absl::Seconds(30);
const TopicPartition kP0{"events", 0};
const TopicPartition kP1{"events", 1};

// The daemon's loop, as far as the pipeline sees it: work posted from the
// writer's thread, run when the test says.
class TestLoop {
 public:
  void Post(std::function<void()> work) {
    std::lock_guard<std::mutex> lock(mutex_);
    work_.push_back(std::move(work));
  }
  // Runs posted work until `done` (checked between runs), within kBound.
  bool RunUntil(const std::function<bool()>& done) {
    const absl::Time deadline = absl::Now() + kBound;
    while (!done()) {
      if (absl::Now() > deadline) return false;
      std::function<void()> next;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!work_.empty()) {
          next = std::move(work_.front());
          work_.pop_front();
        }
      }
      if (next) {
        next();
      } else {
        absl::SleepFor(absl::Milliseconds(1));
      }
    }
    return true;
  }

 private:
  std::mutex mutex_;
  std::deque<std::function<void()>> work_;
};

// Polls `done` within kBound.
bool WaitUntil(const std::function<bool()>& done) {
  const absl::Time deadline = absl::Now() + kBound;
  while (!done()) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(1));
  }
  return true;
}

std::string Received(const std::string& contact, int minute) {
  return absl::StrCat(R"({"eventId":")", contact, R"(:r","contactId":")", contact,
                      R"(","type":"EVENT_TYPE_RECEIVED","channel":"CHANNEL_PHONE","contactType":"enquiry",)",
                      R"("service":"housing","eventTime":"2026-10-05T09:)", minute < 10 ? "0" : "", minute,
                      R"(:00Z"})");
}

// One pipeline with its writer, on the fakes; records fed by offset.
struct Daemon {
  Daemon(const EngineConfig& config, FakeStateStore* store, FakeRecordSink* sink,
         absl::Duration flush_timeout = kBound, AlertSettings alerts = {})
      : writer(store, sink, flush_timeout) {
    IngestPipeline::Hooks hooks;
    hooks.clock = [this] { return now; };
    hooks.post = [this](std::function<void()> work) { loop.Post(std::move(work)); };
    hooks.on_saved = [this](const TopicPartition& tp, int64_t offset) { committed[tp] = offset; };
    hooks.seek = [](const TopicPartition&, int64_t) {};
    hooks.owns_all_partitions = [] { return true; };
    pipeline = std::make_unique<IngestPipeline>(config, testing::TestIngestSettings(WireFormat::kJson), alerts, store, &writer,
                                                sink, std::move(hooks));
  }

  // `timestamp_ms`: when the record reached the log (the watermark never
  // runs ahead of it).
  void Feed(const TopicPartition& tp, int64_t offset, const std::string& value,
            int64_t timestamp_ms = 1790000000000) {
    const std::string key = absl::StrCat("k", offset);
    pipeline->Consume(KafkaRecord{.topic = tp.topic, .partition = tp.partition, .offset = offset, .key = key,
                                  .value = value, .timestamp_ms = timestamp_ms});
  }
  // Good records at [from, to), a bad one at each offset in `bad`.
  void FeedRange(const TopicPartition& tp, int64_t from, int64_t to, const std::vector<int64_t>& bad = {}) {
    for (int64_t offset = from; offset < to; ++offset) {
      const bool is_bad = std::find(bad.begin(), bad.end(), offset) != bad.end();
      Feed(tp, offset, is_bad ? std::string("{not json") : Received(absl::StrCat("c", tp.partition, "-", offset), 1));
    }
    pipeline->BatchEnd();
  }
  // Asks for a checkpoint of what changed and runs the loop until the
  // pipeline has counted `checkpoints` saved.
  bool SaveChanged(uint64_t checkpoints) {
    pipeline->CheckpointChanged();
    return loop.RunUntil([&] { return pipeline->counters().checkpoints == checkpoints; });
  }
  absl::Time now = absl::FromCivil(absl::CivilSecond(2026, 10, 5, 10, 0, 0), absl::UTCTimeZone());
  TestLoop loop;
  CheckpointWriter writer;
  std::unique_ptr<IngestPipeline> pipeline;
  std::map<TopicPartition, int64_t> committed;
};

class IngestPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ConfigResult loaded = LoadConfigFile(ONTIME_SOURCE_DIR "/deploy/examples/ontime.yaml");
    ASSERT_TRUE(loaded.ok());
    config_ = loaded.config.engine;
  }
  EngineConfig config_;
};

TEST_F(IngestPipelineTest, CheckpointWaitsForTheDeadLettersItCovers) {
  FakeRecordSink sink(/*auto_acknowledge=*/false);
  FakeStateStore store(&sink);
  Daemon daemon(config_, &store, &sink);
  ASSERT_TRUE(daemon.pipeline->Assign(kP0).ok());
  daemon.FeedRange(kP0, 0, 10, /*bad=*/{2, 5, 7});
  ASSERT_EQ(sink.records().size(), 3u);

  daemon.pipeline->CheckpointChanged();
  // The writer either waits for the acknowledgements or (wrongly) saves.
  ASSERT_TRUE(WaitUntil([&] { return sink.flushes_waiting() > 0 || !store.saves().empty(); }));
  EXPECT_TRUE(store.saves().empty()) << "a checkpoint went out before the dead letters it covers";
  // Acknowledged out of order, the first one last: nothing may be saved
  // until it is.
  sink.Acknowledge(3);
  sink.Acknowledge(2);
  EXPECT_TRUE(store.saves().empty()) << "a checkpoint went out before the dead letters it covers";
  sink.Acknowledge(1);
  ASSERT_TRUE(store.WaitSaves(1, kBound));
  ASSERT_TRUE(daemon.loop.RunUntil([&] { return daemon.pipeline->counters().checkpoints == 1; }));

  const std::vector<FakeStateStore::SaveRecord> saves = store.saves();
  ASSERT_EQ(saves.size(), 1u);
  EXPECT_TRUE(saves[0].saved);
  EXPECT_EQ(saves[0].next_offset, 10);
  EXPECT_EQ(saves[0].sink_sent, 3u);
  EXPECT_EQ(saves[0].sink_unacknowledged, 0u) << "saved while dead letters before it were unacknowledged";
  EXPECT_EQ(daemon.committed[kP0], 10);
  EXPECT_EQ(store.durable(kP0)->dead_letters_by_reason.begin()->second, 3u);
}

TEST_F(IngestPipelineTest, UnacknowledgedDeadLettersFailTheSaveAndLeaveThePreviousCheckpoint) {
  FakeRecordSink sink(/*auto_acknowledge=*/false);
  FakeStateStore store(&sink);
  Daemon daemon(config_, &store, &sink, /*flush_timeout=*/absl::Milliseconds(50));
  ASSERT_TRUE(daemon.pipeline->Assign(kP0).ok());
  daemon.FeedRange(kP0, 0, 4);
  daemon.pipeline->CheckpointChanged();
  ASSERT_TRUE(store.WaitSaves(1, kBound));
  ASSERT_TRUE(daemon.loop.RunUntil([&] { return daemon.pipeline->counters().checkpoints == 1; }));

  daemon.FeedRange(kP0, 4, 8, /*bad=*/{6});
  daemon.pipeline->CheckpointChanged();
  ASSERT_TRUE(daemon.loop.RunUntil([&] { return daemon.pipeline->counters().checkpoint_failures == 1; }));
  EXPECT_EQ(store.saves().size(), 1u) << "the store was asked to save past an unacknowledged dead letter";
  EXPECT_EQ(store.durable(kP0)->next_offset, 4);
  EXPECT_EQ(daemon.committed[kP0], 4);
  EXPECT_TRUE(daemon.pipeline->last_checkpoint_failed());

  // Acknowledged now: the next tick saves it.
  sink.AcknowledgeAll();
  daemon.pipeline->CheckpointChanged();
  ASSERT_TRUE(store.WaitSaves(2, kBound));
  ASSERT_TRUE(daemon.loop.RunUntil([&] { return daemon.pipeline->counters().checkpoints == 2; }));
  EXPECT_EQ(store.durable(kP0)->next_offset, 8);
  EXPECT_FALSE(daemon.pipeline->last_checkpoint_failed());
}

TEST_F(IngestPipelineTest, FailedOrTornSaveLeavesThePreviousCheckpointAndIsTriedAgain) {
  for (const bool torn : {false, true}) {
    SCOPED_TRACE(torn ? "torn" : "failed");
    FakeRecordSink sink;
    FakeStateStore store(&sink);
    Daemon daemon(config_, &store, &sink);
    ASSERT_TRUE(daemon.pipeline->Assign(kP0).ok());
    daemon.FeedRange(kP0, 0, 5);
    ASSERT_TRUE(daemon.SaveChanged(1));

    store.FailNextSaves(1, torn);
    daemon.FeedRange(kP0, 5, 9);
    daemon.pipeline->CheckpointChanged();
    ASSERT_TRUE(daemon.loop.RunUntil([&] { return daemon.pipeline->counters().checkpoint_failures == 1; }));
    EXPECT_EQ(store.durable(kP0)->next_offset, 5);
    EXPECT_EQ(daemon.committed[kP0], 5) << "an offset committed past a checkpoint that failed";

    // A member that took over now would resume from the previous one.
    Daemon other(config_, &store, &sink);
    EXPECT_EQ(*other.pipeline->Assign(kP0), 5);

    ASSERT_TRUE(daemon.SaveChanged(2));
    EXPECT_EQ(store.durable(kP0)->next_offset, 9);
  }
}

TEST_F(IngestPipelineTest, RevokedPartitionSavesAndLostOneDoesNot) {
  FakeRecordSink sink;
  FakeStateStore store(&sink);
  Daemon daemon(config_, &store, &sink);
  ASSERT_TRUE(daemon.pipeline->Assign(kP0).ok());
  ASSERT_TRUE(daemon.pipeline->Assign(kP1).ok());
  daemon.FeedRange(kP0, 0, 6);
  daemon.FeedRange(kP1, 0, 7);

  daemon.pipeline->Revoke(kP0, /*lost=*/false);
  ASSERT_TRUE(store.durable(kP0).has_value()) << "a revoked partition must be saved before it goes";
  EXPECT_EQ(store.durable(kP0)->next_offset, 6);
  EXPECT_EQ(daemon.committed[kP0], 6);

  daemon.pipeline->Revoke(kP1, /*lost=*/true);
  EXPECT_FALSE(store.durable(kP1).has_value()) << "a lost partition belongs to its new owner";
  EXPECT_EQ(daemon.pipeline->partitions(), 0u);
  EXPECT_EQ(store.saves().size(), 1u);
}

TEST_F(IngestPipelineTest, ReassignedPartitionResumesFromItsCheckpoint) {
  FakeRecordSink sink;
  FakeStateStore store(&sink);
  PortableAggregates whole;
  {
    // One member reads it all at once: what the split run must give.
    FakeRecordSink other_sink;
    FakeStateStore other_store(&other_sink);
    Daemon once(config_, &other_store, &other_sink);
    ASSERT_TRUE(once.pipeline->Assign(kP0).ok());
    once.FeedRange(kP0, 0, 20, {3, 11});
    whole = once.pipeline->AllFigures().aggregates();
  }
  {
    Daemon first(config_, &store, &sink);
    ASSERT_TRUE(first.pipeline->Assign(kP0).ok());
    first.FeedRange(kP0, 0, 12, {3, 11});
    first.pipeline->Revoke(kP0, /*lost=*/false);
  }
  Daemon second(config_, &store, &sink);
  absl::StatusOr<int64_t> resume = second.pipeline->Assign(kP0);
  ASSERT_TRUE(resume.ok());
  EXPECT_EQ(*resume, 12);
  EXPECT_EQ(second.pipeline->AllFigures().open_contacts(), 10u) << "state restored with the partition";
  // Delivered again from before the checkpoint (a seek, a retry): skipped.
  second.FeedRange(kP0, 8, 20, {3, 11});
  EXPECT_EQ(second.pipeline->AllFigures().counters().events[static_cast<size_t>(Disposition::kApplied)], 18u);
  EXPECT_EQ(second.pipeline->AllFigures().aggregates(), whole);
  EXPECT_EQ(second.pipeline->DeadLettersByReason().begin()->second, 2u);
  EXPECT_EQ(sink.records().size(), 2u) << "each dead letter once: nothing was lost in between";
}

TEST_F(IngestPipelineTest, DeadLettersAreSentAgainUntilTaken) {
  FakeRecordSink sink;
  FakeStateStore store(&sink);
  Daemon daemon(config_, &store, &sink);
  ASSERT_TRUE(daemon.pipeline->Assign(kP0).ok());
  // The sink's queue is full for the first two dead letters.
  sink.RefuseNextSends(2);
  daemon.FeedRange(kP0, 0, 6, /*bad=*/{1, 4});
  EXPECT_EQ(sink.records().size(), 0u);
  EXPECT_EQ(daemon.pipeline->counters().dead_letters_unsent, 2u);

  // Still full at the next tick: no checkpoint may say they are out.
  sink.RefuseNextSends(1);
  daemon.pipeline->CheckpointChanged();
  EXPECT_EQ(daemon.pipeline->counters().checkpoints_held_for_dead_letters, 1u);
  EXPECT_TRUE(store.saves().empty());

  // Taken now, in offset order, then the checkpoint.
  ASSERT_TRUE(daemon.SaveChanged(1));
  const std::vector<testing::SunkRecord> sent = sink.records();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].headers.at("ontime.source.offset"), "1");
  EXPECT_EQ(sent[1].headers.at("ontime.source.offset"), "4");
  EXPECT_EQ(sent[0].value, "{not json");
  EXPECT_EQ(store.durable(kP0)->next_offset, 6);

  // A delivery that fails is sent again, and the checkpoint waits until it
  // is acknowledged.
  FakeRecordSink held(/*auto_acknowledge=*/false);
  FakeStateStore held_store(&held);
  Daemon second(config_, &held_store, &held);
  ASSERT_TRUE(second.pipeline->Assign(kP0).ok());
  second.FeedRange(kP0, 0, 3, /*bad=*/{1});
  second.pipeline->CheckpointChanged();
  ASSERT_TRUE(WaitUntil([&] { return held.flushes_waiting() > 0 || !held_store.saves().empty(); }));
  held.FailDelivery(1);
  held.FailDelivery(1);
  EXPECT_TRUE(held_store.saves().empty()) << "a checkpoint went out over a dead letter being sent again";
  held.Acknowledge(1);
  ASSERT_TRUE(second.loop.RunUntil([&] { return second.pipeline->counters().checkpoints == 1; }));
  EXPECT_EQ(held.delivered().size(), 1u);
  EXPECT_EQ(held.resent(), 2u);
  EXPECT_EQ(held_store.saves()[0].sink_unacknowledged, 0u);
}

TEST_F(IngestPipelineTest, RevocationWithDeadLettersNotTakenLeavesThePartitionToItsNextOwner) {
  FakeRecordSink sink;
  FakeStateStore store(&sink);
  {
    Daemon daemon(config_, &store, &sink);
    ASSERT_TRUE(daemon.pipeline->Assign(kP0).ok());
    daemon.FeedRange(kP0, 0, 4);
    ASSERT_TRUE(daemon.SaveChanged(1));
    // Refused when first sent, and again when offered at revocation.
    sink.RefuseNextSends(2);
    daemon.FeedRange(kP0, 4, 8, /*bad=*/{5});
    daemon.pipeline->Revoke(kP0, /*lost=*/false);
    EXPECT_EQ(store.durable(kP0)->next_offset, 4) << "saved past a dead letter that never went out";
  }
  // The next owner reads from 4 again and writes the dead letter itself.
  Daemon next(config_, &store, &sink);
  EXPECT_EQ(*next.pipeline->Assign(kP0), 4);
  next.FeedRange(kP0, 4, 8, /*bad=*/{5});
  ASSERT_EQ(sink.records().size(), 1u);
  EXPECT_EQ(sink.records()[0].headers.at("ontime.source.offset"), "5");
}

TEST_F(IngestPipelineTest, StalledStoreNeitherBlocksTheLoopNorLetsALoadMissASave) {
  FakeRecordSink sink;
  FakeStateStore store(&sink);
  Daemon daemon(config_, &store, &sink);
  ASSERT_TRUE(daemon.pipeline->Assign(kP0).ok());
  daemon.FeedRange(kP0, 0, 5);
  store.Stall();
  daemon.pipeline->CheckpointChanged();  // returns with the save stalled
  ASSERT_TRUE(store.WaitStalledSave(kBound));
  // The loop goes on: records, signals, a second ask (one save in flight).
  daemon.FeedRange(kP0, 5, 9);
  daemon.pipeline->Advance();
  daemon.pipeline->CheckpointChanged();
  EXPECT_EQ(store.saves().size(), 0u);
  store.Release();
  ASSERT_TRUE(daemon.loop.RunUntil([&] { return daemon.pipeline->counters().checkpoints == 1; }));
  ASSERT_TRUE(daemon.SaveChanged(2));
  EXPECT_EQ(store.durable(kP0)->next_offset, 9);
}

// Alerts ride the dead letters' rule: written through the sink, keyed by
// identity, and covered by a checkpoint only once acknowledged; after a
// crash the next owner raises the ones after the last checkpoint again,
// with the same identities and contents, and none of those before it.
std::vector<testing::SunkRecord> AlertsIn(const std::vector<testing::SunkRecord>& records) {
  std::vector<testing::SunkRecord> alerts;
  for (const testing::SunkRecord& r : records) {
    if (r.topic == "ontime-alerts") alerts.push_back(r);
  }
  return alerts;
}

AlertSettings AlertsOn() {
  AlertSettings alerts;
  alerts.topic = "ontime-alerts";
  return alerts;
}

TEST_F(IngestPipelineTest, AlertsAreWrittenBeforeTheCheckpointThatCoversThem) {
  FakeRecordSink sink(/*auto_acknowledge=*/false);
  FakeStateStore store(&sink);
  Daemon daemon(config_, &store, &sink, kBound, AlertsOn());
  ASSERT_TRUE(daemon.pipeline->Assign(kP0).ok());
  daemon.FeedRange(kP0, 0, 3);
  daemon.pipeline->Advance();  // 10:00: calls received at 09:01 are overdue
  const std::vector<testing::SunkRecord> alerts = AlertsIn(sink.records());
  ASSERT_FALSE(alerts.empty());
  std::set<std::string> identities;
  for (const testing::SunkRecord& r : alerts) {
    v1::Alert alert;
    ASSERT_TRUE(alert.ParseFromString(r.value));
    EXPECT_EQ(r.key, alert.identity());
    EXPECT_TRUE(r.resend_on_failure);
    identities.insert(alert.identity());
  }
  EXPECT_TRUE(identities.contains("contact/c0-0/phone-answer/0/overdue"));

  daemon.pipeline->CheckpointChanged();
  ASSERT_TRUE(WaitUntil([&] { return sink.flushes_waiting() > 0 || !store.saves().empty(); }));
  EXPECT_TRUE(store.saves().empty()) << "a checkpoint went out before the alerts it covers";
  sink.AcknowledgeAll();
  ASSERT_TRUE(store.WaitSaves(1, kBound));
  EXPECT_EQ(store.saves()[0].sink_unacknowledged, 0u);
  EXPECT_EQ(daemon.pipeline->counters().alerts_written.size(), 1u) << "one (state, status, level): overdue, firing";
}

TEST_F(IngestPipelineTest, AfterACrashTheAlertsSinceTheLastCheckpointComeAgainTheSame) {
  FakeRecordSink sink;
  FakeStateStore store(&sink);
  std::vector<testing::SunkRecord> before_crash;
  {
    Daemon first(config_, &store, &sink, kBound, AlertsOn());
    ASSERT_TRUE(first.pipeline->Assign(kP0).ok());
    first.FeedRange(kP0, 0, 2);
    first.now = absl::FromCivil(absl::CivilSecond(2026, 10, 5, 9, 1, 50), absl::UTCTimeZone());
    first.pipeline->Advance();  // at risk
    ASSERT_TRUE(first.SaveChanged(1));
    first.now = absl::FromCivil(absl::CivilSecond(2026, 10, 5, 10, 0, 0), absl::UTCTimeZone());
    first.pipeline->Advance();  // overdue, after the checkpoint
    before_crash = AlertsIn(sink.records());
    // kill -9: no revocation, no save.
  }
  const size_t at_risk_records = 2;
  ASSERT_GT(before_crash.size(), at_risk_records);
  Daemon second(config_, &store, &sink, kBound, AlertsOn());
  ASSERT_TRUE(second.pipeline->Assign(kP0).ok());
  second.pipeline->Advance();
  const std::vector<testing::SunkRecord> all = AlertsIn(sink.records());
  const std::vector<testing::SunkRecord> again(all.begin() + static_cast<std::ptrdiff_t>(before_crash.size()), all.end());
  // The at-risk alerts were covered by the checkpoint: not raised again.
  // Everything after it is, byte for byte.
  ASSERT_EQ(again.size(), before_crash.size() - at_risk_records);
  for (size_t i = 0; i < again.size(); ++i) {
    EXPECT_EQ(again[i].key, before_crash[at_risk_records + i].key);
    EXPECT_EQ(again[i].value, before_crash[at_risk_records + i].value);
  }
}

TEST_F(IngestPipelineTest, AnEndedAlertIsFollowedByItsTombstone) {
  FakeRecordSink sink;
  FakeStateStore store(&sink);
  Daemon daemon(config_, &store, &sink, kBound, AlertsOn());
  ASSERT_TRUE(daemon.pipeline->Assign(kP0).ok());
  daemon.FeedRange(kP0, 0, 1);
  daemon.now = absl::FromCivil(absl::CivilSecond(2026, 10, 5, 9, 1, 50), absl::UTCTimeZone());
  daemon.pipeline->Advance();  // at risk
  daemon.now = absl::FromCivil(absl::CivilSecond(2026, 10, 5, 10, 0, 0), absl::UTCTimeZone());
  daemon.pipeline->Advance();  // overdue: the at-risk alert ends
  std::vector<std::string> seen;
  for (const testing::SunkRecord& r : AlertsIn(sink.records())) {
    v1::Alert alert;
    ASSERT_TRUE(alert.ParseFromString(r.value));
    seen.push_back(r.tombstone ? "tombstone " + r.key
                               : v1::Alert::Status_Name(alert.status()) + " " + alert.identity());
  }
  EXPECT_THAT(seen, ::testing::ElementsAre("FIRING contact/c0-0/phone-answer/0/at_risk",
                                           "FIRING contact/c0-0/phone-answer/0/overdue",
                                           "RESOLVED contact/c0-0/phone-answer/0/at_risk",
                                           "tombstone contact/c0-0/phone-answer/0/at_risk"));
}

std::string Answered(const std::string& contact, int minute) {
  return absl::StrCat(R"({"eventId":")", contact, R"(:a","contactId":")", contact,
                      R"(","type":"EVENT_TYPE_FIRST_RESPONSE","eventTime":"2026-10-05T09:)", minute < 10 ? "0" : "",
                      minute, R"(:00Z"})");
}

TEST_F(IngestPipelineTest, AStandardBelowTargetOverItsWindowRaisesADip) {
  FakeRecordSink sink;
  FakeStateStore store(&sink);
  Daemon daemon(config_, &store, &sink, kBound, AlertsOn());
  ASSERT_TRUE(daemon.pipeline->Assign(kP0).ok());
  // 60 calls at 09:01, answered at 09:03 (late: within 60 s is the standard);
  // a call at 09:20 moves the watermark (5 minutes' lateness) past them.
  int64_t offset = 0;
  // Logged as they happened (09:25, after all of them).
  const int64_t logged = absl::ToUnixMillis(absl::FromCivil(absl::CivilSecond(2026, 10, 5, 9, 25, 0), absl::UTCTimeZone()));
  for (int i = 0; i < 60; ++i) daemon.Feed(kP0, offset++, Received(absl::StrCat("late-", i), 1), logged);
  for (int i = 0; i < 60; ++i) daemon.Feed(kP0, offset++, Answered(absl::StrCat("late-", i), 3), logged);
  daemon.Feed(kP0, offset++, Received("tick", 20), logged);
  daemon.pipeline->BatchEnd();
  daemon.pipeline->Advance();
  std::vector<std::string> dips;
  for (const testing::SunkRecord& r : AlertsIn(sink.records())) {
    v1::Alert alert;
    if (r.tombstone || !alert.ParseFromString(r.value) || alert.kind() != v1::Alert::DIP) continue;
    dips.push_back(absl::StrCat(alert.identity(), " ", v1::Alert::Status_Name(alert.status()), " ",
                                alert.window_met(), "/", alert.window_judged()));
  }
  EXPECT_THAT(dips, ::testing::UnorderedElementsAre("dip/phone-answer/1h FIRING 0/60",
                                                    "dip/phone-answer/today FIRING 0/60"));
}

TEST_F(IngestPipelineTest, WithoutAnAlertsTopicNoAlertIsWritten) {
  FakeRecordSink sink;
  FakeStateStore store(&sink);
  Daemon daemon(config_, &store, &sink);
  ASSERT_TRUE(daemon.pipeline->Assign(kP0).ok());
  daemon.FeedRange(kP0, 0, 3);
  daemon.pipeline->Advance();
  EXPECT_TRUE(sink.records().empty());
  EXPECT_GT(daemon.pipeline->counters().signals[static_cast<size_t>(SignalKind::kOverdue)], 0u);
}

// Outcomes go to the outcomes topic by the same rule: through the sink,
// keyed by identity, before the checkpoint that covers them, each saying
// the source position it was made final at (readers pair it with the
// checkpoints by that).
TEST_F(IngestPipelineTest, OutcomesAreWrittenBeforeTheCheckpointThatCoversThem) {
  FakeRecordSink sink(/*auto_acknowledge=*/false);
  FakeStateStore store(&sink);
  Daemon daemon(config_, &store, &sink);
  ASSERT_TRUE(daemon.pipeline->Assign(kP0).ok());
  const int64_t logged = absl::ToUnixMillis(absl::FromCivil(absl::CivilSecond(2026, 10, 5, 9, 25, 0), absl::UTCTimeZone()));
  int64_t offset = 0;
  for (int i = 0; i < 5; ++i) daemon.Feed(kP0, offset++, Received(absl::StrCat("c", i), 1), logged);
  for (int i = 0; i < 5; ++i) daemon.Feed(kP0, offset++, Answered(absl::StrCat("c", i), 3), logged);
  daemon.Feed(kP0, offset++, Received("tick", 20), logged);  // the watermark passes 09:03
  daemon.pipeline->BatchEnd();
  daemon.pipeline->Advance();

  std::vector<std::string> phone;
  for (const testing::SunkRecord& r : sink.records()) {
    if (r.topic != "ontime-outcomes") continue;
    v1::OutcomeRecord record;
    ASSERT_TRUE(record.ParseFromString(r.value));
    EXPECT_EQ(r.key, record.identity());
    EXPECT_TRUE(r.resend_on_failure);
    EXPECT_EQ(record.source_topic(), kP0.topic);
    EXPECT_EQ(record.source_partition(), kP0.partition);
    EXPECT_EQ(record.source_position(), offset) << "made final after the last record read";
    if (record.standard() != "phone-answer") continue;
    EXPECT_EQ(record.verdict(), v1::OutcomeRecord::BREACHED);
    EXPECT_EQ(record.measure(), 120'000'000) << "answered 2 minutes after the receipt";
    phone.push_back(record.identity());
  }
  std::sort(phone.begin(), phone.end());
  const int64_t received_us =
      absl::ToUnixMicros(absl::FromCivil(absl::CivilSecond(2026, 10, 5, 9, 1, 0), absl::UTCTimeZone()));
  ASSERT_EQ(phone.size(), 5u);
  EXPECT_EQ(phone[0], absl::StrCat("phone-answer/c0/0/", received_us));

  daemon.pipeline->CheckpointChanged();
  ASSERT_TRUE(WaitUntil([&] { return sink.flushes_waiting() > 0 || !store.saves().empty(); }));
  EXPECT_TRUE(store.saves().empty()) << "a checkpoint went out before the outcomes it covers";
  sink.AcknowledgeAll();
  ASSERT_TRUE(store.WaitSaves(1, kBound));
  EXPECT_EQ(store.saves()[0].sink_unacknowledged, 0u);
  EXPECT_EQ(store.saves()[0].next_offset, offset);
}

}  // namespace
}  // namespace ontime

// ontimed's Kafka side against librdkafka's mock cluster (in process, real
// Kafka protocol on loopback): checkpoints in the state topic, and the
// consumer group and pipeline under injected fetch, commit and produce
// errors, checked against engines fed the same partitions directly.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <gtest/gtest.h>

#include "tests/support/test_ingest_settings.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "absl/strings/str_replace.h"

#include "collectors/event_decoder.h"
#include "collectors/ingest_admission.h"
#include "collectors/record_admission.h"
#include "config/config_loader.h"
#include "daemon/embedded_kafka.h"
#include "daemon/ingest_pipeline.h"
#include "kafka/checkpoint_store.h"
#include "kafka/kafka_group_consumer.h"
#include "kafka/kafka_producer.h"
#include "kafka/kafka_topic_reader.h"
#include "kafka/protobuf_logging.h"
#include "simulator/traffic_simulator.h"

namespace ontime {
namespace {

// Kafka API keys (the protocol's numbering).
constexpr int16_t kProduce = 0;
constexpr int16_t kFetch = 1;
constexpr int16_t kOffsetCommit = 8;

std::map<std::string, std::string> Settings(const EmbeddedKafka& kafka) {
  return {{"bootstrap.servers", kafka.bootstrap_servers()}};
}

TEST(CheckpointStore, SavesAndLoadsLargeStateInChunks) {
  auto kafka = *EmbeddedKafka::Start(1, {{"state", 3}});
  KafkaProducer producer;
  ASSERT_TRUE(producer.Open(Settings(*kafka)).ok());
  CheckpointStore store(&producer, Settings(*kafka), "state", "test");
  ASSERT_TRUE(store.Prepare(3).ok());

  auto none = store.Load({"events", 4});
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_FALSE(none->has_value());

  PartitionCheckpoint checkpoint;
  checkpoint.next_offset = 1234;
  for (int64_t i = 0; i < 1'300'000; ++i) checkpoint.engine_state.push_back(static_cast<char>(i * 7919 % 251));
  checkpoint.outcome_series = "series-bytes";
  checkpoint.dead_letters_by_reason = {{"undecodable", 3}};
  const std::string engine_state = checkpoint.engine_state;
  ASSERT_TRUE(store.Save({"events", 4}, checkpoint).ok());
  EXPECT_EQ(checkpoint.generation, 1u);
  EXPECT_EQ(checkpoint.engine_state, engine_state);  // left as it was

  auto loaded = store.Load({"events", 4});
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ((*loaded)->next_offset, 1234);
  EXPECT_EQ((*loaded)->engine_state, engine_state);
  EXPECT_EQ((*loaded)->outcome_series, "series-bytes");
  EXPECT_EQ((*loaded)->dead_letters_by_reason.at("undecodable"), 3u);

  // A second generation goes to the other slot and wins; a partition sharing
  // the state partition (4 % 3 == 1 % 3) is told apart by its key.
  checkpoint.next_offset = 2000;
  checkpoint.engine_state = "smaller";
  ASSERT_TRUE(store.Save({"events", 4}, checkpoint).ok());
  PartitionCheckpoint other;
  other.engine_state = "other";
  ASSERT_TRUE(store.Save({"events", 1}, other).ok());
  loaded = store.Load({"events", 4});
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  EXPECT_EQ((*loaded)->generation, 2u);
  EXPECT_EQ((*loaded)->engine_state, "smaller");
  EXPECT_EQ((*loaded)->next_offset, 2000);
}

TEST(CheckpointStore, ACheckpointCutShortLeavesThePreviousWhole) {
  auto kafka = *EmbeddedKafka::Start(1, {{"state", 1}});
  KafkaProducer producer;
  ASSERT_TRUE(producer.Open(Settings(*kafka)).ok());
  CheckpointStore store(&producer, Settings(*kafka), "state", "test");
  ASSERT_TRUE(store.Prepare(1).ok());
  PartitionCheckpoint checkpoint;
  checkpoint.next_offset = 77;
  checkpoint.engine_state = std::string(700'000, 'a');
  ASSERT_TRUE(store.Save({"events", 0}, checkpoint).ok());
  // Generation 2's chunks land in slot 0, then the writer dies before its
  // manifest: what a kill -9 mid-save leaves.
  for (const char* key : {"ck/events/0/0/0", "ck/events/0/0/1"}) {
    ASSERT_TRUE(producer.Send({.topic = "state", .partition = 0, .key = key, .value = "torn"}).ok());
  }
  ASSERT_TRUE(producer.Flush(absl::Seconds(10)).ok());
  auto loaded = store.Load({"events", 0});
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ((*loaded)->next_offset, 77);
  EXPECT_EQ((*loaded)->engine_state, std::string(700'000, 'a'));
}

// Produces a few simulated days to `topic`; returns how many records.
int64_t ProduceDays(const EmbeddedKafka& kafka, const std::string& topic, absl::CivilDay from, int days) {
  KafkaProducer producer;
  EXPECT_TRUE(producer.Open(Settings(kafka)).ok());
  SimulationOptions options;
  options.first_day = from;
  options.days = days;
  options.calls_per_weekday = 300;
  options.contact_id_prefix = absl::FormatCivilTime(from);
  int64_t n = 0;
  std::string bytes;
  Simulate(options, [&](const SimulatedEvent& e) {
    e.event.SerializeToString(&bytes);
    EXPECT_TRUE(producer.Send({.topic = topic, .key = e.event.contact_id(), .value = bytes}).ok());
    ++n;
  });
  EXPECT_TRUE(producer.Close().ok());
  return n;
}

// One engine per partition over the topic as it stands, admitted by the
// daemon's own rules from the record timestamps: what the daemon must equal.
PortableAggregates ReplayTopic(const EmbeddedKafka& kafka, const EngineConfig& config, const std::string& topic,
                               const AdmissionLimits& limits) {
  std::map<int32_t, std::unique_ptr<Engine>> engines;
  RecordAdmission admission(limits);
  Event event;
  Effects fx;
  EXPECT_TRUE(ReadTopicRange(Settings(kafka), topic, std::nullopt, [&](const KafkaRecord& r) {
                if (!engines.count(r.partition)) engines[r.partition] = *Engine::Create(config);
                if (!admission.Admit(WireFormat::kProtobuf, r.value, r.timestamp_ms, &event)) {
                  engines[r.partition]->Apply(event, fx);
                }
                fx.Clear();
              }).ok());
  PortableAggregates merged;
  for (auto& [p, engine] : engines) merged.Merge(engine->ExportAggregates());
  return merged;
}

IngestSettings TestIngest() { return testing::TestIngestSettings(WireFormat::kProtobuf); }

// A daemon's Kafka side without the rest: pipeline, consumer, producer.
struct Member {
  Member(boost::asio::io_context& io, const EmbeddedKafka& kafka, const EngineConfig& config,
         const IngestSettings& ingest = TestIngest())
      : store(&producer, Settings(kafka), "state", "member"), writer(&store, &producer) {
    EXPECT_TRUE(producer.Open(Settings(kafka)).ok());
    EXPECT_TRUE(store.Prepare(4).ok());
    IngestPipeline::Hooks hooks;
    hooks.clock = [] { return absl::Now(); };
    hooks.post = [&io](std::function<void()> work) { boost::asio::post(io, std::move(work)); };
    hooks.on_saved = [this](const TopicPartition& tp, int64_t offset) { consumer->Commit({{tp, offset}}); };
    hooks.seek = [this](const TopicPartition& tp, int64_t offset) { consumer->Seek(tp, offset); };
    pipeline = std::make_unique<IngestPipeline>(config, ingest, AlertSettings{}, &store, &writer, &producer, std::move(hooks));
    GroupConsumerCallbacks callbacks;
    callbacks.on_assigned = [this](const TopicPartition& tp) { return pipeline->Assign(tp); };
    callbacks.on_revoked = [this](const TopicPartition& tp, bool lost) { pipeline->Revoke(tp, lost); };
    callbacks.on_record = [this](const KafkaRecord& r) { pipeline->Consume(r); };
    callbacks.on_batch_end = [this] { pipeline->BatchEnd(); };
    callbacks.on_fatal = [](const absl::Status& s) { ADD_FAILURE() << s; };
    consumer = std::make_unique<KafkaGroupConsumer>(
        io, std::map<std::string, std::string>{{"bootstrap.servers", kafka.bootstrap_servers()},
                                               {"session.timeout.ms", "6000"}},
        "group", std::vector<std::string>{"events"}, std::move(callbacks));
    EXPECT_TRUE(consumer->Start().ok());
  }

  int64_t Position() const {
    int64_t total = 0;
    for (const auto& [tp, offset] : pipeline->positions()) total += std::max<int64_t>(offset, 0);
    return total;
  }

  KafkaProducer producer;
  CheckpointStore store;
  CheckpointWriter writer;
  std::unique_ptr<IngestPipeline> pipeline;
  std::unique_ptr<KafkaGroupConsumer> consumer;
};

bool RunUntil(boost::asio::io_context& io, const std::function<bool()>& done, absl::Duration limit) {
  const absl::Time deadline = absl::Now() + limit;
  while (!done()) {
    if (absl::Now() > deadline) return false;
    io.run_for(std::chrono::milliseconds(50));
    io.restart();
  }
  return true;
}

TEST(KafkaFaults, FetchCommitAndProduceErrorsLoseAndDoubleNothing) {
  ConfigResult loaded = LoadConfigFile(ONTIME_SOURCE_DIR "/deploy/examples/ontime.yaml");
  ASSERT_TRUE(loaded.ok());
  const EngineConfig& config = loaded.config.engine;
  auto kafka = *EmbeddedKafka::Start(3, {{"events", 4}, {"state", 4}, {"dead", 1}});
  rd_kafka_mock_cluster_t* cluster = kafka->cluster();
  int64_t produced = ProduceDays(*kafka, "events", absl::CivilDay(2026, 10, 5), 3);

  boost::asio::io_context io;
  {
    Member member(io, *kafka, config);
    // Fetches fail now and then, commits time out, a checkpoint write is
    // refused: librdkafka retries the first, the commit only informs, and
    // the checkpoint is tried again at the next tick.
    rd_kafka_mock_push_request_errors(cluster, kFetch, 6, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                                      RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                                      RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
                                      RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION);
    rd_kafka_mock_push_request_errors(cluster, kOffsetCommit, 3, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
                                      RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE,
                                      RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT);
    ASSERT_TRUE(RunUntil(io, [&] { return member.Position() >= produced / 2; }, absl::Seconds(60)));
    rd_kafka_mock_push_request_errors(cluster, kProduce, 2, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
                                      RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION);
    member.pipeline->CheckpointChanged();
    ASSERT_TRUE(RunUntil(io, [&] { return member.Position() == produced; }, absl::Seconds(60)));
    member.pipeline->CheckpointChanged();
    EXPECT_EQ(member.pipeline->AllFigures().aggregates(), ReplayTopic(*kafka, config, "events", AdmissionLimitsOf(TestIngest())));
    member.consumer->Close();
  }
  // A new member takes over from the checkpoints, with more traffic and
  // more failed fetches.
  produced += ProduceDays(*kafka, "events", absl::CivilDay(2026, 10, 8), 2);
  rd_kafka_mock_push_request_errors(cluster, kFetch, 4, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                                    RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                                    RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT);
  Member next(io, *kafka, config);
  ASSERT_TRUE(RunUntil(io, [&] { return next.Position() == produced; }, absl::Seconds(60)));
  EXPECT_EQ(next.pipeline->AllFigures().aggregates(), ReplayTopic(*kafka, config, "events", AdmissionLimitsOf(TestIngest())));
  EXPECT_GT(next.pipeline->AllFigures().open_contacts(), 0u);
  next.consumer->Close();
}

// librdkafka 2.0's batch consumer can hand over a record fetched before a
// rebalance or seek. One that lies past the next offset expected must not
// be taken: every record before it would be skipped for good. Here one such
// record is handed to the pipeline mid-stream; the partition is fetched
// again, and the result equals replay of the topic.
TEST(KafkaFaults, ARecordPastTheNextOffsetIsFetchedAgainNotTrusted) {
  ConfigResult loaded = LoadConfigFile(ONTIME_SOURCE_DIR "/deploy/examples/ontime.yaml");
  ASSERT_TRUE(loaded.ok());
  const EngineConfig& config = loaded.config.engine;
  auto kafka = *EmbeddedKafka::Start(1, {{"events", 4}, {"state", 4}, {"dead", 1}});
  int64_t produced = ProduceDays(*kafka, "events", absl::CivilDay(2026, 10, 5), 2);
  boost::asio::io_context io;
  Member member(io, *kafka, config);
  ASSERT_TRUE(RunUntil(io, [&] { return member.Position() == produced; }, absl::Seconds(60)));
  const TopicPartition zero{"events", 0};
  const int64_t next = member.pipeline->positions().at(zero);
  // More traffic, not yet consumed; one of its records, 200 past the next
  // offset, is handed over first, as a stale batch would.
  produced += ProduceDays(*kafka, "events", absl::CivilDay(2026, 10, 7), 2);
  std::string key, value;
  ASSERT_TRUE(ReadTopicRange(Settings(*kafka), "events", 0, [&](const KafkaRecord& r) {
                if (r.offset == next + 200) key = r.key, value = r.value;
              }).ok());
  ASSERT_FALSE(value.empty()) << "partition 0 holds 200 more records";
  member.pipeline->Consume({"events", 0, next + 200, key, value, -1});
  member.pipeline->BatchEnd();
  EXPECT_EQ(member.pipeline->positions().at(zero), next) << "the record out of turn was not taken";
  ASSERT_TRUE(RunUntil(io, [&] { return member.Position() == produced; }, absl::Seconds(60)));
  EXPECT_EQ(member.pipeline->counters().offset_gaps_refetched, 1u);
  EXPECT_EQ(member.pipeline->counters().offset_gaps_confirmed, 0u);
  EXPECT_EQ(member.pipeline->AllFigures().aggregates(), ReplayTopic(*kafka, config, "events", AdmissionLimitsOf(TestIngest())));
  member.consumer->Close();
}

// A live stream in which one source's clock runs 50 minutes fast: its
// receipt is admitted (within max_event_lead), but the watermark goes no
// further than the record's timestamp, so every contact after it is
// measured, not counted late; and replay of the topic agrees.
TEST(KafkaFaults, AFutureDatedEventDoesNotSilenceItsPartition) {
  ConfigResult loaded = LoadConfigFile(ONTIME_SOURCE_DIR "/deploy/examples/ontime.yaml");
  ASSERT_TRUE(loaded.ok());
  const EngineConfig& config = loaded.config.engine;
  auto kafka = *EmbeddedKafka::Start(1, {{"events", 1}, {"state", 1}, {"dead", 1}});
  IngestSettings ingest = TestIngest();
  ingest.max_event_age = absl::Hours(24);
  ingest.max_event_lead = absl::Hours(1);  // the shipped default
  KafkaProducer producer;
  ASSERT_TRUE(producer.Open(Settings(*kafka)).ok());
  std::string bytes;
  auto send = [&](const std::string& contact, v1::EventType type, absl::Time at, absl::Time logged) {
    v1::ContactEvent e;
    e.set_event_id(absl::StrCat(contact, "/", static_cast<int>(type)));
    e.set_contact_id(contact);
    e.set_type(type);
    e.mutable_event_time()->set_seconds(absl::ToUnixSeconds(at));
    e.set_channel(v1::CHANNEL_PHONE);
    e.SerializeToString(&bytes);
    ASSERT_TRUE(producer.Send({.topic = "events", .partition = 0, .key = contact, .value = bytes, .timestamp = logged}).ok());
  };
  // Calls every 20 s for an hour up to now, each answered 30 s later.
  const absl::Time start = absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now() - absl::Hours(1)));
  constexpr int kCalls = 180;
  for (int i = 0; i < kCalls; ++i) {
    const absl::Time t = start + absl::Seconds(20) * i;
    send(absl::StrCat("CALL-", i), v1::EVENT_TYPE_RECEIVED, t, t);
    send(absl::StrCat("CALL-", i), v1::EVENT_TYPE_FIRST_RESPONSE, t + absl::Seconds(30), t + absl::Seconds(30));
    if (i == 30) send("FAST-CLOCK", v1::EVENT_TYPE_RECEIVED, t + absl::Minutes(50), t);
  }
  ASSERT_TRUE(producer.Close().ok());

  boost::asio::io_context io;
  Member member(io, *kafka, config, ingest);
  const int64_t records = 2 * kCalls + 1;
  ASSERT_TRUE(RunUntil(io, [&] { return member.Position() == records; }, absl::Seconds(60)));
  const EngineCounters counters = member.pipeline->AllFigures().counters();
  EXPECT_EQ(counters.events[static_cast<size_t>(Disposition::kLate)], 0u);
  EXPECT_EQ(counters.events[static_cast<size_t>(Disposition::kApplied)], static_cast<uint64_t>(records));
  // Every call answered before the last 5 minutes (the allowed lateness)
  // is decided, and met.
  EXPECT_GE(member.pipeline->counters().outcomes[static_cast<size_t>(Verdict::kMet)], static_cast<uint64_t>(kCalls - 20));
  EXPECT_EQ(member.pipeline->AllFigures().aggregates(), ReplayTopic(*kafka, config, "events", AdmissionLimitsOf(ingest)));
  member.consumer->Close();
}

// Hostile records by the thousand: each is dead-lettered, none floods the
// log (protobuf complains about every string that is not UTF-8), and a
// record bigger than our producer may send still reaches the dead-letter
// topic, as a prefix that says what it was cut from.
TEST(KafkaFaults, HostileRecordsAreDeadLetteredWithoutFloodingTheLog) {
  ConfigResult loaded = LoadConfigFile(ONTIME_SOURCE_DIR "/deploy/examples/ontime.yaml");
  ASSERT_TRUE(loaded.ok());
  auto kafka = *EmbeddedKafka::Start(1, {{"events", 1}, {"state", 1}, {"dead", 1}});
  auto log = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(10000);
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("test", log));
  RouteProtobufLogsToSpdlog();

  KafkaProducer producer;
  ASSERT_TRUE(producer.Open(Settings(*kafka)).ok());
  v1::ContactEvent e;
  e.set_event_id("x");
  e.set_contact_id("BAD");
  e.set_type(v1::EVENT_TYPE_RECEIVED);
  e.mutable_event_time()->set_seconds(absl::ToUnixSeconds(absl::Now()));
  e.set_channel(v1::CHANNEL_PHONE);
  std::string good;
  e.SerializeToString(&good);
  // The contact id's bytes, replaced by ones that are not UTF-8.
  const std::string bad = absl::StrReplaceAll(good, {{"BAD", "B\xff\xfe"}});
  constexpr int kBad = 2000;
  for (int i = 0; i < kBad; ++i) {
    ASSERT_TRUE(producer.Send({.topic = "events", .partition = 0, .key = "k", .value = bad}).ok());
  }
  const std::string huge(300 * 1024, 'h');
  ASSERT_TRUE(producer.Send({.topic = "events", .partition = 0, .key = "huge", .value = huge}).ok());
  ASSERT_TRUE(producer.Close().ok());

  IngestSettings ingest = TestIngest();
  ingest.producer_max_message_bytes = 100 * 1024;  // a producer that may send less than the broker took
  boost::asio::io_context io;
  Member member(io, *kafka, loaded.config.engine, ingest);
  ASSERT_TRUE(RunUntil(io, [&] { return member.Position() == kBad + 1; }, absl::Seconds(60)));
  member.pipeline->CheckpointChanged();
  ASSERT_TRUE(member.producer.Flush(absl::Seconds(10)).ok());
  const std::map<std::string, uint64_t> dead = member.pipeline->DeadLettersByReason();
  EXPECT_EQ(dead.at("undecodable"), static_cast<uint64_t>(kBad));
  EXPECT_EQ(dead.at("oversized"), 1u);
  member.consumer->Close();

  std::vector<std::string> lines = log->last_formatted();
  spdlog::set_default_logger(previous);
  int utf8_lines = 0;
  for (const std::string& line : lines) utf8_lines += line.find("UTF-8") != std::string::npos;
  EXPECT_GE(utf8_lines, 1) << "protobuf's complaint reaches the log";
  EXPECT_LE(utf8_lines, 2) << "but not once per record";
  EXPECT_LT(lines.size(), 100u);

  // Every dead letter is on the topic; the huge one as a prefix.
  int64_t letters = 0;
  size_t huge_letter = 0;
  ASSERT_TRUE(ReadTopicRange(Settings(*kafka), "dead", std::nullopt, [&](const KafkaRecord& r) {
                ++letters;
                if (r.key == "huge") huge_letter = r.value.size();
              }).ok());
  EXPECT_EQ(letters, kBad + 1);
  EXPECT_EQ(huge_letter, static_cast<size_t>(100 * 1024 - 16 * 1024));
}

}  // namespace
}  // namespace ontime

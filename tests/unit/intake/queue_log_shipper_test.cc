// A queue_log collector's delivery on an in-memory sink: events and refused
// lines sent, the position saved only once the sink acknowledged them all,
// nothing saved while the broker is away or after a refused send, and the
// same lines (the same event ids) sent again from the saved position.
#include "intake/queue_log_shipper.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/support/fake_record_sink.h"

namespace ontime {
namespace {

class ShipperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("shipper-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    settings_.name = "switchboard";
    settings_.path = (dir_ / "queue_log").string();
    settings_.position_file = settings_.path + ".ontime-position";
    settings_.queues = {{.queue = "IT", .channel = Channel::kPhone, .service = "IT", .site = "",
                         .contact_type = "enquiry", .customer_group = ""}};
    std::ofstream(settings_.path) << "100|c1|IT|NONE|ENTERQUEUE||tel|1\n"
                                     "not a queue_log line\n"
                                     "130|c1|IT|Agent/1|CONNECT|30|c1.9|2\n"
                                     "131|c1|IT|Agent/1|RINGNOANSWER|1000\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::optional<FilePosition> Saved() { return *LoadFilePosition(settings_.position_file); }
  int64_t FileSize() { return static_cast<int64_t>(std::filesystem::file_size(settings_.path)); }

  std::filesystem::path dir_;
  QueueLogSourceSettings settings_;
  const ShipperTopics topics_{.events = "contact-events", .format = WireFormat::kJson, .dead_letters = "dead"};
};

TEST_F(ShipperTest, EventsAndRefusedLinesSentThenThePositionSaved) {
  testing::FakeRecordSink sink;
  QueueLogShipper shipper(settings_, topics_, sink);
  ASSERT_TRUE(shipper.Open().ok());
  EXPECT_EQ(*shipper.Step(nullptr), 4);
  const std::vector<testing::SunkRecord> sent = sink.records();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[0].topic, "contact-events");
  EXPECT_EQ(sent[0].key, "c1");
  EXPECT_NE(sent[0].value.find("\"eventId\":\"c1/IT/ENTERQUEUE/100\""), std::string::npos) << sent[0].value;
  EXPECT_EQ(sent[2].topic, "dead");
  EXPECT_EQ(sent[2].value, "not a queue_log line");
  EXPECT_EQ(sent[2].headers.at("ontime.reason"), "unreadable_line");
  EXPECT_EQ(sent[2].headers.at("ontime.source.file"), settings_.path);
  EXPECT_EQ(sent[2].headers.at("ontime.source.offset"), "33");
  ASSERT_TRUE(Saved().has_value());
  EXPECT_EQ(Saved()->offset, FileSize());
  EXPECT_EQ(*shipper.Step(nullptr), 0);
  EXPECT_EQ(sink.records().size(), 3u);
  const CollectorCounters counters = shipper.counters();
  EXPECT_EQ(counters.events_produced, 2u);
  EXPECT_EQ(counters.dead_letters, 1u);
  EXPECT_EQ(counters.lines.at("not_a_call_event"), 1u);
}

// Waits, bounded, until a Step on another thread waits for the sink.
void AwaitFlush(const testing::FakeRecordSink& sink) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (sink.flushes_waiting() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_GT(sink.flushes_waiting(), 0);
}

TEST_F(ShipperTest, ARefusedSendSavesNothingAndTheLinesAreReadAgain) {
  testing::FakeRecordSink sink;
  QueueLogShipper shipper(settings_, topics_, sink);
  ASSERT_TRUE(shipper.Open().ok());
  sink.RefuseNextSends(1);
  EXPECT_EQ(shipper.Step(nullptr).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_FALSE(Saved().has_value());
  EXPECT_EQ(*shipper.Step(nullptr), 4);
  EXPECT_EQ(sink.records().size(), 3u);
  EXPECT_EQ(Saved()->offset, FileSize());
}

TEST_F(ShipperTest, AFailedDeliverySavesNothingAndTheSameEventsGoAgain) {
  testing::FakeRecordSink sink(/*auto_acknowledge=*/false);
  QueueLogShipper shipper(settings_, topics_, sink);
  ASSERT_TRUE(shipper.Open().ok());
  absl::StatusOr<int64_t> lines;
  std::thread first([&] { lines = shipper.Step(nullptr); });
  AwaitFlush(sink);
  sink.Acknowledge(1);
  sink.FailDelivery(2);  // the answer: the broker refused it for good
  sink.Acknowledge(3);
  first.join();
  EXPECT_EQ(lines.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_FALSE(Saved().has_value());
  EXPECT_EQ(shipper.counters().delivery_failures, 1u);
  // Started again (the fake keeps a failed record failed, as a restart
  // would not): the same lines make the same events, the same ids.
  testing::FakeRecordSink later;
  QueueLogShipper restarted(settings_, topics_, later);
  ASSERT_TRUE(restarted.Open().ok());
  EXPECT_EQ(*restarted.Step(nullptr), 4);
  EXPECT_EQ(Saved()->offset, FileSize());
  const std::vector<testing::SunkRecord> first_try = sink.records(), second_try = later.records();
  ASSERT_EQ(first_try.size(), 3u);
  ASSERT_EQ(second_try.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(first_try[i].value, second_try[i].value);
}

TEST_F(ShipperTest, WhileTheBrokerIsAwayItWaitsAndSavesNothing) {
  testing::FakeRecordSink sink(/*auto_acknowledge=*/false);
  QueueLogShipper shipper(settings_, topics_, sink);
  ASSERT_TRUE(shipper.Open().ok());
  absl::StatusOr<int64_t> lines;
  std::thread step([&] { lines = shipper.Step(nullptr); });
  AwaitFlush(sink);
  EXPECT_FALSE(Saved().has_value());
  sink.AcknowledgeAll();
  step.join();
  EXPECT_EQ(*lines, 4);
  ASSERT_TRUE(Saved().has_value());
  EXPECT_EQ(Saved()->offset, FileSize());
}

TEST_F(ShipperTest, StoppedWhileWaitingItSavesNothingAndReadsAgainNextTime) {
  testing::FakeRecordSink sink(/*auto_acknowledge=*/false);
  std::atomic<bool> stop = true;  // told to stop before the broker answered
  {
    QueueLogShipper shipper(settings_, topics_, sink);
    ASSERT_TRUE(shipper.Open().ok());
    EXPECT_EQ(*shipper.Step(&stop), 0);
  }
  EXPECT_FALSE(Saved().has_value());
  testing::FakeRecordSink later;
  QueueLogShipper restarted(settings_, topics_, later);
  ASSERT_TRUE(restarted.Open().ok());
  EXPECT_EQ(*restarted.Step(nullptr), 4);
  EXPECT_EQ(later.records().size(), 3u);
}

}  // namespace
}  // namespace ontime

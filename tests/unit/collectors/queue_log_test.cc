// The queue_log collector's parts: both line formats, the CSV splitter, the
// verbs as events with deterministic ids, the position file, and the file
// follower through appends, partial lines, rename and copy-truncate
// rotation and resuming a saved position wherever rotation moved the file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "collectors/csv_fields.h"
#include "collectors/file_follower.h"
#include "collectors/file_position.h"
#include "collectors/queue_log_collector.h"
#include "collectors/queue_log_events.h"
#include "collectors/queue_log_record.h"

namespace ontime {
namespace {

TEST(CsvFields, QuotesCommasAndEmptyFields) {
  std::vector<std::string> f;
  ASSERT_TRUE(SplitCsvLine(R"(1,"a, b","say ""hi""",,x)", &f));
  EXPECT_EQ(f, (std::vector<std::string>{"1", "a, b", "say \"hi\"", "", "x"}));
  ASSERT_TRUE(SplitCsvLine("a,b,\r", &f));
  EXPECT_EQ(f, (std::vector<std::string>{"a", "b", ""}));
  EXPECT_FALSE(SplitCsvLine(R"(a,"open)", &f));
  EXPECT_FALSE(SplitCsvLine(R"("a"b,c)", &f));
}

TEST(QueueLogRecord, AsteriskLines) {
  QueueLogRecord r;
  ASSERT_TRUE(ParseAsteriskQueueLogLine("1543602677|1543602660.197|IT|NONE|ENTERQUEUE||tel-0001|1", &r).ok());
  EXPECT_EQ(r.time, absl::FromUnixSeconds(1543602677));
  EXPECT_EQ(r.call_id, "1543602660.197");
  EXPECT_EQ(r.queue, "IT");
  EXPECT_EQ(r.verb, "ENTERQUEUE");
  ASSERT_TRUE(ParseAsteriskQueueLogLine("1543527289.25|NONE|NONE|NONE|QUEUESTART\r", &r).ok());
  EXPECT_EQ(r.time, absl::FromUnixSeconds(1543527289) + absl::Milliseconds(250));
  EXPECT_EQ(r.verb, "QUEUESTART");
  EXPECT_FALSE(ParseAsteriskQueueLogLine("1543527289|NONE|NONE|NONE", &r).ok());
  EXPECT_FALSE(ParseAsteriskQueueLogLine("yesterday|1.2|IT|NONE|CONNECT", &r).ok());
  EXPECT_FALSE(ParseAsteriskQueueLogLine("-5|1.2|IT|NONE|CONNECT", &r).ok());
  EXPECT_FALSE(ParseAsteriskQueueLogLine("5|1.2|IT|NONE|", &r).ok());
}

TEST(QueueLogRecord, PbxwareCsvByColumnName) {
  PbxwareCsvReader reader;
  QueueLogRecord r;
  EXPECT_FALSE(reader.ParseLine("1,2,3", &r).ok());
  EXPECT_FALSE(reader.ReadHeader("uid,date_time,callid,event").ok());  // no queue_name
  ASSERT_TRUE(reader.ReadHeader("uid,date_time,callid,queue_name,type,event,param1,param2,param3,entpos,expos,"
                                "htime,ttime,time").ok());
  ASSERT_TRUE(reader.ParseLine(R"(19,1543602753,1543602660.197,IT,Agent/1127,CONNECT,,1543602746.232,6,0,0,76,0,"2018-11-30 13:32:34")",
                               &r).ok());
  EXPECT_EQ(r.verb, "CONNECT");
  EXPECT_EQ(r.call_id, "1543602660.197");
  EXPECT_EQ(r.time, absl::FromUnixSeconds(1543602753));
  EXPECT_FALSE(reader.ParseLine("19,1543602753,x", &r).ok());
}

QueueLogSourceSettings Switchboard() {
  QueueLogSourceSettings s;
  s.name = "switchboard";
  s.queues = {{.queue = "IT", .channel = Channel::kPhone, .service = "it-help", .site = "hq",
               .contact_type = "enquiry", .customer_group = ""}};
  return s;
}

TEST(QueueLogEvents, EachVerbAndItsEventId) {
  const QueueLogSourceSettings settings = Switchboard();
  QueueLogEvents mapping(settings);
  auto convert = [&](std::string verb, std::string queue = "IT") {
    google::protobuf::RepeatedPtrField<v1::ContactEvent> events;
    QueueLogUse use;
    const QueueLogRecord r{absl::FromUnixSeconds(100), "c.1", queue, verb};
    EXPECT_TRUE(mapping.Convert(r, &events, &use).ok());
    return std::make_pair(events, use);
  };
  auto [received, use] = convert("ENTERQUEUE");
  ASSERT_EQ(received.size(), 1);
  EXPECT_EQ(received[0].type(), v1::EVENT_TYPE_RECEIVED);
  EXPECT_EQ(received[0].event_id(), "c.1/IT/ENTERQUEUE/100");
  EXPECT_EQ(received[0].contact_id(), "c.1");
  EXPECT_EQ(received[0].channel(), v1::CHANNEL_PHONE);
  EXPECT_EQ(received[0].service(), "it-help");
  EXPECT_EQ(received[0].site(), "hq");
  EXPECT_EQ(received[0].event_time().seconds(), 100);
  EXPECT_EQ(convert("CONNECT").first[0].type(), v1::EVENT_TYPE_FIRST_RESPONSE);
  for (const char* left : {"ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY", "EXITWITHKEY"}) {
    EXPECT_EQ(convert(left).first[0].type(), v1::EVENT_TYPE_ABANDONED) << left;
  }
  for (const char* done : {"COMPLETEAGENT", "COMPLETECALLER"}) {
    EXPECT_EQ(convert(done).first[0].type(), v1::EVENT_TYPE_RESOLVED) << done;
  }
  for (const char* transfer : {"TRANSFER", "BLINDTRANSFER", "ATTENDEDTRANSFER"}) {
    auto events = convert(transfer).first;
    ASSERT_EQ(events.size(), 2);
    EXPECT_EQ(events[0].type(), v1::EVENT_TYPE_TRANSFERRED);
    EXPECT_EQ(events[1].type(), v1::EVENT_TYPE_RESOLVED);
    EXPECT_EQ(events[1].event_id(), events[0].event_id() + "/resolved");
  }
  EXPECT_EQ(convert("RINGNOANSWER").second, QueueLogUse::kNotACallEvent);
  EXPECT_EQ(convert("ENTERQUEUE", "NONE").second, QueueLogUse::kNotACallEvent);
  EXPECT_EQ(convert("ENTERQUEUE", "sales").second, QueueLogUse::kUnmappedQueue);

  google::protobuf::RepeatedPtrField<v1::ContactEvent> events;
  QueueLogUse u;
  EXPECT_FALSE(mapping.Convert({absl::FromUnixSeconds(1), "NONE", "IT", "CONNECT"}, &events, &u).ok());
  // A fraction of a second stays in the id, so two events a moment apart differ.
  ASSERT_TRUE(mapping.Convert({absl::FromUnixSeconds(1) + absl::Microseconds(5), "c", "IT", "CONNECT"}, &events, &u).ok());
  EXPECT_EQ((*events.rbegin()).event_id(), "c/IT/CONNECT/1.000005");

  QueueLogSourceSettings continues = Switchboard();
  continues.transfer_resolves = false;
  continues.other_queues = QueueMapping{.queue = "", .channel = Channel::kPhone, .service = "switchboard",
                                        .site = "", .contact_type = "enquiry", .customer_group = ""};
  QueueLogEvents other(continues);
  events.Clear();
  ASSERT_TRUE(other.Convert({absl::FromUnixSeconds(1), "c", "IT", "BLINDTRANSFER"}, &events, &u).ok());
  EXPECT_EQ(events.size(), 1);
  ASSERT_TRUE(other.Convert({absl::FromUnixSeconds(1), "c", "sales", "ENTERQUEUE"}, &events, &u).ok());
  EXPECT_EQ((*events.rbegin()).service(), "switchboard");
}

TEST(FilePosition, RoundTripsThroughItsFile) {
  const FilePosition p{.device = 2049, .inode = 393811, .offset = 18734, .head_bytes = 1024, .head_hash = 0x9c3a};
  EXPECT_EQ(*ParseFilePosition(FormatFilePosition(p)), p);
  EXPECT_FALSE(ParseFilePosition("ontime-file-position v1 device=1").ok());
  EXPECT_FALSE(ParseFilePosition(
                   "ontime-file-position v1 device=1 inode=2 offset=10 head_bytes=20 head_fnv1a=0").ok());  // head > offset
  const std::string file = ::testing::TempDir() + "/position-" + std::to_string(::getpid());
  std::remove(file.c_str());
  EXPECT_FALSE(LoadFilePosition(file)->has_value());
  ASSERT_TRUE(SaveFilePosition(file, p).ok());
  EXPECT_EQ(**LoadFilePosition(file), p);
  std::ofstream(file) << "garbage\n";
  EXPECT_FALSE(LoadFilePosition(file).ok());
  std::remove(file.c_str());
}

class FollowerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("follow-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "queue_log").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Append(const std::string& file, const std::string& text) { std::ofstream(file, std::ios::app) << text; }
  std::vector<std::string> Read(FileFollower& f) {
    std::vector<FollowedLine> lines;
    EXPECT_TRUE(f.Read(1 << 20, &lines).ok());
    std::vector<std::string> out;
    for (const FollowedLine& l : lines) out.emplace_back(l.text);
    return out;
  }
  using Lines = std::vector<std::string>;

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(FollowerTest, CompleteLinesOnlyAndNothingBeforeTheFileExists) {
  FileFollower f(path_);
  f.Start(std::nullopt);
  EXPECT_EQ(Read(f), Lines{});
  Append(path_, "a\nb\npart");
  EXPECT_EQ(Read(f), (Lines{"a", "b"}));
  EXPECT_EQ(f.position().offset, 4);
  EXPECT_EQ(f.lag_bytes(), 4);
  Append(path_, "ial\n");
  EXPECT_EQ(Read(f), Lines{"partial"});
  EXPECT_EQ(Read(f), Lines{});
}

TEST_F(FollowerTest, RenameRotationDrainsTheOldFileThenReadsTheNew) {
  FileFollower f(path_);
  f.Start(std::nullopt);
  Append(path_, "1\n2\n");
  EXPECT_EQ(Read(f), (Lines{"1", "2"}));
  std::filesystem::rename(path_, path_ + ".1");
  Append(path_ + ".1", "3\n");  // the writer had not reopened yet
  Append(path_, "4\n");
  EXPECT_EQ(Read(f), Lines{"3"});
  EXPECT_EQ(Read(f), Lines{"4"});  // the old file was at its end on two looks
  EXPECT_EQ(f.rotations(), 1);
  EXPECT_EQ(f.position().offset, 2);
}

TEST_F(FollowerTest, CopyTruncateReadsTheRestFromTheCopy) {
  FileFollower f(path_);
  f.Start(std::nullopt);
  Append(path_, "1\n2\n");
  EXPECT_EQ(Read(f), (Lines{"1", "2"}));
  Append(path_, "3\n");  // not read before the copy
  std::filesystem::copy_file(path_, path_ + ".1");
  std::ofstream(path_, std::ios::trunc) << "new-1\nnew-2 is longer than the old file\n";
  Lines got = Read(f);
  Lines more = Read(f);
  got.insert(got.end(), more.begin(), more.end());
  EXPECT_EQ(got, (Lines{"3", "new-1", "new-2 is longer than the old file"}));
  EXPECT_EQ(f.truncations(), 1);
  EXPECT_EQ(f.lost_positions(), 0);
}

TEST_F(FollowerTest, ASavedPositionIsResumedWhereRotationMovedTheFile) {
  FilePosition saved;
  {
    FileFollower f(path_);
    f.Start(std::nullopt);
    Append(path_, "1\n2\n");
    EXPECT_EQ(Read(f), (Lines{"1", "2"}));
    saved = f.position();
  }
  Append(path_, "3\n");
  std::filesystem::rename(path_, path_ + ".1");
  Append(path_, "4\n");
  FileFollower f(path_);
  f.Start(saved);
  EXPECT_EQ(Read(f), Lines{"3"});
  EXPECT_EQ(Read(f), Lines{"4"});
  EXPECT_EQ(f.lost_positions(), 0);
  // Neither file begins as the saved one did: from the start, and counted.
  FileFollower lost(path_);
  std::filesystem::remove(path_ + ".1");
  lost.Start(saved);
  EXPECT_EQ(lost.lost_positions(), 1);
  EXPECT_EQ(Read(lost), Lines{"4"});
}

TEST_F(FollowerTest, TheCollectorReadsACsvHeaderAgainWhenItResumes) {
  QueueLogSourceSettings settings = Switchboard();
  settings.path = path_;
  settings.format = QueueLogFormat::kPbxwareCsv;
  Append(path_, "uid,date_time,callid,queue_name,type,event\n1,100,c1,IT,NONE,ENTERQUEUE\n");
  QueueLogBatch batch;
  FilePosition saved;
  {
    QueueLogCollector collector(settings);
    collector.Start(std::nullopt);
    ASSERT_TRUE(collector.Next(1 << 20, &batch).ok());
    EXPECT_EQ(batch.events.size(), 1);
    saved = batch.end;
  }
  Append(path_, "2,130,c1,IT,Agent/1,CONNECT\n3,x,c1,IT,Agent/1,CONNECT\n");
  QueueLogCollector collector(settings);
  collector.Start(saved);
  batch.Clear();
  ASSERT_TRUE(collector.Next(1 << 20, &batch).ok());
  ASSERT_EQ(batch.events.size(), 1);
  EXPECT_EQ(batch.events[0].event_id(), "c1/IT/CONNECT/130");
  ASSERT_EQ(batch.rejected.size(), 1u);
  EXPECT_EQ(batch.rejected[0].reason, "unreadable_line");
  EXPECT_EQ(batch.rejected[0].text, "3,x,c1,IT,Agent/1,CONNECT");
  EXPECT_EQ(batch.rejected[0].file, path_);
  EXPECT_GT(batch.rejected[0].offset, saved.offset);
}

}  // namespace
}  // namespace ontime

// JSON log lines: one object a line with stable keys, everything a message
// may hold escaped, and the journal's priority prefix when asked.
#include "daemon/log_format.h"

#include <gtest/gtest.h>
#include <spdlog/details/log_msg.h>

#include <string>

namespace ontime {
namespace {

std::string Format(spdlog::level::level_enum level, std::string_view message, bool journal) {
  spdlog::details::log_msg msg(spdlog::source_loc{}, "ontimed", level,
                               spdlog::string_view_t(message.data(), message.size()));
  msg.time = std::chrono::system_clock::time_point(std::chrono::milliseconds(1796223845123));
  spdlog::memory_buf_t out;
  JsonLogFormatter(journal)->format(msg, out);
  return std::string(out.data(), out.size());
}

TEST(JsonLogs, OneObjectALineWithStableKeys) {
  EXPECT_EQ(Format(spdlog::level::info, "drained: 12 partition(s)", false),
            "{\"time\":\"2026-12-02T15:04:05.123Z\",\"level\":\"info\",\"logger\":\"ontimed\","
            "\"message\":\"drained: 12 partition(s)\"}\n");
}

TEST(JsonLogs, AMessageCannotBreakTheLineOrTheObject) {
  EXPECT_EQ(Format(spdlog::level::warn, "a \"quoted\"\nsecond line\t\\ \x01", false),
            "{\"time\":\"2026-12-02T15:04:05.123Z\",\"level\":\"warning\",\"logger\":\"ontimed\","
            "\"message\":\"a \\\"quoted\\\"\\nsecond line\\t\\\\ \\u0001\"}\n");
}

TEST(JsonLogs, TheJournalReadsTheLevelFromThePrefix) {
  EXPECT_TRUE(Format(spdlog::level::info, "x", true).starts_with("<6>{"));
  EXPECT_TRUE(Format(spdlog::level::warn, "x", true).starts_with("<4>{"));
  EXPECT_TRUE(Format(spdlog::level::err, "x", true).starts_with("<3>{"));
  EXPECT_TRUE(Format(spdlog::level::critical, "x", true).starts_with("<2>{"));
}

TEST(JsonLogs, StderrIsNotTheJournalWithoutTheManagersStream) {
  ::unsetenv("JOURNAL_STREAM");
  EXPECT_FALSE(StderrIsTheJournal());
  ::setenv("JOURNAL_STREAM", "1:2", 1);  // not stderr's device and inode
  EXPECT_FALSE(StderrIsTheJournal());
  ::unsetenv("JOURNAL_STREAM");
}

}  // namespace
}  // namespace ontime

// One line of an Asterisk queue_log, in either form a telephone system
// writes it:
//
//   Asterisk's file:  1543602677|1543602660.197|IT|NONE|ENTERQUEUE||tel-0001|1
//                     time|call id|queue|agent|VERB|data1|data2|...
//   PBXware's table exported as CSV, after its header line:
//                     13,1543602677,1543602660.197,IT,NONE,ENTERQUEUE,tel-0001,,,1,0,0,0,"2018-11-30 13:31:17"
//                     uid,date_time,callid,queue_name,type,event,param1,...  (read by column name)
//
// The time is Unix seconds (UTC), whole or with a fraction. Only what
// measuring needs is kept: no caller number leaves this file.
#ifndef ONTIME_COLLECTORS_QUEUE_LOG_RECORD_H_
#define ONTIME_COLLECTORS_QUEUE_LOG_RECORD_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace ontime {

struct QueueLogRecord {
  absl::Time time;
  std::string call_id;
  std::string queue;
  std::string verb;
};

// Asterisk's own form. A malformed line is an InvalidArgument naming what is
// wrong (it becomes a dead letter).
absl::Status ParseAsteriskQueueLogLine(std::string_view line, QueueLogRecord* record);

// The CSV form: the header line names the columns, then each line is read
// by them.
class PbxwareCsvReader {
 public:
  // False, with the reason, when a column the reader needs is missing.
  absl::Status ReadHeader(std::string_view line);
  bool has_header() const { return has_header_; }
  absl::Status ParseLine(std::string_view line, QueueLogRecord* record);

 private:
  bool has_header_ = false;
  size_t time_ = 0, call_id_ = 0, queue_ = 0, verb_ = 0, width_ = 0;
  std::vector<std::string> fields_;
};

// "1543602677" or "1543602677.25": seconds since the epoch.
bool ParseEpochSeconds(std::string_view text, absl::Time* time);

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_QUEUE_LOG_RECORD_H_

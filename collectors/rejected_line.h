// A source record a collector could not turn into events: a dead letter,
// with where it was and why.
#ifndef ONTIME_COLLECTORS_REJECTED_LINE_H_
#define ONTIME_COLLECTORS_REJECTED_LINE_H_

#include <cstdint>
#include <string>

namespace ontime {

struct RejectedLine {
  std::string text;
  std::string file;
  int64_t offset = 0;
  // A word for metrics: unreadable_line, missing_call_id, bad_time, ...
  std::string reason;
  std::string detail;
};

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_REJECTED_LINE_H_

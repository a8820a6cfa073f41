// Reads a file of events: one JSON event per line (protobuf's JSON mapping),
// or length-delimited protobuf (each message preceded by its size as a
// varint). The format is recognised from the first byte: '{' means JSON.
//
// Bad records are reported with their position and skipped; the good
// records around them are delivered.
//
//   EventFileReader reader;
//   if (auto s = reader.Open(path); !s.ok()) ...
//   while (auto record = reader.Next()) {
//     if (!record->status.ok()) report(record->position, record->status);
//     else engine.Apply(record->event, fx);
//   }
#ifndef ONTIME_COLLECTORS_EVENT_FILE_H_
#define ONTIME_COLLECTORS_EVENT_FILE_H_

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "collectors/event_decoder.h"

namespace ontime {

struct EventRecord {
  // "line 12" for JSON, "record 12 at byte 3456" for protobuf.
  std::string position;
  absl::Status status;
  Event event;  // valid until the next Next() call
};

class EventFileReader {
 public:
  absl::Status Open(const std::string& path);
  WireFormat format() const { return format_; }
  // The next record, or nullopt at the end of the file.
  std::optional<EventRecord> Next();

 private:
  std::optional<EventRecord> NextJsonLine();
  std::optional<EventRecord> NextDelimited();

  std::ifstream in_;
  WireFormat format_ = WireFormat::kJson;
  EventDecoder decoder_;
  std::string buffer_;
  uint64_t record_number_ = 0;
  uint64_t offset_ = 0;
};

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_EVENT_FILE_H_

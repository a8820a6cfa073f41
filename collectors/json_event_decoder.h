// protobuf's JSON mapping of ontime.v1.ContactEvent, decoded with simdjson
// straight into the engine's Event: the same contract as
// EventDecoder::DecodeJson (protobuf's own JSON parser), several times
// faster. A test decodes the same events both ways and compares, bad ones
// included.
//
// The mapping (https://protobuf.dev/programming-guides/json/): field names
// in lowerCamelCase or as in the .proto; enums by name or number (an
// unknown name leaves the field unset); Timestamps as RFC 3339 with
// optional fractional seconds and a Z or offset; int32 as a number or a
// string of one; null as the default; unknown fields ignored.
#ifndef ONTIME_COLLECTORS_JSON_EVENT_DECODER_H_
#define ONTIME_COLLECTORS_JSON_EVENT_DECODER_H_

#include <memory>
#include <string_view>

#include "absl/status/status.h"
#include "collectors/raw_event.h"
#include "engine/event.h"

namespace ontime {

class JsonEventDecoder {
 public:
  JsonEventDecoder();
  ~JsonEventDecoder();
  // The Event points into the decoder's buffers: valid until the next call.
  absl::Status Decode(std::string_view json, Event* event);
  DecodeFailure failure() const { return failure_; }

 private:
  absl::Status Fail(DecodeFailure failure, std::string reason);

  struct Parser;
  std::unique_ptr<Parser> parser_;
  DecodeFailure failure_ = DecodeFailure::kNone;
};

// "2026-10-05T09:00:00.123456Z" (or with an offset) to an instant,
// microseconds kept and finer digits truncated; false if it is not one
// protobuf's Timestamp would accept (years 1 to 9999).
bool ParseRfc3339(std::string_view text, absl::Time* out);

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_JSON_EVENT_DECODER_H_

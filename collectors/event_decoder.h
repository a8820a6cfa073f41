// Bytes -> engine events: the protobuf binary form or protobuf's JSON
// mapping of ontime.v1.ContactEvent (proto/ontime/v1/contact_event.proto).
//
// One decoder owns one reused message, and the Event it fills points into
// that message: it stays valid until the next Decode call. Reusing the
// message is what keeps decoding free of allocation on the hot path.
//
// A message that cannot be an event (undecodable bytes, a missing required
// field, an unknown enum value, an impossible timestamp) is an error Status
// with a reason in plain words, never an exception or a crash.
#ifndef ONTIME_COLLECTORS_EVENT_DECODER_H_
#define ONTIME_COLLECTORS_EVENT_DECODER_H_

#include <string_view>

#include "absl/status/status.h"
#include "collectors/json_event_decoder.h"
#include "collectors/raw_event.h"
#include "config/wire_format.h"
#include "engine/event.h"
#include "ontime/v1/contact_event.pb.h"

namespace ontime {

class EventDecoder {
 public:
  absl::Status Decode(WireFormat format, std::string_view bytes, Event* event);
  absl::Status DecodeProtobuf(std::string_view bytes, Event* event);
  // protobuf's JSON mapping, decoded with simdjson (json_event_decoder.h).
  absl::Status DecodeJson(std::string_view json, Event* event);

  // The last protobuf message decoded.
  const v1::ContactEvent& message() const { return message_; }
  // Why the last Decode failed.
  DecodeFailure failure() const { return failure_; }

 private:
  absl::Status Fill(Event* event);
  absl::Status Fail(DecodeFailure failure, std::string reason);

  v1::ContactEvent message_;
  JsonEventDecoder json_;
  DecodeFailure failure_ = DecodeFailure::kNone;
};

// Converts an engine event back to the wire message (for writers such as
// `ontime simulate --out`).
void ToMessage(const Event& event, v1::ContactEvent* message);

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_EVENT_DECODER_H_

// An event's fields as a wire form carries them, before they are checked,
// and the checks every decoder makes: what EventDecoder (protobuf) and
// JsonEventDecoder (simdjson) share, so both refuse the same events for the
// same reasons.
#ifndef ONTIME_COLLECTORS_RAW_EVENT_H_
#define ONTIME_COLLECTORS_RAW_EVENT_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "engine/event.h"

namespace ontime {

// Why a message is not an event, in a word fit for a metric label.
enum class DecodeFailure { kNone, kUndecodable, kMissingField, kUnknownEnum, kBadTimestamp };
std::string_view DecodeFailureName(DecodeFailure failure);

struct RawEvent {
  std::string_view event_id, contact_id, contact_type, service, customer_group, priority;
  int type = 0;
  int channel = 0;
  // Seconds and nanoseconds since the epoch, as google.protobuf.Timestamp.
  struct Stamp {
    int64_t seconds = 0;
    int64_t nanos = 0;
  };
  std::optional<Stamp> event_time;
  std::optional<Stamp> promised_time;
  int32_t satisfaction_score = 0;
};

// The checks every decoder makes (required fields, known enums, possible
// times), then the Event; on failure `failure` says why in a word.
absl::Status CheckEvent(const RawEvent& raw, Event* event, DecodeFailure* failure);

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_RAW_EVENT_H_

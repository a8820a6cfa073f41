// What a record must be before the engine sees it, decided the same way by
// ontimed and by ontime replay, from data both have (the bytes and the
// record's timestamp), so that "state = replay" holds on any topic, hostile
// records included:
//
//   - no bigger than max_event_bytes             -> "oversized"
//   - an event in the topic's wire format        -> "undecodable", "missing_field",
//                                                   "unknown_enum", "bad_timestamp"
//   - an event time within [t - max_event_age, t + max_event_lead] of the
//     record's timestamp t                       -> "time_out_of_range"
//
// An admitted event carries t as its reference time: the engine's watermark
// never runs ahead of it (engine/event.h). The record timestamp is the
// producer's clock (CreateTime) or the broker's (LogAppendTime): where
// producers' clocks cannot be trusted, give the source topics
// message.timestamp.type=LogAppendTime. A record without a timestamp is
// judged by its event time alone.
#ifndef ONTIME_COLLECTORS_RECORD_ADMISSION_H_
#define ONTIME_COLLECTORS_RECORD_ADMISSION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "collectors/event_decoder.h"
#include "engine/event.h"

namespace ontime {

// Every reason Admit() gives, for counters exported at 0 before the first.
inline constexpr std::string_view kRefusalReasons[] = {"oversized",    "undecodable",   "missing_field",
                                                       "unknown_enum", "bad_timestamp", "time_out_of_range"};

struct AdmissionLimits {
  int64_t max_event_bytes = 64 * 1024;
  absl::Duration max_event_age = absl::Hours(24 * 400);
  absl::Duration max_event_lead = absl::Hours(1);
};

// Why a record is a dead letter: a word fit for a metric label, and the
// particulars for the dead letter's detail header.
struct Refusal {
  std::string_view reason;
  std::string detail;
};

class RecordAdmission {
 public:
  explicit RecordAdmission(AdmissionLimits limits) : limits_(limits) {}

  // Fills `event` (pointing into this object: valid until the next call)
  // or says why not. `timestamp_ms`: the record's timestamp, < 0 if none.
  std::optional<Refusal> Admit(WireFormat format, std::string_view value, int64_t timestamp_ms, Event* event);

 private:
  AdmissionLimits limits_;
  EventDecoder decoder_;
};

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_RECORD_ADMISSION_H_

#include "collectors/record_admission.h"

#include "absl/strings/str_cat.h"

namespace ontime {

std::optional<Refusal> RecordAdmission::Admit(WireFormat format, std::string_view value, int64_t timestamp_ms,
                                              Event* event) {
  if (static_cast<int64_t>(value.size()) > limits_.max_event_bytes) {
    return Refusal{"oversized",
                   absl::StrCat(value.size(), " bytes, more than max_event_bytes ", limits_.max_event_bytes)};
  }
  if (absl::Status s = decoder_.Decode(format, value, event); !s.ok()) {
    return Refusal{DecodeFailureName(decoder_.failure()), std::string(s.message())};
  }
  event->reference_time = absl::InfiniteFuture();
  if (timestamp_ms < 0) return std::nullopt;
  const absl::Time logged = absl::FromUnixMillis(timestamp_ms);
  if (event->time < logged - limits_.max_event_age || event->time > logged + limits_.max_event_lead) {
    return Refusal{"time_out_of_range",
                   absl::StrCat("event time ", absl::FormatTime(event->time), " is too far from the record's time ",
                                absl::FormatTime(logged), " (max_event_age ", absl::FormatDuration(limits_.max_event_age),
                                ", max_event_lead ", absl::FormatDuration(limits_.max_event_lead), ")")};
  }
  event->reference_time = logged;
  return std::nullopt;
}

}  // namespace ontime

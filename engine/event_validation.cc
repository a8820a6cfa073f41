#include "engine/event_validation.h"

#include <cstdint>

#include "absl/time/time.h"

namespace ontime {

std::string_view ValidateEvent(const Event& event) {
  if (event.contact_id.empty()) return "missing contact id";
  if (event.event_id.empty()) return "missing event id";
  if (event.type == EventType::kUnspecified ||
      static_cast<int>(event.type) >= kEventTypeCount) {
    return "missing or unknown event type";
  }
  if (event.time == absl::InfinitePast() || event.time == absl::InfiniteFuture() ||
      event.time == absl::UnixEpoch()) {
    return "missing event time";
  }
  if (static_cast<int>(event.channel) >= kChannelCount) return "unknown channel";
  if ((StartsContact(event.type) || event.type == EventType::kSatisfaction) &&
      event.channel == Channel::kUnspecified) {
    return "a receipt, reopening or satisfaction score must name its channel";
  }
  if (event.type == EventType::kPromised) {
    if (event.promised_time == absl::InfinitePast()) return "a promise must carry the promised time";
    const int64_t ahead = absl::ToUnixSeconds(event.promised_time) - absl::ToUnixSeconds(event.time);
    if (ahead < 0 || ahead > INT32_MAX) {
      return "a promised time must be after the promise, within 68 years";
    }
  }
  return {};
}

}  // namespace ontime

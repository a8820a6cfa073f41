// A contact event as the engine sees it: a plain value, decoded by a collector.
//
// The numeric values of EventType and Channel equal those of ontime.v1 in
// proto/ontime/v1/contact_event.proto; collectors/ static_asserts this, so a
// decoder is a field-by-field copy. String fields are views: the engine copies
// what it keeps, so the caller's buffer only has to live through Apply().
#ifndef ONTIME_ENGINE_EVENT_H_
#define ONTIME_ENGINE_EVENT_H_

#include <cstdint>
#include <string_view>

#include "absl/time/time.h"

namespace ontime {

enum class EventType : uint8_t {
  kUnspecified = 0,
  kReceived = 1,
  kFirstResponse = 2,
  kUpdate = 3,
  kOnHold = 4,
  kResumed = 5,
  kTransferred = 6,
  kPromised = 7,
  kResolved = 8,
  kAbandoned = 9,
  kReopened = 10,
  kSatisfaction = 11,
};
inline constexpr int kEventTypeCount = 12;

enum class Channel : uint8_t {
  kUnspecified = 0,
  kPhone = 1,
  kEmail = 2,
  kLetter = 3,
  kWebForm = 4,
  kChat = 5,
  kText = 6,
  kSocial = 7,
  kVisit = 8,
};
inline constexpr int kChannelCount = 9;

// Lower-case names as used in config files and metric labels ("phone", "web_form").
std::string_view ChannelName(Channel channel);
std::string_view EventTypeName(EventType type);
// Returns false if `name` names no channel.
bool ParseChannel(std::string_view name, Channel* channel);
// "received", "first_response", ...: false if `name` names no event type
// (or "unspecified").
bool ParseEventType(std::string_view name, EventType* type);

// A receipt or a reopening: an event that starts a contact's episode.
inline bool StartsContact(EventType type) {
  return type == EventType::kReceived || type == EventType::kReopened;
}

struct Event {
  std::string_view event_id;
  std::string_view contact_id;
  EventType type = EventType::kUnspecified;
  absl::Time time;
  Channel channel = Channel::kUnspecified;
  std::string_view contact_type;
  std::string_view service;
  std::string_view customer_group;
  std::string_view priority;
  // kPromised only: when the customer was told to expect the outcome.
  absl::Time promised_time = absl::InfinitePast();
  // kSatisfaction only.
  int32_t satisfaction_score = 0;
  // When the event reached the log, by a clock the event's source does not
  // set: the Kafka record's timestamp. The watermark never runs ahead of it,
  // so one event stamped in the future cannot make everyone else's late.
  // InfiniteFuture: none (a file of events); the event time alone counts.
  absl::Time reference_time = absl::InfiniteFuture();
};

}  // namespace ontime

#endif  // ONTIME_ENGINE_EVENT_H_

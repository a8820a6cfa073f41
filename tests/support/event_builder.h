// Builds engine events for tests, owning the strings the events point to.
#ifndef ONTIME_TESTS_SUPPORT_EVENT_BUILDER_H_
#define ONTIME_TESTS_SUPPORT_EVENT_BUILDER_H_

#include <deque>
#include <string>

#include "engine/event.h"

namespace ontime::testing {

struct OwnedEvent {
  std::string event_id, contact_id, contact_type, service, customer_group, priority;
  EventType type = EventType::kUnspecified;
  absl::Time time;
  Channel channel = Channel::kUnspecified;
  absl::Time promised_time = absl::InfinitePast();
  int32_t satisfaction_score = 0;
  absl::Time reference_time = absl::InfiniteFuture();

  Event view() const {
    Event e;
    e.event_id = event_id;
    e.contact_id = contact_id;
    e.type = type;
    e.time = time;
    e.channel = channel;
    e.contact_type = contact_type;
    e.service = service;
    e.customer_group = customer_group;
    e.priority = priority;
    e.promised_time = promised_time;
    e.satisfaction_score = satisfaction_score;
    e.reference_time = reference_time;
    return e;
  }
};

inline OwnedEvent MakeEvent(std::string contact, EventType type, absl::Time time,
                            Channel channel = Channel::kPhone, std::string service = "housing") {
  OwnedEvent e;
  e.contact_id = contact;
  e.event_id = contact + ":" + std::to_string(static_cast<int>(type)) + ":" +
               std::to_string(absl::ToUnixMicros(time));
  e.type = type;
  e.time = time;
  if (type == EventType::kReceived || type == EventType::kReopened ||
      type == EventType::kSatisfaction) {
    e.channel = channel;
    e.service = service;
    e.contact_type = "enquiry";
    e.customer_group = "group-a";
  }
  return e;
}

}  // namespace ontime::testing

#endif  // ONTIME_TESTS_SUPPORT_EVENT_BUILDER_H_

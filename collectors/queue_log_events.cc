#include "collectors/queue_log_events.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace ontime {

std::string_view QueueLogUseName(QueueLogUse use) {
  switch (use) {
    case QueueLogUse::kEvents:
      return "events";
    case QueueLogUse::kNotACallEvent:
      return "not_a_call_event";
    case QueueLogUse::kUnmappedQueue:
      return "unmapped_queue";
  }
  return "unknown";
}

namespace {

enum class CallStep { kNone, kEntered, kAnswered, kLeft, kCompleted, kTransferred };

CallStep StepOf(std::string_view verb) {
  if (verb == "ENTERQUEUE") return CallStep::kEntered;
  if (verb == "CONNECT") return CallStep::kAnswered;
  if (verb == "ABANDON" || verb == "EXITWITHTIMEOUT" || verb == "EXITEMPTY" || verb == "EXITWITHKEY") {
    return CallStep::kLeft;
  }
  if (verb == "COMPLETEAGENT" || verb == "COMPLETECALLER") return CallStep::kCompleted;
  if (verb == "TRANSFER" || verb == "BLINDTRANSFER" || verb == "ATTENDEDTRANSFER") return CallStep::kTransferred;
  return CallStep::kNone;
}

v1::Channel ProtoChannel(Channel channel) { return static_cast<v1::Channel>(static_cast<int>(channel)); }

}  // namespace

QueueLogEvents::QueueLogEvents(const QueueLogSourceSettings& settings) : settings_(settings) {}

const QueueMapping* QueueLogEvents::MappingFor(std::string_view queue) const {
  for (const QueueMapping& mapping : settings_.queues) {
    if (mapping.queue == queue) return &mapping;
  }
  return settings_.other_queues ? &*settings_.other_queues : nullptr;
}

absl::Status QueueLogEvents::Convert(const QueueLogRecord& record, google::protobuf::RepeatedPtrField<v1::ContactEvent>* events,
                                     QueueLogUse* use) const {
  const CallStep step = StepOf(record.verb);
  if (step == CallStep::kNone || record.queue.empty() || record.queue == "NONE") {
    *use = QueueLogUse::kNotACallEvent;
    return absl::OkStatus();
  }
  const QueueMapping* mapping = MappingFor(record.queue);
  if (mapping == nullptr) {
    *use = QueueLogUse::kUnmappedQueue;
    return absl::OkStatus();
  }
  if (record.call_id.empty() || record.call_id == "NONE") {
    return absl::InvalidArgumentError(absl::StrCat(record.verb, " in queue ", record.queue, " has no call id"));
  }
  const int64_t micros = absl::ToUnixMicros(record.time);
  std::string id = absl::StrCat(record.call_id, "/", record.queue, "/", record.verb, "/", micros / 1000000);
  if (micros % 1000000 != 0) absl::StrAppend(&id, absl::StrFormat(".%06d", micros % 1000000));
  auto add = [&](v1::EventType type, std::string event_id) -> v1::ContactEvent& {
    v1::ContactEvent& event = *events->Add();
    event.set_event_id(std::move(event_id));
    event.set_contact_id(record.call_id);
    event.set_type(type);
    event.mutable_event_time()->set_seconds(micros / 1000000);
    event.mutable_event_time()->set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
    (*event.mutable_attributes())["queue_log_event"] = record.verb;
    return event;
  };
  switch (step) {
    case CallStep::kEntered: {
      v1::ContactEvent& event = add(v1::EVENT_TYPE_RECEIVED, id);
      event.set_channel(ProtoChannel(mapping->channel));
      event.set_contact_type(mapping->contact_type);
      event.set_service(mapping->service.empty() ? record.queue : mapping->service);
      event.set_site(mapping->site);
      event.set_customer_group(mapping->customer_group);
      break;
    }
    case CallStep::kAnswered:
      add(v1::EVENT_TYPE_FIRST_RESPONSE, id);
      break;
    case CallStep::kLeft:
      add(v1::EVENT_TYPE_ABANDONED, id);
      break;
    case CallStep::kCompleted:
      add(v1::EVENT_TYPE_RESOLVED, id);
      break;
    case CallStep::kTransferred:
      add(v1::EVENT_TYPE_TRANSFERRED, id);
      if (settings_.transfer_resolves) add(v1::EVENT_TYPE_RESOLVED, id + "/resolved");
      break;
    case CallStep::kNone:
      break;
  }
  *use = QueueLogUse::kEvents;
  return absl::OkStatus();
}

}  // namespace ontime

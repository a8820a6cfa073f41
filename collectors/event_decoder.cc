#include "collectors/event_decoder.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace ontime {
namespace {

static_assert(static_cast<int>(EventType::kSatisfaction) == v1::EVENT_TYPE_SATISFACTION);
static_assert(static_cast<int>(EventType::kReceived) == v1::EVENT_TYPE_RECEIVED);
static_assert(static_cast<int>(Channel::kVisit) == v1::CHANNEL_VISIT);
static_assert(static_cast<int>(Channel::kPhone) == v1::CHANNEL_PHONE);
static_assert(v1::EventType_MAX == kEventTypeCount - 1);
static_assert(v1::Channel_MAX == kChannelCount - 1);

// Timestamps outside years 1..9999 cannot be civil times anywhere.
constexpr int64_t kMinSeconds = -62135596800;
constexpr int64_t kMaxSeconds = 253402300799;

absl::Status ToTime(const RawEvent::Stamp& ts, std::string_view field, absl::Time* out) {
  if (ts.seconds < kMinSeconds || ts.seconds > kMaxSeconds || ts.nanos < 0 || ts.nanos > 999999999) {
    return absl::InvalidArgumentError(absl::StrCat(std::string(field), " is not a valid time"));
  }
  // Microsecond precision: finer digits are truncated, as the schema says.
  *out = absl::FromUnixSeconds(ts.seconds) + absl::Microseconds(ts.nanos / 1000);
  return absl::OkStatus();
}

std::string_view View(const std::string& s) { return {s.data(), s.size()}; }

}  // namespace

std::string_view DecodeFailureName(DecodeFailure failure) {
  switch (failure) {
    case DecodeFailure::kNone: return "none";
    case DecodeFailure::kUndecodable: return "undecodable";
    case DecodeFailure::kMissingField: return "missing_field";
    case DecodeFailure::kUnknownEnum: return "unknown_enum";
    case DecodeFailure::kBadTimestamp: return "bad_timestamp";
  }
  return "unknown";
}

absl::Status EventDecoder::Fail(DecodeFailure failure, std::string reason) {
  failure_ = failure;
  return absl::InvalidArgumentError(std::move(reason));
}

absl::Status EventDecoder::Decode(WireFormat format, std::string_view bytes, Event* event) {
  return format == WireFormat::kJson ? DecodeJson(bytes, event) : DecodeProtobuf(bytes, event);
}

absl::Status EventDecoder::DecodeProtobuf(std::string_view bytes, Event* event) {
  failure_ = DecodeFailure::kNone;
  if (!message_.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return Fail(DecodeFailure::kUndecodable, "not a protobuf ontime.v1.ContactEvent");
  }
  return Fill(event);
}

absl::Status EventDecoder::DecodeJson(std::string_view json, Event* event) {
  absl::Status status = json_.Decode(json, event);
  failure_ = json_.failure();
  return status;
}

absl::Status CheckEvent(const RawEvent& m, Event* event, DecodeFailure* failure) {
  auto fail = [&](DecodeFailure why, std::string reason) {
    *failure = why;
    return absl::InvalidArgumentError(std::move(reason));
  };
  if (m.event_id.empty()) return fail(DecodeFailure::kMissingField, "missing event id");
  if (m.contact_id.empty()) return fail(DecodeFailure::kMissingField, "missing contact id");
  if (m.type == v1::EVENT_TYPE_UNSPECIFIED) {
    return fail(DecodeFailure::kMissingField, "missing or unknown event type (0)");
  }
  if (!v1::EventType_IsValid(m.type)) {
    return fail(DecodeFailure::kUnknownEnum, absl::StrCat("unknown event type (", m.type, ")"));
  }
  if (!v1::Channel_IsValid(m.channel)) {
    return fail(DecodeFailure::kUnknownEnum, absl::StrCat("unknown channel (", m.channel, ")"));
  }
  if (!m.event_time) return fail(DecodeFailure::kMissingField, "missing event time");
  *event = Event{};
  if (absl::Status s = ToTime(*m.event_time, "event time", &event->time); !s.ok()) {
    return fail(DecodeFailure::kBadTimestamp, std::string(s.message()));
  }
  if (m.promised_time) {
    if (absl::Status s = ToTime(*m.promised_time, "promised time", &event->promised_time); !s.ok()) {
      return fail(DecodeFailure::kBadTimestamp, std::string(s.message()));
    }
  }
  event->event_id = m.event_id;
  event->contact_id = m.contact_id;
  event->type = static_cast<EventType>(m.type);
  event->channel = static_cast<Channel>(m.channel);
  event->contact_type = m.contact_type;
  event->service = m.service;
  event->customer_group = m.customer_group;
  event->priority = m.priority;
  event->satisfaction_score = m.satisfaction_score;
  return absl::OkStatus();
}

absl::Status EventDecoder::Fill(Event* event) {
  const v1::ContactEvent& m = message_;
  RawEvent raw{.event_id = View(m.event_id()),
               .contact_id = View(m.contact_id()),
               .contact_type = View(m.contact_type()),
               .service = View(m.service()),
               .customer_group = View(m.customer_group()),
               .priority = View(m.priority()),
               .type = m.type(),
               .channel = m.channel(),
               .event_time = std::nullopt,
               .promised_time = std::nullopt,
               .satisfaction_score = m.satisfaction_score()};
  if (m.has_event_time()) raw.event_time = RawEvent::Stamp{m.event_time().seconds(), m.event_time().nanos()};
  if (m.has_promised_time()) {
    raw.promised_time = RawEvent::Stamp{m.promised_time().seconds(), m.promised_time().nanos()};
  }
  return CheckEvent(raw, event, &failure_);
}

void ToMessage(const Event& event, v1::ContactEvent* message) {
  message->Clear();
  message->set_event_id(std::string(event.event_id));
  message->set_contact_id(std::string(event.contact_id));
  message->set_type(static_cast<v1::EventType>(event.type));
  const auto to_timestamp = [](absl::Time t, google::protobuf::Timestamp* ts) {
    const int64_t micros = absl::ToUnixMicros(t);
    int64_t seconds = micros / 1000000;
    int64_t rest = micros % 1000000;
    if (rest < 0) {
      rest += 1000000;
      --seconds;
    }
    ts->set_seconds(seconds);
    ts->set_nanos(static_cast<int32_t>(rest * 1000));
  };
  to_timestamp(event.time, message->mutable_event_time());
  message->set_channel(static_cast<v1::Channel>(event.channel));
  message->set_contact_type(std::string(event.contact_type));
  message->set_service(std::string(event.service));
  message->set_customer_group(std::string(event.customer_group));
  message->set_priority(std::string(event.priority));
  if (event.type == EventType::kPromised) {
    to_timestamp(event.promised_time, message->mutable_promised_time());
  }
  message->set_satisfaction_score(event.satisfaction_score);
}

}  // namespace ontime

#include "intake/event_shipment.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"

namespace ontime {

ShipperTopics ShipperTopicsFor(const IngestSettings& ingest, std::string_view topic) {
  ShipperTopics topics{.events = topic.empty() ? ingest.topics.front().name : std::string(topic),
                       .format = WireFormat::kProtobuf,
                       .dead_letters = ingest.dead_letter_topic};
  for (const TopicSettings& t : ingest.topics) {
    if (t.name == topics.events) topics.format = t.format;
  }
  return topics;
}

absl::Status EventShipment::Send(const v1::ContactEvent& event) {
  value_.clear();
  if (topics_.format == WireFormat::kJson) {
    (void)google::protobuf::util::MessageToJsonString(event, &value_, google::protobuf::util::JsonPrintOptions());
  } else {
    event.SerializeToString(&value_);
  }
  return SendEncoded(event.contact_id(), value_,
                     absl::FromUnixMicros(google::protobuf::util::TimeUtil::TimestampToMicroseconds(event.event_time())));
}

absl::Status EventShipment::SendEncoded(std::string_view contact_id, std::string_view value, absl::Time timestamp) {
  return sink_.Send({.topic = topics_.events, .key = contact_id, .value = value, .timestamp = timestamp}, &last_,
                    queue_wait_);
}

absl::Status EventShipment::SendDeadLetter(std::string_view source, const RejectedLine& line) {
  const std::string offset = absl::StrCat(line.offset);
  return sink_.Send({.topic = topics_.dead_letters,
                     .key = source,
                     .value = line.text,
                     .headers = {{"ontime.reason", line.reason},
                                 {"ontime.detail", line.detail},
                                 {"ontime.source.collector", source},
                                 {"ontime.source.file", line.file},
                                 {"ontime.source.offset", offset}}},
                    &last_, queue_wait_);
}

absl::Status EventShipment::AwaitAcknowledged(const std::atomic<bool>* stop) {
  if (last_ == 0) return absl::OkStatus();
  for (;;) {
    absl::Status acked = sink_.FlushUpTo(last_, absl::Seconds(1));
    if (!absl::IsDeadlineExceeded(acked)) return acked;
    if (stop != nullptr && stop->load()) return absl::CancelledError("stopped before the broker acknowledged");
  }
}

}  // namespace ontime

// Contact events and dead letters on their way to Kafka, and the wait for
// the broker to acknowledge them: each event in its topic's wire format,
// keyed by its contact id (one partition per contact) and stamped with its
// event time (what record admission measures lateness against); each
// record a collector refused, a dead letter with its source and reason in
// headers. Shared by every collector, so they all reach the engine alike.
//
//   EventShipment shipment(sink, topics);
//   for (const auto& e : events) if (auto s = shipment.Send(e); !s.ok()) ...
//   if (auto s = shipment.AwaitAcknowledged(&stop); s.ok()) save_position();
#ifndef ONTIME_INTAKE_EVENT_SHIPMENT_H_
#define ONTIME_INTAKE_EVENT_SHIPMENT_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "collectors/rejected_line.h"
#include "config/daemon_settings.h"
#include "config/wire_format.h"
#include "kafka/record_sink.h"
#include "ontime/v1/contact_event.pb.h"

namespace ontime {

struct ShipperTopics {
  std::string events;
  WireFormat format = WireFormat::kProtobuf;
  std::string dead_letters;
};

// A collector's topics: `topic` (the ingest's first topic when empty), in
// the format the ingest reads it in, and the ingest's dead-letter topic.
ShipperTopics ShipperTopicsFor(const IngestSettings& ingest, std::string_view topic);

class EventShipment {
 public:
  // `queue_wait`: how long a send may wait while the producer's local queue
  // is full (a collector can wait; the HTTP intake cannot).
  EventShipment(RecordSink& sink, const ShipperTopics& topics, absl::Duration queue_wait = absl::Minutes(5))
      : sink_(sink), topics_(topics), queue_wait_(queue_wait) {}

  // Keyed by the contact id, stamped with its event time.
  absl::Status Send(const v1::ContactEvent& event);
  // An event already in the topic's wire format, stamped with `timestamp`.
  absl::Status SendEncoded(std::string_view contact_id, std::string_view value, absl::Time timestamp);
  // `source` names the collector (the dead letter's key and a header).
  absl::Status SendDeadLetter(std::string_view source, const RejectedLine& line);
  // Waits until everything sent so far is acknowledged, looking again every
  // second while the broker is away, until `stop` (null: until it answers
  // or a record fails). An error when a record failed or it was stopped.
  absl::Status AwaitAcknowledged(const std::atomic<bool>* stop);
  // The sequence number of the last record sent (0: none).
  uint64_t last_sequence() const { return last_; }

 private:
  RecordSink& sink_;
  const ShipperTopics& topics_;
  absl::Duration queue_wait_;
  uint64_t last_ = 0;
  std::string value_;
};

}  // namespace ontime

#endif  // ONTIME_INTAKE_EVENT_SHIPMENT_H_

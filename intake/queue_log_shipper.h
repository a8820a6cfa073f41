// One queue_log collector delivered: each batch of its events (and refused
// lines, as dead letters) sent to a RecordSink, and the batch's end
// position saved only once the sink says every record of it was
// acknowledged. A batch not acknowledged is read again from the saved
// position; its lines make the same event ids, so a partial delivery
// counts once.
#ifndef ONTIME_INTAKE_QUEUE_LOG_SHIPPER_H_
#define ONTIME_INTAKE_QUEUE_LOG_SHIPPER_H_

#include <atomic>
#include <optional>
#include <string>

#include "collectors/queue_log_collector.h"
#include "config/collector_settings.h"
#include "intake/event_shipment.h"
#include "kafka/record_sink.h"
#include "metrics/collector_counters.h"

namespace ontime {

class QueueLogShipper {
 public:
  QueueLogShipper(const QueueLogSourceSettings& settings, ShipperTopics topics, RecordSink& sink);

  // Reads the saved position and finds the file it names.
  absl::Status Open();
  // One batch: read, send, wait for the acknowledgement (while the broker
  // is away, until `stop`), save the position. The lines read (0: nothing
  // new). An error for a source that cannot be read or a position that
  // cannot be saved; a batch not acknowledged is no error, it is read again.
  absl::StatusOr<int64_t> Step(const std::atomic<bool>* stop);

  CollectorCounters counters() const;
  // Said once after Open when the saved position was not found.
  bool position_lost() const { return collector_.follower().lost_positions() > 0; }

 private:
  absl::Status Deliver(const std::atomic<bool>* stop);

  const QueueLogSourceSettings& settings_;
  ShipperTopics topics_;
  RecordSink& sink_;
  QueueLogCollector collector_;
  QueueLogBatch batch_;
  std::optional<FilePosition> saved_;
  uint64_t events_produced_ = 0;
  uint64_t dead_letters_ = 0;
  uint64_t delivery_failures_ = 0;
};

}  // namespace ontime

#endif  // ONTIME_INTAKE_QUEUE_LOG_SHIPPER_H_

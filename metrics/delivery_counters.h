// What an alert deliverer reports, as the metrics show it
// (ontime_alert_* in deploy/METRICS.md): a snapshot taken on the
// deliverer's own thread.
#ifndef ONTIME_METRICS_DELIVERY_COUNTERS_H_
#define ONTIME_METRICS_DELIVERY_COUNTERS_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace ontime {

struct DeliveryCounters {
  // alertmanager, webhook.
  std::string receiver;
  // Requests the receiver accepted, and those that failed (refused,
  // unreachable, timed out) and will be tried again.
  uint64_t deliveries = 0;
  uint64_t failures = 0;
  // Alerts firing now, as the deliverer holds them.
  uint64_t firing = 0;
  // Records not yet accepted by the receiver, and when the oldest was read
  // (InfiniteFuture if none).
  uint64_t undelivered = 0;
  absl::Time oldest_undelivered = absl::InfiniteFuture();
  // Read from the alerts topic and not understood (counted, skipped).
  uint64_t unreadable = 0;
};

}  // namespace ontime

#endif  // ONTIME_METRICS_DELIVERY_COUNTERS_H_

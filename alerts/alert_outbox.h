// What a deliverer owes one receiver, whatever the receiver: the seam
// between the alerts topic (read by daemon/alert_deliverer) and a
// receiver's requests. Alertmanager's (alert_book) re-sends what fires;
// a webhook's (webhook_outbox) sends each change once, signed, in the
// service's opening hours.
//
// The contract the deliverer's "commit only what was accepted" rests on:
// TakeRequests marks what it returns as in flight; Delivered() (every
// request of the last TakeRequests accepted) clears exactly that; if any
// failed, the next TakeRequests returns it again.
#ifndef ONTIME_ALERTS_ALERT_OUTBOX_H_
#define ONTIME_ALERTS_ALERT_OUTBOX_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "ontime/v1/alert.pb.h"

namespace ontime {

// Where a record sits in the alerts topic.
struct AlertPosition {
  int32_t partition = 0;
  int64_t offset = 0;
};

struct OutboundRequest {
  std::string body;
  // Beyond Content-Type: application/json.
  std::vector<std::pair<std::string, std::string>> headers;
};

class AlertOutbox {
 public:
  virtual ~AlertOutbox() = default;

  // A record of the alerts topic, in offset order. `deliver`: at or after
  // the committed offset, so not yet known to have reached the receiver.
  virtual void Apply(const v1::Alert& alert, AlertPosition position, bool deliver, absl::Time read_at) = 0;
  // The requests due at `now` (wall clock); `resend`: the periodic tick.
  virtual std::vector<OutboundRequest> TakeRequests(absl::Time now, bool resend) = 0;
  virtual void Delivered() = 0;
  // The offset of the partition's first record still owed (nullopt: none);
  // the deliverer never commits past it.
  virtual std::optional<int64_t> LowestOwed(int32_t partition) const = 0;
  // When a request will next be due with nothing new read (InfiniteFuture:
  // not before something is): the next opening for held alerts.
  virtual absl::Time NextDue(absl::Time now) const = 0;

  virtual size_t firing() const = 0;
  virtual size_t undelivered() const = 0;
  // When the oldest undelivered record was read (InfiniteFuture if none).
  virtual absl::Time oldest_undelivered() const = 0;
};

}  // namespace ontime

#endif  // ONTIME_ALERTS_ALERT_OUTBOX_H_

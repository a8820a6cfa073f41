// What the webhook deliverer owes its receiver (a CRM that texts the
// customer, a ticketing system): each change of an alert (firing, resolved,
// withdrawn) once, as JSON, signed in the Standard Webhooks style
// (https://www.standardwebhooks.com):
//
//   webhook-id:        msg_<32 hex>, the same for every delivery of one
//                      change (after a retry or a crash), so a receiver
//                      drops what it already has
//   webhook-timestamp: seconds since the epoch, at sending; a receiver
//                      rejects old ones (replays)
//   webhook-signature: v1,<base64 HMAC-SHA256(key, id.timestamp.body)>
//
// In the service's opening hours: a change read out of hours is held until
// the next opening (urgent levels and services without a calendar go at
// once). A firing alert that ends before it went out is never sent, nor is
// its ending: nobody needs to act on it any more.
#ifndef ONTIME_ALERTS_WEBHOOK_OUTBOX_H_
#define ONTIME_ALERTS_WEBHOOK_OUTBOX_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "alerts/alert_outbox.h"
#include "config/alert_settings.h"
#include "engine/calendar.h"

namespace ontime {

class WebhookOutbox final : public AlertOutbox {
 public:
  // `secret`: whsec_<base64 key>, as Standard Webhooks writes it.
  static absl::StatusOr<std::unique_ptr<WebhookOutbox>> Create(const AlertSettings& settings,
                                                               const std::vector<CalendarSpec>& calendars,
                                                               const std::string& secret);

  void Apply(const v1::Alert& alert, AlertPosition position, bool deliver, absl::Time read_at) override;
  // The changes due by `now`, oldest first, at most kPerRound.
  std::vector<OutboundRequest> TakeRequests(absl::Time now, bool resend) override;
  void Delivered() override;
  std::optional<int64_t> LowestOwed(int32_t partition) const override;
  absl::Time NextDue(absl::Time now) const override;
  size_t firing() const override { return firing_.size(); }
  size_t undelivered() const override { return owed_.size(); }
  absl::Time oldest_undelivered() const override;

  // The signature header's value for `body` (exposed for tests and for
  // receivers' documentation).
  std::string Sign(const std::string& id, int64_t timestamp, const std::string& body) const;
  // msg_ and the first 32 hex digits of SHA-256(identity/status).
  static std::string MessageId(const v1::Alert& alert);
  static std::string Body(const v1::Alert& alert, absl::Time now);

 private:
  struct Owed {
    v1::Alert alert;
    absl::Time read_at;
    AlertPosition position;
    // Its service's next opening at or after read_at (or read_at).
    absl::Time due_at;
  };
  static constexpr size_t kPerRound = 100;

  WebhookOutbox(const AlertSettings& settings, std::string key) : settings_(settings), key_(std::move(key)) {}
  absl::Time DueAt(const v1::Alert& alert, absl::Time read_at) const;

  AlertSettings settings_;
  std::string key_;
  std::map<std::string, std::unique_ptr<Calendar>> calendars_;
  // In reading order.
  std::map<uint64_t, Owed> owed_;
  uint64_t next_sequence_ = 0;
  std::vector<uint64_t> in_flight_;
  absl::flat_hash_set<std::string> firing_;
};

}  // namespace ontime

#endif  // ONTIME_ALERTS_WEBHOOK_OUTBOX_H_

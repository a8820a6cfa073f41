// What a deliverer holds of the alerts topic, and what it owes a receiver:
// every alert firing now (re-sent each interval, as Prometheus does, so the
// receiver keeps it while ontime runs and lets it lapse if ontime stops),
// and every ending (resolved, withdrawn) not yet accepted. Pure: records
// and times come in, request bodies go out.
//
// Nothing lost, nothing doubled in effect: the deliverer replays the topic
// from its start into the book, delivering only records at or after the
// offset its group committed, and commits past a record only once the
// receiver accepted a body holding it. Alertmanager identifies an alert by
// its labels, which are the same for every record of one identity, so a
// record delivered twice (a crash between acceptance and commit) merges.
#ifndef ONTIME_ALERTS_ALERT_BOOK_H_
#define ONTIME_ALERTS_ALERT_BOOK_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "alerts/alert_outbox.h"
#include "ontime/v1/alert.pb.h"

namespace ontime {

class AlertBook final : public AlertOutbox {
 public:
  // Firing alerts end `resend_every` x 4 after each request (as Prometheus
  // does): a missed re-send or two does not end them, a stopped ontime does.
  explicit AlertBook(absl::Duration resend_every = absl::Minutes(1)) : resend_every_(resend_every) {}

  void Apply(const v1::Alert& alert, AlertPosition position, bool deliver, absl::Time read_at) override;
  // Only when something is owed, or on the re-send tick.
  std::vector<OutboundRequest> TakeRequests(absl::Time now, bool resend) override;
  absl::Time NextDue(absl::Time) const override { return absl::InfiniteFuture(); }

  // Bodies for Alertmanager's POST /api/v2/alerts (JSON arrays of at most
  // `per_body` alerts): every alert firing, ending at `ends_at`, and every
  // ending not yet delivered. Marks what they hold as in flight.
  std::vector<std::string> TakeBodies(absl::Time ends_at, size_t per_body);
  // The receiver accepted every body of the last TakeBodies: the endings
  // they held are delivered. (If it did not, nothing changes: the next
  // TakeBodies holds them again.)
  void Delivered() override;
  std::optional<int64_t> LowestOwed(int32_t partition) const override;

  size_t firing() const override { return firing_.size(); }
  // Endings and new firings not yet accepted by the receiver.
  size_t undelivered() const override { return undelivered_.size() + endings_.size(); }
  absl::Time oldest_undelivered() const override;

  // Alertmanager's labels and annotations for an alert, as JSON.
  static std::string AlertmanagerJson(const v1::Alert& alert, absl::Time ends_at);

 private:
  // A body holds at most this many alerts: a burst (10,000 contacts
  // overdue at once) goes as several requests, each well under
  // Alertmanager's limits.
  static constexpr size_t kAlertsPerBody = 1000;

  absl::Duration resend_every_;
  absl::flat_hash_map<std::string, v1::Alert> firing_;
  struct Read {
    absl::Time at;
    AlertPosition position;
  };
  // identity -> when read: firing alerts not yet accepted once.
  std::map<std::string, Read> undelivered_;
  // identity -> (ending, when read): not yet accepted.
  std::map<std::string, std::pair<v1::Alert, Read>> endings_;
  // What the bodies in flight hold.
  std::vector<std::string> in_flight_new_;
  std::vector<std::pair<std::string, std::string>> in_flight_endings_;  // identity, serialized
};

}  // namespace ontime

#endif  // ONTIME_ALERTS_ALERT_BOOK_H_

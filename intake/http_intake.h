// Events POSTed to ontimed (protobuf's JSON mapping of ContactEvent: one
// event, or a list of them), produced to the contact-events topic and
// answered only once the broker acknowledged them:
//
//   200 {"accepted": 100}                           every event stored
//   422 {"accepted": 98, "refused": [{"index": 3, "reason": "missing_field",
//        "detail": "..."}, ...]}                    the good ones stored, the
//                                                   bad ones dead-lettered
//   400 the body is not JSON, or not an event or a list of them (nothing stored)
//   401 no valid bearer token or signature
//   429 + Retry-After  too many events already wait for the broker
//   503 + Retry-After  the broker did not acknowledge within ack_timeout:
//                      none of it counts as stored; send it again (its
//                      events keep their ids and count once)
//
// Each event is admitted as ontimed admits a record (record_admission: the
// same decoder, size limit and event-time window), with the time it
// arrived as its record timestamp, so an event ontimed would dead-letter is
// refused to the sender instead.
//
// The answers come from a thread of the intake's own that waits for the
// broker's acknowledgements, oldest request first; the HTTP thread never
// waits.
#ifndef ONTIME_INTAKE_HTTP_INTAKE_H_
#define ONTIME_INTAKE_HTTP_INTAKE_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "collectors/record_admission.h"
#include "collectors/webhook_events.h"
#include "config/collector_settings.h"
#include "config/daemon_settings.h"
#include "intake/event_shipment.h"
#include "intake/intake_auth.h"
#include "kafka/record_sink.h"
#include "metrics/collector_counters.h"

namespace ontime {

struct IntakeRequest {
  std::string_view body;
  std::string_view authorization;
  std::string_view signature;
  std::string_view peer;
};

struct IntakeReply {
  int status = 200;
  std::string body;  // JSON
  std::string retry_after;
};

using IntakeRespond = std::function<void(IntakeReply)>;

// Wall-clock time for arrival stamps and deadlines; a fake in tests.
using IntakeClock = std::function<absl::Time()>;

class HttpIntake {
 public:
  // `webhook_auth`: who may post to each of settings.webhooks, in order.
  HttpIntake(const HttpIntakeSettings& settings, const IngestSettings& ingest, IntakeAuth auth,
             std::vector<IntakeAuth> webhook_auth, RecordSink& sink, IntakeClock clock = absl::Now);
  HttpIntake(const HttpIntake&) = delete;
  HttpIntake& operator=(const HttpIntake&) = delete;
  ~HttpIntake();

  // The thread that waits for acknowledgements and answers.
  void Start();
  // Answers every request still waiting with 503 (none of it counts as
  // stored), then stops the thread.
  void Stop();

  // On the HTTP thread: decodes, sends, and queues the answer, which
  // `respond` gets later from the intake's thread (at once for a request
  // refused outright).
  void Post(const IntakeRequest& request, IntakeRespond respond);
  // A POST to settings.webhooks[index]: its body, by the webhook's
  // mapping, one event, then as Post. A body whose type comes out "skip"
  // is answered 200 with nothing stored.
  void PostWebhook(size_t index, const IntakeRequest& request, IntakeRespond respond);

  HttpIntakeCounters counters() const;

 private:
  struct Waiting {
    uint64_t last_sequence = 0;
    int64_t events = 0;
    int64_t accepted = 0;
    absl::Time deadline;
    IntakeReply reply;
    IntakeRespond respond;
  };

  struct Webhook {
    Webhook(const IntakeWebhookSettings& s, IntakeAuth a) : settings(s), auth(std::move(a)), events(s.mapping) {}
    const IntakeWebhookSettings& settings;
    IntakeAuth auth;
    WebhookEvents events;  // HTTP thread only
  };

  static IntakeReply Unauthorized(std::string_view signature_header);
  // Admits each text as an event (or refuses them all for `refused_as_a_whole`),
  // sends, and queues the answer.
  void Ship(const IntakeRequest& request, std::string_view path, const std::vector<std::string_view>& texts,
            std::optional<Refusal> refused_as_a_whole, IntakeRespond respond);
  void Answer(IntakeRespond& respond, IntakeReply reply);
  void AwaitAcknowledgements();

  const HttpIntakeSettings& settings_;
  ShipperTopics topics_;
  IntakeAuth auth_;
  RecordSink& sink_;
  IntakeClock clock_;
  RecordAdmission admission_;  // HTTP thread only
  std::vector<std::unique_ptr<Webhook>> webhooks_;
  std::string value_;          // HTTP thread only

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Waiting> waiting_;
  int64_t pending_events_ = 0;
  // Records of requests answered 503 that the broker may still take: while
  // any is unsettled (the broker away), new requests are answered 503 at
  // once rather than queued behind them.
  uint64_t unsettled_up_to_ = 0;
  bool stopping_ = false;
  std::thread thread_;

  std::atomic<uint64_t> requests_ok_{0}, requests_partly_refused_{0}, requests_bad_{0}, requests_unauthorized_{0},
      requests_throttled_{0}, requests_unavailable_{0}, events_accepted_{0}, events_refused_{0}, webhooks_skipped_{0};
};

}  // namespace ontime

#endif  // ONTIME_INTAKE_HTTP_INTAKE_H_

// The collectors ontime runs (`collectors:` in the config): sources that are
// not ontime's own events, turned into contact events and produced to the
// contact-events topic, inside ontimed or as `ontime collect`.
//
//   collectors:
//     queue_logs:
//       - name: switchboard
//         path: /var/log/asterisk/queue_log
//         format: asterisk            # or pbxware_csv
//         position_file: /var/lib/ontime/switchboard.position
//         queues:
//           - {queue: council-tax, service: revenues, site: town-hall}
//           - {queue: housing-repairs, service: housing}
//         other_queues: skip           # or a mapping without `queue`
#ifndef ONTIME_CONFIG_COLLECTOR_SETTINGS_H_
#define ONTIME_CONFIG_COLLECTOR_SETTINGS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "config/webhook_mapping.h"
#include "engine/event.h"

namespace ontime {

// How a telephone queue's calls are described as contacts.
struct QueueMapping {
  std::string queue;
  Channel channel = Channel::kPhone;
  // Empty: the queue's name.
  std::string service;
  std::string site;
  std::string contact_type = "enquiry";
  std::string customer_group;
};

enum class QueueLogFormat {
  // Asterisk's own file: time|callid|queue|agent|VERB|data1|data2|...
  kAsterisk,
  // The queue_log table exported as CSV with a header (PBXware and other
  // Asterisk-based systems): uid,date_time,callid,queue_name,type,event,...
  kPbxwareCsv,
};

struct QueueLogSourceSettings {
  // Names the source in metrics, logs and dead letters.
  std::string name;
  std::string path;
  QueueLogFormat format = QueueLogFormat::kAsterisk;
  // Where the position read up to is kept (file identity and offset), saved
  // only after the broker acknowledged every event before it. Empty: the
  // path with ".ontime-position" appended.
  std::string position_file;
  // The topic events go to. Empty: the first ingest topic, in its format.
  std::string topic;
  std::vector<QueueMapping> queues;
  // Calls to a queue not listed: measured with this mapping (its `queue`
  // unused), or, when absent, skipped and counted.
  std::optional<QueueMapping> other_queues;
  // A transferred call has left the queue handled: TRANSFERRED and RESOLVED
  // at the transfer. False: TRANSFERRED only, the contact stays open (for a
  // call transferred to another measured queue under the same call id).
  bool transfer_resolves = true;
  // How often the file is looked at for new lines and rotation.
  absl::Duration poll_every = absl::Milliseconds(200);
};

// A helpdesk's webhook: its body, by `mapping`, one contact event.
struct IntakeWebhookSettings {
  std::string name;
  std::string path;
  // Who may post here; empty: as for the intake's own path.
  std::vector<std::string> bearer_token_sha256;
  std::string signature_secret_file;
  std::string signature_header;
  WebhookMapping mapping;
};

// Events POSTed to ontimed's listener (protobuf's JSON mapping, one event
// or a list), answered 2xx only once the broker acknowledged them.
struct HttpIntakeSettings {
  std::string path = "/v1/events";
  // The topic events go to. Empty: the first ingest topic, in its format.
  std::string topic;
  // Who may post: a bearer token whose SHA-256 (hex) is listed, or a body
  // signed with the secret in signature_secret_file (HMAC-SHA256, hex, in
  // `signature_header`, optionally prefixed "sha256="). At least one.
  std::vector<std::string> bearer_token_sha256;
  std::string signature_secret_file;
  std::string signature_header = "X-Ontime-Signature";
  int64_t max_body_bytes = 4 << 20;
  // Back-pressure: past this many events sent and not yet acknowledged, a
  // request is answered 429 with Retry-After instead of queued.
  int64_t max_pending_events = 20000;
  // A request whose events the broker has not acknowledged by then is
  // answered 503 with Retry-After (nothing of it is acknowledged; sent
  // again, its events keep their ids and count once).
  absl::Duration ack_timeout = absl::Seconds(10);
  std::vector<IntakeWebhookSettings> webhooks;
};

struct CollectorSettings {
  std::vector<QueueLogSourceSettings> queue_logs;
  std::optional<HttpIntakeSettings> http;
};

std::string_view QueueLogFormatName(QueueLogFormat format);

}  // namespace ontime

#endif  // ONTIME_CONFIG_COLLECTOR_SETTINGS_H_

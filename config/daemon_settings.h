// How ontimed runs: the Kafka client, what it consumes, where its state and
// dead letters go, where it serves HTTP, and the embedded simulator. Read
// from the same YAML file as the standards (sections kafka, ingest, daemon,
// simulator); every setting has a default a single machine can run on.
#ifndef ONTIME_CONFIG_DAEMON_SETTINGS_H_
#define ONTIME_CONFIG_DAEMON_SETTINGS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "config/wire_format.h"

namespace ontime {

struct TopicSettings {
  std::string name;
  WireFormat format = WireFormat::kProtobuf;
};

struct IngestSettings {
  std::string group = "ontime";
  std::vector<TopicSettings> topics = {{"contact-events", WireFormat::kProtobuf}};
  // Compacted topic holding each partition's engine state and the source
  // offset it reflects.
  std::string state_topic = "ontime-state";
  absl::Duration checkpoint_every = absl::Seconds(10);
  std::string dead_letter_topic = "ontime-dead-letters";
  // Compacted topic of every outcome made final (ontime.v1.OutcomeRecord,
  // key = its identity): the durable history monthly statements are read
  // from (`ontime statement --brokers`), and an audit trail. Empty: none.
  std::string outcomes_topic = "ontime-outcomes";
  // Events beyond these limits are dead letters: too big, or with an event
  // time too far behind or ahead of the daemon's clock to be believable.
  int64_t max_event_bytes = 64 * 1024;
  absl::Duration max_event_age = absl::Hours(24 * 400);
  absl::Duration max_event_lead = absl::Hours(1);
  // Static group membership (KIP-345): a member that restarts (a crash, a
  // deploy) under the same group.instance.id gets its partitions straight
  // back instead of waiting out session.timeout.ms (45 s) for the group to
  // notice it left. The id is kafka.group.instance.id if set, else
  // "<host name>-<listen port>", unique per machine as the port is (an
  // ephemeral port, 0, means no static membership). A member that leaves
  // for good hands its partitions on only after session.timeout.ms.
  bool static_membership = true;
  // The biggest record our producer may send: kafka.message.max.bytes, or
  // librdkafka's default. A bigger dead letter carries a prefix of the record.
  int64_t producer_max_message_bytes = 1000000;
};

struct DaemonRunSettings {
  // HTTP: /metrics, /-/healthy, /-/ready.
  std::string listen = "127.0.0.1:9464";
  // HTTPS when both are set (PEM files).
  std::string tls_cert_file;
  std::string tls_key_file;
  // Basic auth when set: the user, and a hash of the password, so the file
  // holds no password: bcrypt (ontime hash-password, or htpasswd -nBC 10),
  // as Prometheus' own web config takes it; or, kept for older files, an
  // unsalted SHA-256 in hex (echo -n 'secret' | sha256sum), which is quick
  // to guess from a stolen file: prefer bcrypt.
  std::string basic_auth_user;
  std::string basic_auth_password_bcrypt;
  std::string basic_auth_password_sha256;
  // Connections served at once; more are refused with 503 rather than
  // exhausting descriptors. Lowered at start to fit the process's
  // descriptor limit (RLIMIT_NOFILE), with room for Kafka's sockets.
  int max_connections = 256;
  // How often the metrics a scrape reads are rebuilt.
  absl::Duration metrics_every = absl::Seconds(1);
  // SIGTERM: finish the batch in hand, save state, commit, leave the group,
  // all within this.
  absl::Duration shutdown_within = absl::Seconds(30);
  // A line per standard on stdout this often (0: never).
  absl::Duration live_line_every = absl::Seconds(5);
  // Logs on stderr: text for a terminal; JSON lines (one object a line,
  // keys time, level, logger, message) for collectors. auto: JSON under
  // the service manager's journal when stderr is not a terminal, else text.
  enum class LogFormat : uint8_t { kAuto, kText, kJson };
  LogFormat log_format = LogFormat::kAuto;
  // The values the service and customer_group labels of the metrics may
  // take. Declared: exactly these (and the services the standards name),
  // everything else is "other", so free text in an event never becomes a
  // label. Not declared: the first 100 values seen across all partitions
  // (the standards' services always among them), then "other".
  std::vector<std::string> service_labels;
  std::vector<std::string> customer_group_labels;
};

// Traffic generated inside the daemon (bootstrap.servers: embedded only):
// the simulated council, replayed faster than real time.
struct SimulatorSettings {
  bool enabled = false;
  // Simulated seconds per real second.
  double speed_up = 600;
  int calls_per_weekday = 900;
  // The first simulated day; unset: the first day of the previous month.
  std::optional<absl::CivilDay> start;
  std::string time_zone = "Europe/London";
  uint64_t seed = 1;
  int partitions = 6;
};

// Everything the config file says beyond calendars and standards: its
// kafka:, ingest:, daemon: and simulator: sections.
struct RuntimeSettings {
  // librdkafka properties, passed through (TLS, SASL, tuning).
  // bootstrap.servers: embedded starts librdkafka's in-process mock cluster.
  std::map<std::string, std::string> kafka = {{"bootstrap.servers", "embedded"}};
  IngestSettings ingest;
  DaemonRunSettings daemon;
  SimulatorSettings simulator;

  bool embedded() const;
};

// "$2y$10$" and 53 characters of salt and hash: a bcrypt hash's shape.
bool IsBcryptHash(std::string_view hash);

}  // namespace ontime

#endif  // ONTIME_CONFIG_DAEMON_SETTINGS_H_

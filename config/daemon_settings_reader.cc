#include "config/daemon_settings_reader.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace ontime {
namespace {

void ReadKafka(YamlReader& r, const YAML::Node& node, RuntimeSettings* settings) {
  if (!r.IsMap(node, "kafka")) return;
  // Every key is a librdkafka property; librdkafka itself judges them when
  // the daemon starts, naming the property it refuses.
  for (const auto& entry : node) {
    std::string value;
    if (r.Scalar(entry.second, entry.first.Scalar(), &value)) {
      settings->kafka[entry.first.Scalar()] = value;
    }
  }
  if (settings->kafka["bootstrap.servers"].empty()) {
    r.Error(node, "kafka needs bootstrap.servers: host:port,... or embedded");
  }
}

void ReadTopics(YamlReader& r, const YAML::Node& node, IngestSettings* ingest) {
  if (!node.IsSequence() || node.size() == 0) {
    r.Error(node, "topics must be a list of topics, each with a name and a format (protobuf or json)");
    return;
  }
  ingest->topics.clear();
  for (const YAML::Node& topic : node) {
    if (!r.IsMap(topic, "a topic")) continue;
    r.CheckKeys(topic, "a topic", {"name", "format"});
    TopicSettings t;
    if (!topic["name"] || !r.Scalar(topic["name"], "name", &t.name) || t.name.empty()) {
      r.Error(topic, "a topic needs a name");
      continue;
    }
    if (topic["format"]) {
      std::string format;
      if (!r.Scalar(topic["format"], "format", &format)) continue;
      if (format == "json") {
        t.format = WireFormat::kJson;
      } else if (format != "protobuf") {
        r.Error(topic["format"], absl::StrCat("format \"", format, "\" is not protobuf or json"));
      }
    }
    ingest->topics.push_back(std::move(t));
  }
}

void ReadName(YamlReader& r, const YAML::Node& node, const char* key, std::string* out) {
  if (node[key] && r.Scalar(node[key], key, out) && out->empty()) {
    r.Error(node[key], absl::StrCat(key, " must not be empty"));
  }
}

void ReadPositiveDuration(YamlReader& r, const YAML::Node& node, const char* key,
                          absl::Duration* out) {
  r.Duration(node, key, out);
  if (node[key] && *out <= absl::ZeroDuration()) {
    r.Error(node[key], absl::StrCat(key, " must be more than 0"));
  }
}

void ReadIngest(YamlReader& r, const YAML::Node& node, IngestSettings* ingest) {
  if (!r.IsMap(node, "ingest")) return;
  r.CheckKeys(node, "ingest",
              {"group", "topics", "state_topic", "checkpoint_every", "dead_letter_topic", "outcomes_topic",
               "max_event_bytes", "max_event_age", "max_event_lead", "static_membership"});
  if (node["static_membership"]) {
    std::string text;
    if (r.Scalar(node["static_membership"], "static_membership", &text)) {
      if (text == "true" || text == "yes") {
        ingest->static_membership = true;
      } else if (text == "false" || text == "no") {
        ingest->static_membership = false;
      } else {
        r.Error(node["static_membership"], "static_membership takes true or false");
      }
    }
  }
  ReadName(r, node, "group", &ingest->group);
  if (node["topics"]) ReadTopics(r, node["topics"], ingest);
  ReadName(r, node, "state_topic", &ingest->state_topic);
  ReadPositiveDuration(r, node, "checkpoint_every", &ingest->checkpoint_every);
  ReadName(r, node, "dead_letter_topic", &ingest->dead_letter_topic);
  // "" turns the outcomes topic off.
  if (node["outcomes_topic"]) r.Scalar(node["outcomes_topic"], "outcomes_topic", &ingest->outcomes_topic);
  r.Count(node, "max_event_bytes", 64, &ingest->max_event_bytes);
  ReadPositiveDuration(r, node, "max_event_age", &ingest->max_event_age);
  r.Duration(node, "max_event_lead", &ingest->max_event_lead);
  for (const TopicSettings& t : ingest->topics) {
    if (t.name == ingest->state_topic || t.name == ingest->dead_letter_topic || t.name == ingest->outcomes_topic) {
      r.Error(node, absl::StrCat("topic ", t.name, " is both consumed and written by ontimed"));
    }
  }
}

void ReadDaemon(YamlReader& r, const YAML::Node& node, DaemonRunSettings* daemon) {
  if (!r.IsMap(node, "daemon")) return;
  r.CheckKeys(node, "daemon",
              {"listen", "tls_cert_file", "tls_key_file", "basic_auth_user", "basic_auth_password_sha256",
               "basic_auth_password_bcrypt", "max_connections", "metrics_every", "shutdown_within",
               "live_line_every", "service_labels", "customer_group_labels", "log_format"});
  if (node["service_labels"]) r.StringList(node["service_labels"], "service_labels", &daemon->service_labels);
  if (node["customer_group_labels"]) {
    r.StringList(node["customer_group_labels"], "customer_group_labels", &daemon->customer_group_labels);
  }
  for (auto [key, out] : {std::pair{"tls_cert_file", &daemon->tls_cert_file},
                          {"tls_key_file", &daemon->tls_key_file},
                          {"basic_auth_user", &daemon->basic_auth_user},
                          {"basic_auth_password_sha256", &daemon->basic_auth_password_sha256},
                          {"basic_auth_password_bcrypt", &daemon->basic_auth_password_bcrypt}}) {
    if (node[key]) r.Scalar(node[key], key, out);
  }
  if (daemon->tls_cert_file.empty() != daemon->tls_key_file.empty()) {
    r.Error(node, "HTTPS needs both tls_cert_file and tls_key_file");
  }
  const int password_hashes =
      !daemon->basic_auth_password_sha256.empty() + !daemon->basic_auth_password_bcrypt.empty();
  if (password_hashes > 1) {
    r.Error(node, "basic auth takes one of basic_auth_password_bcrypt and basic_auth_password_sha256");
  }
  if (daemon->basic_auth_user.empty() != (password_hashes == 0)) {
    r.Error(node, "basic auth needs both basic_auth_user and basic_auth_password_bcrypt "
                  "(ontime hash-password makes one)");
  }
  if (!daemon->basic_auth_password_sha256.empty() &&
      (daemon->basic_auth_password_sha256.size() != 64 ||
       daemon->basic_auth_password_sha256.find_first_not_of("0123456789abcdef") != std::string::npos)) {
    r.Error(node["basic_auth_password_sha256"],
            "basic_auth_password_sha256 must be 64 lower-case hex digits (echo -n 'password' | sha256sum)");
  }
  if (!daemon->basic_auth_password_bcrypt.empty() && !IsBcryptHash(daemon->basic_auth_password_bcrypt)) {
    r.Error(node["basic_auth_password_bcrypt"],
            "basic_auth_password_bcrypt must be a bcrypt hash like $2y$10$ followed by 53 characters "
            "(ontime hash-password, or htpasswd -nBC 10 user)");
  }
  int64_t connections = daemon->max_connections;
  r.Count(node, "max_connections", 1, &connections);
  daemon->max_connections = static_cast<int>(std::min<int64_t>(connections, 100000));
  ReadPositiveDuration(r, node, "metrics_every", &daemon->metrics_every);
  if (node["listen"] && r.Scalar(node["listen"], "listen", &daemon->listen)) {
    const size_t colon = daemon->listen.rfind(':');
    int port = 0;
    if (colon == std::string::npos || !absl::SimpleAtoi(daemon->listen.substr(colon + 1), &port) ||
        port < 0 || port > 65535) {
      r.Error(node["listen"], absl::StrCat("listen \"", daemon->listen,
                                           "\" is not an address and port, like 127.0.0.1:9464"));
    }
  }
  ReadPositiveDuration(r, node, "shutdown_within", &daemon->shutdown_within);
  r.Duration(node, "live_line_every", &daemon->live_line_every);
  if (std::string format; node["log_format"] && r.Scalar(node["log_format"], "log_format", &format)) {
    using LogFormat = DaemonRunSettings::LogFormat;
    if (format == "auto") {
      daemon->log_format = LogFormat::kAuto;
    } else if (format == "text") {
      daemon->log_format = LogFormat::kText;
    } else if (format == "json") {
      daemon->log_format = LogFormat::kJson;
    } else {
      r.Error(node["log_format"], absl::StrCat("log_format \"", format, "\" is one of auto, text and json"));
    }
  }
}

void ReadSimulator(YamlReader& r, const YAML::Node& node, SimulatorSettings* simulator) {
  if (!r.IsMap(node, "simulator")) return;
  r.CheckKeys(node, "simulator",
              {"speed_up", "calls_per_weekday", "start", "time_zone", "seed", "partitions"});
  simulator->enabled = true;
  std::string text;
  if (node["speed_up"] && r.Scalar(node["speed_up"], "speed_up", &text) &&
      (!absl::SimpleAtod(text, &simulator->speed_up) || !(simulator->speed_up >= 1) ||
       simulator->speed_up > 1e7)) {
    r.Error(node["speed_up"], "speed_up must be a number from 1 (real time) to 10000000");
  }
  int64_t number = simulator->calls_per_weekday;
  r.Count(node, "calls_per_weekday", 1, &number);
  simulator->calls_per_weekday = static_cast<int>(std::min<int64_t>(number, 1000000));
  if (node["start"] && r.Scalar(node["start"], "start", &text)) {
    absl::CivilDay day;
    if (!absl::ParseCivilTime(text, &day)) {
      r.Error(node["start"], absl::StrCat("start \"", text, "\" is not a date like 2026-10-01"));
    } else {
      simulator->start = day;
    }
  }
  if (node["time_zone"] && r.Scalar(node["time_zone"], "time_zone", &simulator->time_zone)) {
    absl::TimeZone zone;
    if (!absl::LoadTimeZone(simulator->time_zone, &zone)) {
      r.Error(node["time_zone"], absl::StrCat("unknown time zone \"", simulator->time_zone, "\""));
    }
  }
  number = static_cast<int64_t>(simulator->seed);
  r.Count(node, "seed", 0, &number);
  simulator->seed = static_cast<uint64_t>(number);
  number = simulator->partitions;
  r.Count(node, "partitions", 1, &number);
  simulator->partitions = static_cast<int>(std::min<int64_t>(number, 1000));
}

}  // namespace

bool IsBcryptHash(std::string_view hash) {
  // $2a$, $2b$ or $2y$, a two-digit cost, $, then 22 characters of salt and
  // 31 of hash in bcrypt's base-64 alphabet.
  if (hash.size() != 60 || hash[0] != '$' || hash[1] != '2' || hash[3] != '$' || hash[6] != '$') return false;
  if (hash[2] != 'a' && hash[2] != 'b' && hash[2] != 'y') return false;
  if (!absl::ascii_isdigit(static_cast<unsigned char>(hash[4])) ||
      !absl::ascii_isdigit(static_cast<unsigned char>(hash[5]))) {
    return false;
  }
  const int cost = (hash[4] - '0') * 10 + (hash[5] - '0');
  if (cost < 4 || cost > 31) return false;
  return hash.substr(7).find_first_not_of("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") ==
         std::string_view::npos;
}

bool RuntimeSettings::embedded() const {
  auto it = kafka.find("bootstrap.servers");
  return it != kafka.end() && it->second == "embedded";
}

void ReadDaemonSettings(YamlReader& r, const YAML::Node& root, RuntimeSettings* settings) {
  if (root["kafka"]) ReadKafka(r, root["kafka"], settings);
  if (root["ingest"]) ReadIngest(r, root["ingest"], &settings->ingest);
  if (auto it = settings->kafka.find("message.max.bytes"); it != settings->kafka.end()) {
    int64_t bytes = 0;
    if (absl::SimpleAtoi(it->second, &bytes) && bytes > 0) settings->ingest.producer_max_message_bytes = bytes;
  }
  if (root["daemon"]) ReadDaemon(r, root["daemon"], &settings->daemon);
  if (root["simulator"]) {
    ReadSimulator(r, root["simulator"], &settings->simulator);
    if (!settings->embedded()) {
      r.Error(root["simulator"],
              "the simulator runs only with the embedded Kafka (kafka: bootstrap.servers: embedded); "
              "against a real broker, use ontime simulate --brokers");
    }
  }
}

}  // namespace ontime

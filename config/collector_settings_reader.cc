#include "config/collector_settings_reader.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "config/webhook_mapping_reader.h"

namespace ontime {

std::string_view QueueLogFormatName(QueueLogFormat format) {
  return format == QueueLogFormat::kAsterisk ? "asterisk" : "pbxware_csv";
}

namespace {

bool ReadQueueMapping(YamlReader& r, const YAML::Node& node, bool needs_queue, QueueMapping* mapping) {
  if (!r.IsMap(node, needs_queue ? "a queue" : "other_queues")) return false;
  if (needs_queue) {
    r.CheckKeys(node, "a queue", {"queue", "channel", "service", "site", "contact_type", "customer_group"});
    if (!node["queue"] || !r.Scalar(node["queue"], "queue", &mapping->queue) || mapping->queue.empty()) {
      r.Error(node, "a queue needs its name as the telephone system logs it: queue: <name>");
      return false;
    }
  } else {
    r.CheckKeys(node, "other_queues", {"channel", "service", "site", "contact_type", "customer_group"});
  }
  if (node["channel"]) {
    std::string name;
    if (r.Scalar(node["channel"], "channel", &name) && !ParseChannel(name, &mapping->channel)) {
      r.Error(node["channel"], absl::StrCat("channel \"", name, "\" is unknown; write e.g. phone"));
    }
  }
  if (node["service"]) r.Scalar(node["service"], "service", &mapping->service);
  if (node["site"]) r.Scalar(node["site"], "site", &mapping->site);
  if (node["contact_type"]) r.Scalar(node["contact_type"], "contact_type", &mapping->contact_type);
  if (node["customer_group"]) r.Scalar(node["customer_group"], "customer_group", &mapping->customer_group);
  if (mapping->contact_type.empty()) r.Error(node["contact_type"], "contact_type must not be empty");
  return true;
}

void ReadQueueLog(YamlReader& r, const YAML::Node& node, std::set<std::string>* names,
                  std::vector<QueueLogSourceSettings>* out) {
  if (!r.IsMap(node, "a queue log")) return;
  r.CheckKeys(node, "a queue log",
              {"name", "path", "format", "position_file", "topic", "queues", "other_queues", "transfer",
               "poll_every"});
  QueueLogSourceSettings source;
  if (!node["name"] || !r.Scalar(node["name"], "name", &source.name) || source.name.empty()) {
    r.Error(node, "a queue log needs a name (it labels its metrics and dead letters)");
    return;
  }
  if (!names->insert(source.name).second) {
    r.Error(node["name"], absl::StrCat("two collectors are called \"", source.name, "\""));
  }
  if (!node["path"] || !r.Scalar(node["path"], "path", &source.path) || source.path.empty()) {
    r.Error(node, "a queue log needs the path of the file to follow");
  }
  if (node["format"]) {
    std::string format;
    if (r.Scalar(node["format"], "format", &format)) {
      if (format == "asterisk") {
        source.format = QueueLogFormat::kAsterisk;
      } else if (format == "pbxware_csv") {
        source.format = QueueLogFormat::kPbxwareCsv;
      } else {
        r.Error(node["format"], absl::StrCat("format \"", format,
                                             "\" is unknown; write asterisk (time|callid|queue|agent|VERB|...) "
                                             "or pbxware_csv (the queue_log table as CSV with a header)"));
      }
    }
  }
  if (node["position_file"]) r.Scalar(node["position_file"], "position_file", &source.position_file);
  if (source.position_file.empty()) source.position_file = source.path + ".ontime-position";
  if (node["topic"]) r.Scalar(node["topic"], "topic", &source.topic);
  if (node["transfer"]) {
    std::string text;
    if (r.Scalar(node["transfer"], "transfer", &text)) {
      if (text == "resolves") {
        source.transfer_resolves = true;
      } else if (text == "continues") {
        source.transfer_resolves = false;
      } else {
        r.Error(node["transfer"], absl::StrCat("transfer \"", text,
                                               "\" is unknown; write resolves (the call left the queue handled) "
                                               "or continues (it stays open)"));
      }
    }
  }
  r.Duration(node, "poll_every", &source.poll_every);
  if (node["poll_every"] && source.poll_every <= absl::ZeroDuration()) {
    r.Error(node["poll_every"], "poll_every must be more than 0");
  }
  const YAML::Node queues = node["queues"];
  if (queues && !queues.IsSequence()) {
    r.Error(queues, "queues must be a list, e.g. - {queue: council-tax, service: revenues}");
  } else if (queues) {
    std::set<std::string> seen;
    for (const YAML::Node& q : queues) {
      QueueMapping mapping;
      if (!ReadQueueMapping(r, q, true, &mapping)) continue;
      if (!seen.insert(mapping.queue).second) {
        r.Error(q["queue"], absl::StrCat("queue \"", mapping.queue, "\" is mapped twice"));
      }
      if (mapping.service.empty()) mapping.service = mapping.queue;
      source.queues.push_back(std::move(mapping));
    }
  }
  if (const YAML::Node other = node["other_queues"]) {
    std::string text;
    if (other.IsScalar() && r.Scalar(other, "other_queues", &text)) {
      if (text != "skip") r.Error(other, "other_queues is skip or a mapping such as {service: switchboard}");
    } else {
      QueueMapping mapping;
      if (ReadQueueMapping(r, other, false, &mapping)) source.other_queues = std::move(mapping);
    }
  }
  if (source.queues.empty() && !source.other_queues) {
    r.Error(node, "a queue log needs queues (a list of the queues to measure) or other_queues");
  }
  out->push_back(std::move(source));
}

void ReadWebhooks(YamlReader& r, const YAML::Node& node, const HttpIntakeSettings& http,
                  std::vector<IntakeWebhookSettings>* out) {
  if (!node.IsSequence()) {
    r.Error(node, "webhooks must be a list, e.g. - {name: zammad, path: /v1/webhooks/zammad, mapping: {...}}");
    return;
  }
  std::set<std::string> paths = {http.path};
  for (const YAML::Node& hook : node) {
    if (!r.IsMap(hook, "a webhook")) continue;
    r.CheckKeys(hook, "a webhook",
                {"name", "path", "bearer_token_sha256", "signature_secret_file", "signature_header", "mapping"});
    IntakeWebhookSettings w;
    if (!hook["name"] || !r.Scalar(hook["name"], "name", &w.name) || w.name.empty()) {
      r.Error(hook, "a webhook needs a name (it labels its dead letters)");
    }
    if (!hook["path"] || !r.Scalar(hook["path"], "path", &w.path) || w.path.empty() || w.path[0] != '/') {
      r.Error(hook, "a webhook needs the path it is POSTed to, starting with /, e.g. /v1/webhooks/zammad");
    } else if (!paths.insert(w.path).second) {
      r.Error(hook["path"], absl::StrCat("path ", w.path, " is taken twice"));
    }
    if (hook["bearer_token_sha256"]) r.StringList(hook["bearer_token_sha256"], "bearer_token_sha256", &w.bearer_token_sha256);
    if (hook["signature_secret_file"]) r.Scalar(hook["signature_secret_file"], "signature_secret_file", &w.signature_secret_file);
    if (hook["signature_header"]) r.Scalar(hook["signature_header"], "signature_header", &w.signature_header);
    if (!hook["mapping"]) {
      r.Error(hook, "a webhook needs a mapping: how its body becomes an event");
    } else {
      ReadWebhookMapping(r, hook["mapping"], &w.mapping);
    }
    out->push_back(std::move(w));
  }
}

void ReadHttpIntake(YamlReader& r, const YAML::Node& node, std::optional<HttpIntakeSettings>* out) {
  if (!r.IsMap(node, "http")) return;
  r.CheckKeys(node, "http",
              {"path", "topic", "bearer_token_sha256", "signature_secret_file", "signature_header", "max_body_bytes",
               "max_pending_events", "ack_timeout", "webhooks"});
  HttpIntakeSettings http;
  if (node["path"] && r.Scalar(node["path"], "path", &http.path) && (http.path.empty() || http.path[0] != '/')) {
    r.Error(node["path"], "path is where events are POSTed, starting with /, e.g. /v1/events");
  }
  if (node["topic"]) r.Scalar(node["topic"], "topic", &http.topic);
  if (node["bearer_token_sha256"]) {
    r.StringList(node["bearer_token_sha256"], "bearer_token_sha256", &http.bearer_token_sha256);
    for (const std::string& hash : http.bearer_token_sha256) {
      if (hash.size() != 64 || hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
        r.Error(node["bearer_token_sha256"],
                "bearer_token_sha256 holds SHA-256 digests in lower-case hex (printf %s TOKEN | sha256sum)");
        break;
      }
    }
  }
  if (node["signature_secret_file"]) r.Scalar(node["signature_secret_file"], "signature_secret_file", &http.signature_secret_file);
  if (node["signature_header"]) r.Scalar(node["signature_header"], "signature_header", &http.signature_header);
  if (http.bearer_token_sha256.empty() && http.signature_secret_file.empty()) {
    r.Error(node, "http intake needs bearer_token_sha256 or signature_secret_file: nobody may post events "
                  "unauthenticated");
  }
  r.Count(node, "max_body_bytes", 1024, &http.max_body_bytes);
  r.Count(node, "max_pending_events", 1, &http.max_pending_events);
  r.Duration(node, "ack_timeout", &http.ack_timeout);
  if (http.ack_timeout <= absl::ZeroDuration()) r.Error(node["ack_timeout"], "ack_timeout must be more than 0");
  if (node["webhooks"]) ReadWebhooks(r, node["webhooks"], http, &http.webhooks);
  *out = std::move(http);
}

}  // namespace

void ReadCollectorSettings(YamlReader& r, const YAML::Node& node, CollectorSettings* settings) {
  if (!r.IsMap(node, "collectors")) return;
  r.CheckKeys(node, "collectors", {"queue_logs", "http"});
  if (node["http"]) ReadHttpIntake(r, node["http"], &settings->http);
  std::set<std::string> names;
  if (const YAML::Node logs = node["queue_logs"]) {
    if (!logs.IsSequence()) {
      r.Error(logs, "queue_logs must be a list of queue logs to follow");
      return;
    }
    for (const YAML::Node& log : logs) ReadQueueLog(r, log, &names, &settings->queue_logs);
  }
}

}  // namespace ontime

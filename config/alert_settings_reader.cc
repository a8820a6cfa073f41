#include "config/alert_settings_reader.h"

#include <algorithm>
#include <set>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace ontime {

const ServiceHours& AlertSettings::HoursOf(const std::string& service) const {
  static const ServiceHours kAnyHour;
  if (auto it = services.find(service); it != services.end()) return it->second;
  if (auto it = services.find("default"); it != services.end()) return it->second;
  return kAnyHour;
}

namespace {

// Levels become label values and receiver names: keep them plain.
bool IsPlainName(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

void ReadLevels(YamlReader& r, const YAML::Node& node, AlertLevels* levels) {
  if (!r.IsMap(node, "levels")) return;
  r.CheckKeys(node, "levels", {"at_risk", "overdue", "escalated", "dip"});
  for (auto [key, out] : {std::pair{"at_risk", &levels->at_risk}, {"overdue", &levels->overdue},
                          {"escalated", &levels->escalated}, {"dip", &levels->dip}}) {
    if (node[key] && r.Scalar(node[key], key, out) && !IsPlainName(*out)) {
      r.Error(node[key], absl::StrCat("level \"", *out,
                                      "\" is a label value: use lower-case letters, digits, _ and -"));
    }
  }
}

void ReadServices(YamlReader& r, const YAML::Node& node, const std::vector<CalendarSpec>& calendars,
                  const AlertLevels& levels, AlertSettings* alerts) {
  if (!r.IsMap(node, "services")) return;
  const std::set<std::string> known_levels = {levels.at_risk, levels.overdue, levels.escalated, levels.dip};
  for (const auto& item : node) {
    const std::string service = item.first.as<std::string>();
    const YAML::Node& entry = item.second;
    if (!r.IsMap(entry, absl::StrCat("services.", service))) continue;
    r.CheckKeys(entry, absl::StrCat("services.", service), {"calendar", "urgent_levels"});
    ServiceHours& hours = alerts->services[service];
    if (entry["calendar"] && r.Scalar(entry["calendar"], "calendar", &hours.calendar) &&
        std::none_of(calendars.begin(), calendars.end(),
                     [&](const CalendarSpec& c) { return c.name == hours.calendar; })) {
      r.Error(entry["calendar"], absl::StrCat("calendar \"", hours.calendar, "\" is not defined under calendars"));
    }
    if (entry["urgent_levels"]) {
      r.StringList(entry["urgent_levels"], "urgent_levels", &hours.urgent_levels);
      for (const std::string& level : hours.urgent_levels) {
        if (!known_levels.contains(level)) {
          r.Error(entry["urgent_levels"],
                  absl::StrCat("urgent level \"", level, "\" is none of the levels (", levels.at_risk, ", ",
                               levels.overdue, ", ", levels.escalated, ", ", levels.dip, ")"));
        }
      }
    }
  }
}

void ReadAlertmanager(YamlReader& r, const YAML::Node& node, AlertmanagerSettings* am) {
  if (!r.IsMap(node, "alertmanager")) return;
  r.CheckKeys(node, "alertmanager", {"url", "resend_every", "group"});
  if (node["url"] && r.Scalar(node["url"], "url", &am->url) && !absl::StartsWith(am->url, "http://") &&
      !absl::StartsWith(am->url, "https://")) {
    r.Error(node["url"], absl::StrCat("url \"", am->url, "\" should start with http:// or https://"));
  }
  r.Duration(node, "resend_every", &am->resend_every);
  if (node["resend_every"] && am->resend_every < absl::Seconds(1)) {
    r.Error(node["resend_every"], "resend_every must be at least 1s");
  }
  if (node["group"] && r.Scalar(node["group"], "group", &am->group) && am->group.empty()) {
    r.Error(node["group"], "group must not be empty");
  }
}

void ReadWebhook(YamlReader& r, const YAML::Node& node, WebhookSettings* webhook) {
  if (!r.IsMap(node, "webhook")) return;
  r.CheckKeys(node, "webhook", {"url", "secret_file", "group"});
  if (node["url"] && r.Scalar(node["url"], "url", &webhook->url) && !absl::StartsWith(webhook->url, "http://") &&
      !absl::StartsWith(webhook->url, "https://")) {
    r.Error(node["url"], absl::StrCat("url \"", webhook->url, "\" should start with http:// or https://"));
  }
  if (node["secret_file"]) r.Scalar(node["secret_file"], "secret_file", &webhook->secret_file);
  if (!webhook->url.empty() && webhook->secret_file.empty()) {
    r.Error(node, "a webhook needs a secret_file holding its signing secret (whsec_<base64>)");
  }
  if (node["group"] && r.Scalar(node["group"], "group", &webhook->group) && webhook->group.empty()) {
    r.Error(node["group"], "group must not be empty");
  }
}

}  // namespace

void ReadAlertSettings(YamlReader& r, const YAML::Node& node, const std::vector<CalendarSpec>& calendars,
                       AlertSettings* alerts) {
  if (!r.IsMap(node, "alerts")) return;
  r.CheckKeys(node, "alerts", {"topic", "levels", "services", "alertmanager", "webhook"});
  if (node["topic"] && r.Scalar(node["topic"], "topic", &alerts->topic) && alerts->topic.empty()) {
    r.Error(node["topic"], "topic must not be empty (leave alerts: out to turn alerts off)");
  }
  if (node["levels"]) ReadLevels(r, node["levels"], &alerts->levels);
  if (node["services"]) ReadServices(r, node["services"], calendars, alerts->levels, alerts);
  if (node["alertmanager"]) ReadAlertmanager(r, node["alertmanager"], &alerts->alertmanager);
  if (node["webhook"]) ReadWebhook(r, node["webhook"], &alerts->webhook);
  if (!alerts->webhook.url.empty() && alerts->topic.empty()) {
    r.Error(node["webhook"], "the webhook deliverer reads the alerts topic: name it in alerts.topic");
  }
  if (!alerts->alertmanager.url.empty() && alerts->topic.empty()) {
    r.Error(node["alertmanager"], "the Alertmanager deliverer reads the alerts topic: name it in alerts.topic");
  }
}

}  // namespace ontime

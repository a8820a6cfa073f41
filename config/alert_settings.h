// The alerts: section: where alerts go, who each escalation level is, and
// in whose opening hours each service's managers are told.
#ifndef ONTIME_CONFIG_ALERT_SETTINGS_H_
#define ONTIME_CONFIG_ALERT_SETTINGS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace ontime {

// Who is told at each state of a contact (CSE 5.2.5: escalate the longer it
// is overdue). The level is a label on the alert, so routing follows it.
struct AlertLevels {
  std::string at_risk = "team_lead";
  std::string overdue = "service_manager";
  // Over its deadline by more than the standard's escalate_after.
  std::string escalated = "head_of_service";
  // A standard dipping below its target.
  std::string dip = "service_manager";
};

// When a service's managers are told.
struct ServiceHours {
  // The calendar whose opening hours (and holidays) alerts go out in; what
  // falls due out of hours goes at the next opening. Empty: any hour.
  std::string calendar;
  // Levels told at any hour (e.g. head_of_service for a service that runs
  // round the clock).
  std::vector<std::string> urgent_levels;
};

struct AlertmanagerSettings {
  // Empty: no Alertmanager deliverer.
  std::string url;
  // Active alerts are sent again this often, each ending a few of these
  // ahead (as Prometheus does), so Alertmanager keeps them while ontimed
  // runs and lets them lapse if it stops for good.
  absl::Duration resend_every = absl::Minutes(1);
  // The consumer group that reads the alerts topic for Alertmanager.
  std::string group = "ontime-alertmanager";
};

// For systems without Alertmanager (a CRM that texts the customer): each
// change of an alert POSTed as JSON, signed (Standard Webhooks), in the
// service's opening hours.
struct WebhookSettings {
  // Empty: no webhook deliverer.
  std::string url;
  // A file holding the signing secret, whsec_<base64 key> (at least 24
  // bytes of key), so no secret is in the config.
  std::string secret_file;
  std::string group = "ontime-webhook";
};

struct AlertSettings {
  // The alerts topic (compacted, keyed by identity). Empty: no alerts are
  // written (signals are still counted).
  std::string topic;
  AlertLevels levels;
  // By service label; "default" for every service not named.
  std::map<std::string, ServiceHours> services;
  AlertmanagerSettings alertmanager;
  WebhookSettings webhook;

  bool enabled() const { return !topic.empty(); }
  // The hours of `service` (its own entry, else "default", else any hour).
  const ServiceHours& HoursOf(const std::string& service) const;
};

}  // namespace ontime

#endif  // ONTIME_CONFIG_ALERT_SETTINGS_H_

#include "alerts/alert_book.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "statements/outcome_json.h"

namespace ontime {
namespace {

std::string AlertName(const v1::Alert& alert) {
  if (alert.kind() == v1::Alert::DIP) return "OntimeStandardDip";
  if (alert.state() == "at_risk") return "OntimeContactAtRisk";
  if (alert.state() == "escalated") return "OntimeContactEscalated";
  return "OntimeContactOverdue";
}

void Field(std::string& out, const char* name, const std::string& value) {
  if (value.empty()) return;
  if (out.back() != '{') out += ",";
  absl::StrAppend(&out, JsonString(name), ":", JsonString(value));
}

}  // namespace

std::string AlertBook::AlertmanagerJson(const v1::Alert& alert, absl::Time ends_at) {
  // Labels: the same for every record of one identity, and bounded values
  // only (never a summary), so Alertmanager merges re-sends and groups by
  // service and level.
  std::string out = "{\"labels\":{";
  Field(out, "alertname", AlertName(alert));
  Field(out, "source", "ontime");
  Field(out, "service", alert.service());
  Field(out, "level", alert.level());
  Field(out, "standard", alert.standard_id());
  if (alert.kind() == v1::Alert::CONTACT) {
    Field(out, "channel", alert.channel());
    Field(out, "contact", alert.contact_reference());
    Field(out, "episode", absl::StrCat(alert.episode()));
  } else {
    Field(out, "window", alert.window());
  }
  out += "},\"annotations\":{";
  Field(out, "summary", alert.summary());
  Field(out, "standard_wording", alert.standard_wording());
  Field(out, "due_by", alert.due_by_text());
  Field(out, "identity", alert.identity());
  if (alert.status() == v1::Alert::WITHDRAWN) Field(out, "withdrawn", alert.reason());
  if (alert.status() == v1::Alert::RESOLVED) Field(out, "resolved", alert.reason());
  out += "}";
  if (alert.since_us() != 0) absl::StrAppend(&out, ",\"startsAt\":", Rfc3339(absl::FromUnixMicros(alert.since_us())));
  const absl::Time ends = alert.status() == v1::Alert::FIRING ? ends_at : absl::FromUnixMicros(alert.ended_us());
  absl::StrAppend(&out, ",\"endsAt\":", Rfc3339(ends), "}");
  return out;
}

void AlertBook::Apply(const v1::Alert& alert, AlertPosition position, bool deliver, absl::Time read_at) {
  const std::string& id = alert.identity();
  if (alert.status() == v1::Alert::FIRING) {
    firing_[id] = alert;
    endings_.erase(id);
    if (deliver) undelivered_.emplace(id, Read{read_at, position});
    return;
  }
  firing_.erase(id);
  undelivered_.erase(id);
  // Owed even if this book never saw it fire (its firing record compacted
  // away): the receiver may have it from before a restart. Endings before
  // the committed offset were delivered then.
  if (deliver) endings_[id] = {alert, Read{read_at, position}};
}

std::vector<std::string> AlertBook::TakeBodies(absl::Time ends_at, size_t per_body) {
  in_flight_new_.clear();
  in_flight_endings_.clear();
  std::vector<std::string> bodies;
  std::string body;
  size_t in_body = 0;
  auto add = [&](const v1::Alert& alert) {
    body += in_body == 0 ? "[" : ",";
    body += AlertmanagerJson(alert, ends_at);
    if (++in_body == per_body) {
      bodies.push_back(body + "]");
      body.clear();
      in_body = 0;
    }
  };
  // Sorted by identity: the same book gives the same bodies.
  std::vector<const v1::Alert*> alerts;
  alerts.reserve(firing_.size());
  for (const auto& [id, alert] : firing_) alerts.push_back(&alert);
  std::sort(alerts.begin(), alerts.end(),
            [](const v1::Alert* a, const v1::Alert* b) { return a->identity() < b->identity(); });
  for (const v1::Alert* alert : alerts) add(*alert);
  for (const auto& [id, read] : undelivered_) in_flight_new_.push_back(id);
  for (const auto& [id, ending] : endings_) {
    add(ending.first);
    in_flight_endings_.emplace_back(id, ending.first.SerializeAsString());
  }
  if (in_body > 0) bodies.push_back(body + "]");
  return bodies;
}

std::vector<OutboundRequest> AlertBook::TakeRequests(absl::Time now, bool resend) {
  std::vector<OutboundRequest> requests;
  if (!resend && undelivered() == 0) return requests;
  for (std::string& body : TakeBodies(now + 4 * resend_every_, kAlertsPerBody)) {
    requests.push_back({std::move(body), {}});
  }
  return requests;
}

void AlertBook::Delivered() {
  for (const std::string& id : in_flight_new_) undelivered_.erase(id);
  for (const auto& [id, bytes] : in_flight_endings_) {
    // Only the ending that went out: a newer record of the same identity
    // read meanwhile is still owed.
    auto it = endings_.find(id);
    if (it != endings_.end() && it->second.first.SerializeAsString() == bytes) endings_.erase(it);
  }
  in_flight_new_.clear();
  in_flight_endings_.clear();
}

absl::Time AlertBook::oldest_undelivered() const {
  absl::Time oldest = absl::InfiniteFuture();
  for (const auto& [id, read] : undelivered_) oldest = std::min(oldest, read.at);
  for (const auto& [id, ending] : endings_) oldest = std::min(oldest, ending.second.at);
  return oldest;
}

std::optional<int64_t> AlertBook::LowestOwed(int32_t partition) const {
  std::optional<int64_t> lowest;
  auto consider = [&](const Read& read) {
    if (read.position.partition == partition && (!lowest || read.position.offset < *lowest)) {
      lowest = read.position.offset;
    }
  };
  for (const auto& [id, read] : undelivered_) consider(read);
  for (const auto& [id, ending] : endings_) consider(ending.second);
  return lowest;
}

}  // namespace ontime

#include "alerts/webhook_outbox.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "alerts/service_hours.h"
#include "statements/outcome_json.h"

namespace ontime {
namespace {

std::string WebhookType(const v1::Alert& alert) {
  switch (alert.status()) {
    case v1::Alert::RESOLVED:
      return "alert.resolved";
    case v1::Alert::WITHDRAWN:
      return "alert.withdrawn";
    default:
      return "alert.firing";
  }
}

void Field(std::string& out, const char* name, const std::string& value) {
  if (value.empty()) return;
  absl::StrAppend(&out, out.back() == '{' ? "" : ",", JsonString(name), ":", JsonString(value));
}

void Time(std::string& out, const char* name, int64_t us) {
  if (us == 0) return;
  absl::StrAppend(&out, out.back() == '{' ? "" : ",", JsonString(name), ":", Rfc3339(absl::FromUnixMicros(us)));
}

}  // namespace

absl::StatusOr<std::unique_ptr<WebhookOutbox>> WebhookOutbox::Create(const AlertSettings& settings,
                                                                     const std::vector<CalendarSpec>& calendars,
                                                                     const std::string& secret) {
  std::string_view encoded = secret;
  while (!encoded.empty() && (encoded.back() == '\n' || encoded.back() == '\r' || encoded.back() == ' ')) {
    encoded.remove_suffix(1);
  }
  if (!encoded.starts_with("whsec_")) {
    return absl::InvalidArgumentError("the webhook secret should look like whsec_<base64>, as Standard Webhooks writes it");
  }
  encoded.remove_prefix(6);
  std::string key;
  if (!absl::Base64Unescape(std::string(encoded), &key) || key.size() < 24) {
    return absl::InvalidArgumentError("the webhook secret's key is not base64 of at least 24 bytes");
  }
  auto outbox = std::unique_ptr<WebhookOutbox>(new WebhookOutbox(settings, std::move(key)));
  for (const CalendarSpec& spec : calendars) outbox->calendars_[spec.name] = std::make_unique<Calendar>(spec);
  return outbox;
}

std::string WebhookOutbox::MessageId(const v1::Alert& alert) {
  const std::string what = absl::StrCat(alert.identity(), "/", v1::Alert::Status_Name(alert.status()));
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(what.data()), what.size(), digest);
  return absl::StrCat("msg_", absl::BytesToHexString(std::string(reinterpret_cast<const char*>(digest), 16)));
}

std::string WebhookOutbox::Sign(const std::string& id, int64_t timestamp, const std::string& body) const {
  const std::string content = absl::StrCat(id, ".", timestamp, ".", body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()), reinterpret_cast<const unsigned char*>(content.data()),
       content.size(), mac, &length);
  return absl::StrCat("v1,", absl::Base64Escape(std::string(reinterpret_cast<const char*>(mac), length)));
}

std::string WebhookOutbox::Body(const v1::Alert& alert, absl::Time now) {
  std::string data = "{";
  Field(data, "identity", alert.identity());
  Field(data, "kind", alert.kind() == v1::Alert::DIP ? "dip" : "contact");
  Field(data, "status", absl::AsciiStrToLower(v1::Alert::Status_Name(alert.status())));
  Field(data, "state", alert.state());
  Field(data, "level", alert.level());
  Field(data, "service", alert.service());
  Field(data, "standard", alert.standard_id());
  Field(data, "standard_wording", alert.standard_wording());
  Field(data, "contact_reference", alert.contact_reference());
  Field(data, "channel", alert.channel());
  if (alert.kind() == v1::Alert::CONTACT) absl::StrAppend(&data, ",\"episode\":", alert.episode());
  Field(data, "due_by", alert.due_by_text());
  Time(data, "due_by_time", alert.due_by_us());
  Time(data, "since", alert.since_us());
  Time(data, "ended", alert.ended_us());
  Field(data, "reason", alert.reason());
  Field(data, "summary", alert.summary());
  data += "}";
  return absl::StrCat("{\"type\":", JsonString(WebhookType(alert)), ",\"timestamp\":", Rfc3339(now), ",\"data\":", data,
                      "}");
}

absl::Time WebhookOutbox::DueAt(const v1::Alert& alert, absl::Time read_at) const {
  const ServiceHours& hours = settings_.HoursOf(alert.service());
  if (hours.calendar.empty() ||
      std::find(hours.urgent_levels.begin(), hours.urgent_levels.end(), alert.level()) != hours.urgent_levels.end()) {
    return read_at;
  }
  auto it = calendars_.find(hours.calendar);
  return it == calendars_.end() ? read_at : NextOpenInstant(*it->second, read_at);
}

void WebhookOutbox::Apply(const v1::Alert& alert, AlertPosition position, bool deliver, absl::Time read_at) {
  if (alert.status() == v1::Alert::FIRING) {
    firing_.insert(alert.identity());
  } else {
    firing_.erase(alert.identity());
    // Its firing still held (out of hours, or not yet sent): neither goes.
    bool cancelled = false;
    for (auto it = owed_.begin(); it != owed_.end();) {
      const bool in_flight = std::find(in_flight_.begin(), in_flight_.end(), it->first) != in_flight_.end();
      if (!in_flight && it->second.alert.identity() == alert.identity()) {
        it = owed_.erase(it);
        cancelled = true;
      } else {
        ++it;
      }
    }
    if (cancelled) return;
  }
  if (!deliver) return;
  owed_[next_sequence_++] = {alert, read_at, position, DueAt(alert, read_at)};
}

std::vector<OutboundRequest> WebhookOutbox::TakeRequests(absl::Time now, bool) {
  in_flight_.clear();
  std::vector<OutboundRequest> requests;
  const int64_t timestamp = absl::ToUnixSeconds(now);
  for (const auto& [sequence, owed] : owed_) {
    if (owed.due_at > now) continue;
    const std::string id = MessageId(owed.alert);
    std::string body = Body(owed.alert, now);
    std::string signature = Sign(id, timestamp, body);
    requests.push_back({std::move(body),
                        {{"webhook-id", id}, {"webhook-timestamp", absl::StrCat(timestamp)}, {"webhook-signature", std::move(signature)}}});
    in_flight_.push_back(sequence);
    if (requests.size() == kPerRound) break;
  }
  return requests;
}

void WebhookOutbox::Delivered() {
  for (uint64_t sequence : in_flight_) owed_.erase(sequence);
  in_flight_.clear();
}

absl::Time WebhookOutbox::NextDue(absl::Time now) const {
  absl::Time next = absl::InfiniteFuture();
  for (const auto& [sequence, owed] : owed_) {
    if (owed.due_at > now) next = std::min(next, owed.due_at);
  }
  return next;
}

std::optional<int64_t> WebhookOutbox::LowestOwed(int32_t partition) const {
  std::optional<int64_t> lowest;
  for (const auto& [sequence, owed] : owed_) {
    if (owed.position.partition == partition && (!lowest || owed.position.offset < *lowest)) {
      lowest = owed.position.offset;
    }
  }
  return lowest;
}

absl::Time WebhookOutbox::oldest_undelivered() const {
  absl::Time oldest = absl::InfiniteFuture();
  for (const auto& [sequence, owed] : owed_) oldest = std::min(oldest, owed.read_at);
  return oldest;
}

}  // namespace ontime

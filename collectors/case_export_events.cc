#include "collectors/case_export_events.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/time_util.h"

namespace ontime {

namespace {

void SetTime(absl::Time time, google::protobuf::Timestamp* out) {
  *out = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(time));
}

// Debian's abseil has its own string_view: the two meet only here.
std::string_view Std(absl::string_view s) { return {s.data(), s.size()}; }
absl::string_view Absl(std::string_view s) { return {s.data(), s.size()}; }

std::string_view Field(const std::vector<std::string>& row, int index) {
  return index < 0 ? std::string_view() : Std(absl::StripAsciiWhitespace(row[static_cast<size_t>(index)]));
}

}  // namespace

LocalTimeKind LocalToInstant(absl::CivilSecond civil, absl::TimeZone zone, bool date_only, absl::Time* out) {
  const absl::TimeZone::TimeInfo info = zone.At(civil);
  switch (info.kind) {
    case absl::TimeZone::TimeInfo::UNIQUE:
      *out = info.pre;
      return LocalTimeKind::kUnique;
    case absl::TimeZone::TimeInfo::SKIPPED:
      // The day begins when the clock jumps past its midnight.
      *out = info.trans;
      return date_only ? LocalTimeKind::kUnique : LocalTimeKind::kSkipped;
    case absl::TimeZone::TimeInfo::REPEATED:
      // The day begins at the first of its two midnights.
      *out = info.pre;
      return date_only ? LocalTimeKind::kUnique : LocalTimeKind::kRepeated;
  }
  return LocalTimeKind::kSkipped;
}

CaseExportEvents::CaseExportEvents(const CaseImportMapping& mapping) : mapping_(mapping) {}

absl::Status CaseExportEvents::UseHeader(const std::vector<std::string>& header) {
  header_size_ = header.size();
  std::vector<std::string> missing;
  const auto find = [&](const std::string& column) {
    if (column.empty()) return -1;
    for (size_t i = 0; i < header.size(); ++i) {
      // A byte-order mark before the first name is the export's, not the name's.
      std::string_view name = header[i];
      if (i == 0 && name.substr(0, 3) == "\xEF\xBB\xBF") name.remove_prefix(3);
      if (Std(absl::StripAsciiWhitespace(Absl(name))) == column) return static_cast<int>(i);
    }
    if (std::find(missing.begin(), missing.end(), column) == missing.end()) missing.push_back(column);
    return -1;
  };
  contact_id_ = find(mapping_.contact_id.column);
  received_ = find(mapping_.received.column);
  first_response_ = find(mapping_.first_response.column);
  resolved_ = find(mapping_.resolved.column);
  skip_.clear();
  for (const SkipRule& rule : mapping_.skip) skip_.push_back(find(rule.column));
  channel_ = find(mapping_.channel.column);
  contact_type_ = find(mapping_.contact_type.column);
  service_ = find(mapping_.service.column);
  site_ = find(mapping_.site.column);
  customer_group_ = find(mapping_.customer_group.column);
  priority_ = find(mapping_.priority.column);
  attributes_.clear();
  for (const auto& [name, rule] : mapping_.attributes) attributes_.emplace_back(&name, find(rule.column));
  if (!missing.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("the header has no column ", absl::StrJoin(missing, ", "),
                                                   " (the mapping ", mapping_.file, " reads it)"));
  }
  return absl::OkStatus();
}

bool CaseExportEvents::Value(const ColumnValue& rule, int index, const std::vector<std::string>& row,
                             std::string_view what, std::string* out, CaseRowUse* refusal) const {
  if (rule.column.empty()) {
    *out = rule.constant;
    return true;
  }
  const std::string_view text = Field(row, index);
  if (rule.values.empty()) {
    out->assign(text);
    return true;
  }
  if (auto it = rule.values.find(std::string(text)); it != rule.values.end()) {
    *out = it->second;
    return true;
  }
  if (rule.has_otherwise) {
    *out = rule.otherwise;
    return true;
  }
  *refusal = {"unlisted_value", absl::StrCat(Absl(what), ": column ", rule.column, " holds \"", Absl(text),
                                             "\", which the mapping's values do not list")};
  return false;
}

bool CaseExportEvents::Time(const TimeColumn& rule, int index, const std::vector<std::string>& row,
                            std::string_view what, absl::Time* out, bool* present, CaseRowUse* refusal) const {
  const std::string_view text = Field(row, index);
  *present = !text.empty();
  if (text.empty()) return true;
  std::string error;
  absl::Time parsed;
  if (!absl::ParseTime(rule.format, std::string(text), absl::UTCTimeZone(), &parsed, &error)) {
    *refusal = {"bad_time", absl::StrCat(Absl(what), ": column ", rule.column, " holds \"", Absl(text), "\", not a time in ",
                                         rule.format, " (", error, ")")};
    return false;
  }
  if (rule.absolute) {
    *out = parsed;
    return true;
  }
  const absl::CivilSecond civil = absl::ToCivilSecond(parsed, absl::UTCTimeZone());
  absl::Time instant;
  switch (LocalToInstant(civil, mapping_.time_zone, rule.date_only, &instant)) {
    case LocalTimeKind::kUnique:
      // Sub-second digits (%E*S) survive the trip through civil time.
      *out = instant + (parsed - absl::FromCivil(civil, absl::UTCTimeZone()));
      return true;
    case LocalTimeKind::kSkipped:
      *refusal = {"skipped_local_time", absl::StrCat(Absl(what), " ", Absl(text), " never happened in ", mapping_.time_zone_name,
                                                     ": the clocks went forward past it")};
      return false;
    case LocalTimeKind::kRepeated:
      *refusal = {"repeated_local_time",
                  absl::StrCat(Absl(what), " ", Absl(text), " happened twice in ", mapping_.time_zone_name,
                               " (the clocks went back): the export does not say which")};
      return false;
  }
  return false;
}

std::string_view CaseExportEvents::ContactId(const std::vector<std::string>& row) const {
  return row.size() == header_size_ ? Field(row, contact_id_) : std::string_view();
}

CaseRowUse CaseExportEvents::Convert(const std::vector<std::string>& row,
                                     google::protobuf::RepeatedPtrField<v1::ContactEvent>* events) const {
  if (row.size() != header_size_) {
    return {"wrong_field_count", absl::StrCat("the row has ", row.size(), " fields, the header ", header_size_)};
  }
  const std::string_view id = Field(row, contact_id_);
  if (id.empty()) return {"missing_contact_id", absl::StrCat("column ", mapping_.contact_id.column, " is empty")};
  for (size_t i = 0; i < mapping_.skip.size(); ++i) {
    const std::string_view value = Field(row, skip_[i]);
    const std::vector<std::string>& values = mapping_.skip[i].values;
    if (std::find(values.begin(), values.end(), value) != values.end()) {
      return {"skipped", absl::StrCat(mapping_.skip[i].column, " is ", Absl(value))};
    }
  }
  CaseRowUse refusal;
  absl::Time received, responded, resolved;
  bool has_received = false, has_responded = false, has_resolved = false;
  if (!Time(mapping_.received, received_, row, "received", &received, &has_received, &refusal)) return refusal;
  if (!has_received) return {"missing_received", absl::StrCat("column ", mapping_.received.column, " is empty")};
  if (!Time(mapping_.first_response, first_response_, row, "first_response", &responded, &has_responded,
            &refusal) ||
      !Time(mapping_.resolved, resolved_, row, "resolved", &resolved, &has_resolved, &refusal)) {
    return refusal;
  }
  if (has_resolved && resolved < received) {
    return {"resolved_before_received",
            absl::StrCat("resolved ", Absl(Field(row, resolved_)), " is before received ", Absl(Field(row, received_)))};
  }
  // Every value first, so a refused row adds no event.
  std::string channel_name, contact_type, service, site, customer_group, priority;
  if (!Value(mapping_.channel, channel_, row, "channel", &channel_name, &refusal) ||
      !Value(mapping_.contact_type, contact_type_, row, "contact_type", &contact_type, &refusal) ||
      !Value(mapping_.service, service_, row, "service", &service, &refusal) ||
      !Value(mapping_.site, site_, row, "site", &site, &refusal) ||
      !Value(mapping_.customer_group, customer_group_, row, "customer_group", &customer_group, &refusal) ||
      !Value(mapping_.priority, priority_, row, "priority", &priority, &refusal)) {
    return refusal;
  }
  std::vector<std::pair<const std::string*, std::string>> attributes;
  for (const auto& [name, index] : attributes_) {
    std::string value;
    if (!Value(mapping_.attributes.at(*name), index, row, *name, &value, &refusal)) return refusal;
    if (!value.empty()) attributes.emplace_back(name, std::move(value));
  }
  Channel channel = Channel::kUnspecified;
  ParseChannel(channel_name, &channel);  // the mapping's reader checked every name it can give

  v1::ContactEvent* event = events->Add();
  event->set_event_id(absl::StrCat(Absl(id), ":received"));
  event->set_contact_id(std::string(id));
  event->set_type(v1::EVENT_TYPE_RECEIVED);
  SetTime(received, event->mutable_event_time());
  event->set_channel(static_cast<v1::Channel>(channel));
  event->set_contact_type(std::move(contact_type));
  event->set_service(std::move(service));
  event->set_site(std::move(site));
  event->set_customer_group(std::move(customer_group));
  event->set_priority(std::move(priority));
  for (auto& [name, value] : attributes) (*event->mutable_attributes())[*name] = std::move(value);
  const auto add = [&](std::string_view suffix, v1::EventType type, absl::Time time) {
    v1::ContactEvent* e = events->Add();
    e->set_event_id(absl::StrCat(Absl(id), Absl(suffix)));
    e->set_contact_id(std::string(id));
    e->set_type(type);
    SetTime(time, e->mutable_event_time());
  };
  if (has_responded) add(":first_response", v1::EVENT_TYPE_FIRST_RESPONSE, responded);
  if (has_resolved) add(":resolved", v1::EVENT_TYPE_RESOLVED, resolved);
  return {"contact", {}};
}

}  // namespace ontime

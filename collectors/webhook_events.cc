#include "collectors/webhook_events.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>
#include <simdjson.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "collectors/case_export_events.h"
#include "collectors/json_event_decoder.h"
#include "engine/event.h"
#include "ontime/v1/contact_event.pb.h"

namespace ontime {

struct WebhookEvents::Body {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  std::string pointer;
  absl::Time arrived;

  // The value at a dotted path as text: a string as it is, a number or a
  // boolean as JSON writes it, null or nothing as "".
  std::string At(const std::string& path) {
    if (path == "@arrived") return absl::FormatTime(absl::RFC3339_full, arrived, absl::UTCTimeZone());
    pointer.clear();
    for (char c : "/" + path) {
      if (c == '.') {
        pointer.push_back('/');
      } else if (c == '~') {
        pointer += "~0";
      } else if (c == '/' && !pointer.empty()) {
        pointer += "~1";
      } else {
        pointer.push_back(c);
      }
    }
    simdjson::dom::element value;
    if (root.at_pointer(pointer).get(value)) return {};
    std::string_view text;
    if (value.get_string().get(text) == simdjson::SUCCESS) return std::string(text);
    if (value.is_null()) return {};
    return simdjson::minify(value);
  }

  // Empty when any path in it is absent, null or empty: "zammad-{ticket.id}"
  // for a body without a ticket id is no id at all, not "zammad-".
  std::string Fill(const Template& t) {
    std::string out;
    for (const Template::Part& part : t.parts) {
      if (!part.is_path) {
        out += part.text;
        continue;
      }
      const std::string value = At(part.text);
      if (value.empty()) return {};
      out += value;
    }
    return out;
  }
};

namespace {

// Evaluates an expression; false (with the refusal) when a lookup's value
// is not listed and there is no otherwise.
template <typename Body>
bool Evaluate(Body& body, const FieldExpression& e, std::string_view what, std::string* out, WebhookResult* refusal) {
  switch (e.kind) {
    case FieldExpression::Kind::kTemplate:
      *out = body.Fill(e.from);
      return true;
    case FieldExpression::Kind::kLookup: {
      const std::string value = body.Fill(e.from);
      if (e.values.empty()) {
        *out = value.empty() && e.otherwise ? *e.otherwise : value;
        return true;
      }
      if (auto it = e.values.find(value); it != e.values.end()) {
        *out = it->second;
        return true;
      }
      if (e.otherwise) {
        *out = *e.otherwise;
        return true;
      }
      refusal->reason = "unlisted_value";
      refusal->detail = absl::StrCat(std::string(what), ": \"", value, "\" is not among the mapping's values");
      return false;
    }
    case FieldExpression::Kind::kCases:
      for (const FieldExpression::Case& c : e.cases) {
        const bool holds = std::all_of(c.when.begin(), c.when.end(), [&](const auto& condition) {
          const std::string value = body.At(condition.first);
          return std::find(condition.second.begin(), condition.second.end(), value) != condition.second.end();
        });
        if (holds) {
          *out = body.Fill(c.then);
          return true;
        }
      }
      refusal->reason = "unlisted_value";
      refusal->detail = absl::StrCat(std::string(what), ": no case of the mapping holds for this body");
      return false;
  }
  return false;
}

WebhookResult Refuse(std::string_view reason, std::string detail) {
  return {.ok = false, .skipped = false, .event_json = {}, .reason = reason, .detail = std::move(detail)};
}

}  // namespace

WebhookEvents::WebhookEvents(const WebhookMapping& mapping) : mapping_(mapping), body_(std::make_unique<Body>()) {}
WebhookEvents::~WebhookEvents() = default;

WebhookResult WebhookEvents::Convert(std::string_view text, absl::Time arrived) {
  body_->arrived = arrived;
  if (auto error = body_->parser.parse(text.data(), text.size()).get(body_->root); error) {
    return Refuse("not_json", absl::StrCat("the body is not JSON: ", simdjson::error_message(error)));
  }
  WebhookResult refusal;
  v1::ContactEvent event;
  std::string value;
  const auto field = [&](const FieldExpression& e, std::string_view what, bool required) {
    if (!Evaluate(*body_, e, what, &value, &refusal)) return false;
    if (required && value.empty()) {
      refusal.reason = "missing_field";
      refusal.detail = absl::StrCat(std::string(what), " is empty for this body");
      return false;
    }
    return true;
  };
  if (!field(mapping_.event_id, "event_id", true)) return refusal;
  event.set_event_id(value);
  if (!field(mapping_.contact_id, "contact_id", true)) return refusal;
  event.set_contact_id(value);
  if (!field(mapping_.type, "type", true)) return refusal;
  if (value == "skip") return {.ok = false, .skipped = true, .event_json = {}, .reason = {}, .detail = {}};
  EventType type;
  if (!ParseEventType(value, &type)) return Refuse("unlisted_value", absl::StrCat("type \"", value, "\" is not an event type"));
  event.set_type(static_cast<v1::EventType>(static_cast<int>(type)));
  if (!field(mapping_.event_time.from, "event_time", true)) return refusal;
  absl::Time time;
  if (mapping_.event_time.format.empty()) {
    if (!ParseRfc3339(value, &time)) return Refuse("bad_time", absl::StrCat("event_time \"", value, "\" is not RFC 3339"));
  } else {
    std::string error;
    absl::Time parsed;
    if (!absl::ParseTime(mapping_.event_time.format, value, absl::UTCTimeZone(), &parsed, &error)) {
      return Refuse("bad_time", absl::StrCat("event_time \"", value, "\" is not ", mapping_.event_time.format));
    }
    const absl::CivilSecond civil = absl::ToCivilSecond(parsed, absl::UTCTimeZone());
    switch (LocalToInstant(civil, mapping_.event_time.time_zone, false, &time)) {
      case LocalTimeKind::kUnique:
        break;
      case LocalTimeKind::kSkipped:
        return Refuse("skipped_local_time", absl::StrCat("event_time ", value, " never happened in ",
                                                         mapping_.event_time.time_zone_name));
      case LocalTimeKind::kRepeated:
        return Refuse("repeated_local_time", absl::StrCat("event_time ", value, " happened twice in ",
                                                          mapping_.event_time.time_zone_name));
    }
  }
  *event.mutable_event_time() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(time));
  if (mapping_.channel) {
    if (!field(*mapping_.channel, "channel", false)) return refusal;
    Channel channel = Channel::kUnspecified;
    if (!value.empty() && !ParseChannel(value, &channel)) {
      return Refuse("unlisted_value", absl::StrCat("channel \"", value, "\" is not a channel"));
    }
    event.set_channel(static_cast<v1::Channel>(static_cast<int>(channel)));
  }
  struct Optional {
    const std::optional<FieldExpression>& expression;
    std::string_view name;
    void (v1::ContactEvent::*set)(const std::string&);
  };
  for (const Optional& o : {Optional{mapping_.contact_type, "contact_type", &v1::ContactEvent::set_contact_type},
                            Optional{mapping_.service, "service", &v1::ContactEvent::set_service},
                            Optional{mapping_.site, "site", &v1::ContactEvent::set_site},
                            Optional{mapping_.customer_group, "customer_group", &v1::ContactEvent::set_customer_group},
                            Optional{mapping_.priority, "priority", &v1::ContactEvent::set_priority}}) {
    if (!o.expression) continue;
    if (!field(*o.expression, o.name, false)) return refusal;
    (event.*o.set)(value);
  }
  for (const auto& [name, expression] : mapping_.attributes) {
    if (!field(expression, name, false)) return refusal;
    if (!value.empty()) (*event.mutable_attributes())[name] = value;
  }
  WebhookResult result{.ok = true, .skipped = false, .event_json = {}, .reason = {}, .detail = {}};
  (void)google::protobuf::util::MessageToJsonString(event, &result.event_json,
                                                    google::protobuf::util::JsonPrintOptions());
  return result;
}

}  // namespace ontime

#include "config/webhook_mapping_reader.h"

#include <functional>

#include "absl/strings/str_cat.h"
#include "engine/event.h"

namespace ontime {

bool ParseTemplate(std::string_view text, Template* out, std::string* why) {
  out->parts.clear();
  size_t at = 0;
  while (at < text.size()) {
    const size_t open = text.find('{', at);
    if (open != at) {
      const size_t end = open == std::string_view::npos ? text.size() : open;
      out->parts.push_back({.is_path = false, .text = std::string(text.substr(at, end - at))});
      at = end;
      continue;
    }
    const size_t close = text.find('}', open);
    if (close == std::string_view::npos) {
      *why = "a { is not closed by }";
      return false;
    }
    const std::string path(text.substr(open + 1, close - open - 1));
    if (path.empty() || path.find_first_of("{ ") != std::string::npos) {
      *why = absl::StrCat("{", path, "} is not a path like {ticket.id}");
      return false;
    }
    out->parts.push_back({.is_path = true, .text = path});
    at = close + 1;
  }
  return true;
}

namespace {

// Literal outputs an expression can give, for checking names at load time.
std::vector<std::pair<std::string, YAML::Node>> Literals(const FieldExpression& e, const YAML::Node& node) {
  std::vector<std::pair<std::string, YAML::Node>> out;
  const auto literal = [](const Template& t, std::string* text) {
    for (const Template::Part& p : t.parts) {
      if (p.is_path) return false;
      *text += p.text;
    }
    return true;
  };
  std::string text;
  switch (e.kind) {
    case FieldExpression::Kind::kTemplate:
      if (literal(e.from, &text)) out.emplace_back(text, node);
      break;
    case FieldExpression::Kind::kLookup:
      for (const auto& [from, to] : e.values) out.emplace_back(to, node["values"][from]);
      if (e.otherwise) out.emplace_back(*e.otherwise, node["otherwise"]);
      break;
    case FieldExpression::Kind::kCases:
      for (size_t i = 0; i < e.cases.size(); ++i) {
        text.clear();
        if (literal(e.cases[i].then, &text)) out.emplace_back(text, node[i]["then"]);
      }
      break;
  }
  return out;
}

bool ReadTemplate(YamlReader& r, const YAML::Node& node, std::string_view what, Template* out) {
  std::string text, why;
  if (!r.Scalar(node, what, &text)) return false;
  if (!ParseTemplate(text, out, &why)) {
    r.Error(node, absl::StrCat(std::string(what), " \"", text, "\": ", why));
    return false;
  }
  return true;
}

void ReadExpression(YamlReader& r, const YAML::Node& node, std::string_view what, FieldExpression* out) {
  if (node.IsScalar()) {
    out->kind = FieldExpression::Kind::kTemplate;
    ReadTemplate(r, node, what, &out->from);
    return;
  }
  if (node.IsSequence()) {
    out->kind = FieldExpression::Kind::kCases;
    for (const YAML::Node& c : node) {
      if (!r.IsMap(c, absl::StrCat("a case of ", std::string(what)))) continue;
      r.CheckKeys(c, "a case", {"when", "then"});
      FieldExpression::Case one;
      if (const YAML::Node when = c["when"]) {
        if (r.IsMap(when, "when")) {
          for (const auto& condition : when) {
            std::vector<std::string> values;
            r.StringList(condition.second, "a condition's values", &values);
            one.when.emplace_back(condition.first.Scalar(), std::move(values));
          }
        }
      }
      if (!c["then"]) {
        r.Error(c, "a case needs then: the value when it holds");
      } else {
        ReadTemplate(r, c["then"], "then", &one.then);
      }
      out->cases.push_back(std::move(one));
    }
    if (out->cases.empty()) r.Error(node, absl::StrCat(std::string(what), " has no case"));
    return;
  }
  if (!r.IsMap(node, what)) return;
  r.CheckKeys(node, what, {"from", "values", "otherwise"});
  out->kind = FieldExpression::Kind::kLookup;
  if (!node["from"]) {
    r.Error(node, absl::StrCat(std::string(what), " needs from: the template whose value is looked up"));
  } else {
    ReadTemplate(r, node["from"], "from", &out->from);
  }
  if (const YAML::Node values = node["values"]) {
    if (!values.IsMap()) {
      r.Error(values, "values must map what the body says to what ontime should use");
    } else {
      for (const auto& entry : values) {
        std::string to;
        if (r.Scalar(entry.second, "a value", &to)) out->values[entry.first.Scalar()] = to;
      }
    }
  }
  if (node["otherwise"]) {
    std::string otherwise;
    if (r.Scalar(node["otherwise"], "otherwise", &otherwise)) out->otherwise = otherwise;
  }
}

void CheckNames(YamlReader& r, const FieldExpression& e, const YAML::Node& node, std::string_view what,
                const std::function<bool(const std::string&)>& known, std::string_view example) {
  for (const auto& [name, at] : Literals(e, node)) {
    if (!known(name)) {
      r.Error(at, absl::StrCat(std::string(what), " \"", name, "\" is unknown; write e.g. ", std::string(example)));
    }
  }
}

}  // namespace

void ReadWebhookMapping(YamlReader& r, const YAML::Node& node, WebhookMapping* out) {
  if (!r.IsMap(node, "mapping")) return;
  r.CheckKeys(node, "mapping",
              {"event_id", "contact_id", "type", "event_time", "channel", "contact_type", "service", "site",
               "customer_group", "priority", "attributes"});
  for (const auto& [key, field] : {std::pair<const char*, FieldExpression*>{"event_id", &out->event_id},
                                   {"contact_id", &out->contact_id},
                                   {"type", &out->type}}) {
    if (!node[key]) {
      r.Error(node, absl::StrCat("mapping needs ", key, " (every event has one)"));
    } else {
      ReadExpression(r, node[key], key, field);
    }
  }
  if (node["type"]) {
    CheckNames(r, out->type, node["type"], "type",
               [](const std::string& n) { EventType t; return n == "skip" || ParseEventType(n, &t); },
               "received, resolved, or skip");
  }
  if (const YAML::Node time = node["event_time"]) {
    if (time.IsMap()) {
      r.CheckKeys(time, "event_time", {"from", "format", "time_zone"});
      if (!time["from"]) {
        r.Error(time, "event_time needs from: the template that gives the time");
      } else {
        ReadExpression(r, time["from"], "from", &out->event_time.from);
      }
      if (time["format"]) r.Scalar(time["format"], "format", &out->event_time.format);
      if (time["time_zone"] && r.Scalar(time["time_zone"], "time_zone", &out->event_time.time_zone_name) &&
          !absl::LoadTimeZone(out->event_time.time_zone_name, &out->event_time.time_zone)) {
        r.Error(time["time_zone"], absl::StrCat("time_zone \"", out->event_time.time_zone_name,
                                                "\" is not a zone this machine knows, like Europe/London"));
      }
    } else {
      ReadExpression(r, time, "event_time", &out->event_time.from);
    }
  } else {
    r.Error(node, "mapping needs event_time (every event has one)");
  }
  const auto optional = [&](const char* key, std::optional<FieldExpression>* field) {
    if (!node[key]) return;
    field->emplace();
    ReadExpression(r, node[key], key, &**field);
  };
  optional("channel", &out->channel);
  if (out->channel) {
    CheckNames(r, *out->channel, node["channel"], "channel",
               [](const std::string& n) { Channel c; return ParseChannel(n, &c); }, "email, phone, web_form");
  }
  optional("contact_type", &out->contact_type);
  optional("service", &out->service);
  optional("site", &out->site);
  optional("customer_group", &out->customer_group);
  optional("priority", &out->priority);
  if (const YAML::Node attributes = node["attributes"]) {
    if (r.IsMap(attributes, "attributes")) {
      for (const auto& entry : attributes) {
        ReadExpression(r, entry.second, absl::StrCat("attribute ", entry.first.Scalar()),
                       &out->attributes[entry.first.Scalar()]);
      }
    }
  }
}

}  // namespace ontime

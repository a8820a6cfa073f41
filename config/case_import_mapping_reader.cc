#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "config/case_import_mapping.h"
#include "config/yaml_reader.h"

namespace ontime {

namespace {

// `{column: C}`, `{column: C, values: {...}, otherwise: V}` or `{value: V}`.
void ReadColumnValue(YamlReader& r, const YAML::Node& node, std::string_view what, ColumnValue* out) {
  if (!r.IsMap(node, what)) return;
  r.CheckKeys(node, what, {"column", "value", "values", "otherwise"});
  if (node["column"]) r.Scalar(node["column"], "column", &out->column);
  if (node["value"]) r.Scalar(node["value"], "value", &out->constant);
  if (node["column"] && node["value"]) {
    r.Error(node, absl::StrCat(std::string(what), " takes a column or a value, not both"));
  } else if (!node["column"] && !node["value"]) {
    r.Error(node, absl::StrCat(std::string(what), " needs a column (column: <name>) or a value (value: <text>)"));
  }
  if (const YAML::Node values = node["values"]) {
    if (!values.IsMap()) {
      r.Error(values, "values must map what the export says to what ontime should use, e.g. {Phone call: phone}");
    } else {
      for (const auto& entry : values) {
        std::string to;
        if (r.Scalar(entry.second, "a value", &to)) out->values[entry.first.Scalar()] = to;
      }
    }
  }
  if (node["otherwise"]) {
    out->has_otherwise = r.Scalar(node["otherwise"], "otherwise", &out->otherwise);
    if (!node["values"]) r.Error(node["otherwise"], "otherwise goes with values (what a value not listed becomes)");
  }
}

void ReadTimeColumn(YamlReader& r, const YAML::Node& node, std::string_view what, TimeColumn* out) {
  if (!r.IsMap(node, what)) return;
  r.CheckKeys(node, what, {"column", "format"});
  if (!node["column"] || !r.Scalar(node["column"], "column", &out->column) || out->column.empty()) {
    r.Error(node, absl::StrCat(std::string(what), " needs the column that holds the time: column: <name>"));
  }
  if (node["format"]) r.Scalar(node["format"], "format", &out->format);
  const std::string& f = out->format;
  out->absolute = f.find("%z") != std::string::npos || f.find("%Ez") != std::string::npos ||
                  f.find("%E*z") != std::string::npos || f.find("%Z") != std::string::npos ||
                  f.find("%s") != std::string::npos;
  out->date_only = f.find("%H") == std::string::npos && f.find("%I") == std::string::npos &&
                   f.find("%T") == std::string::npos && f.find("%R") == std::string::npos &&
                   f.find("%s") == std::string::npos && f.find("%c") == std::string::npos;
  if (out->date_only && out->absolute) {
    r.Error(node["format"], "a date with an offset is not a time; give the hour too, or drop the offset");
  }
}

void ReadSkipRules(YamlReader& r, const YAML::Node& node, std::vector<SkipRule>* out) {
  if (!node.IsSequence()) {
    r.Error(node, "skip must be a list, e.g. - {column: source, values: [Employee Generated]}");
    return;
  }
  for (const YAML::Node& rule_node : node) {
    if (!r.IsMap(rule_node, "a skip rule")) continue;
    r.CheckKeys(rule_node, "a skip rule", {"column", "values"});
    SkipRule rule;
    if (!rule_node["column"] || !r.Scalar(rule_node["column"], "column", &rule.column)) {
      r.Error(rule_node, "a skip rule needs the column it looks at: column: <name>");
    }
    if (!rule_node["values"]) {
      r.Error(rule_node, "a skip rule needs the values that mean a row is not a contact: values: [...]");
    } else {
      r.StringList(rule_node["values"], "values", &rule.values);
    }
    out->push_back(std::move(rule));
  }
}

void ReadZone(YamlReader& r, const YAML::Node& root, const LoadedConfig* config, CaseImportMapping* mapping) {
  const YAML::Node zone = root["time_zone"];
  const YAML::Node calendar = root["calendar"];
  if (zone && calendar) {
    r.Error(calendar, "give calendar or time_zone, not both");
    return;
  }
  if (zone) {
    if (r.Scalar(zone, "time_zone", &mapping->time_zone_name) &&
        !absl::LoadTimeZone(mapping->time_zone_name, &mapping->time_zone)) {
      r.Error(zone, absl::StrCat("time_zone \"", mapping->time_zone_name,
                                 "\" is not a zone this machine knows, like Europe/London"));
    }
    return;
  }
  if (config == nullptr || config->engine.calendars.empty()) {
    r.Error(root, "the mapping needs the time zone of the export's times: time_zone: <zone>, or calendar: <name> "
                  "with --config");
    return;
  }
  std::string name;
  if (calendar && !r.Scalar(calendar, "calendar", &name)) return;
  if (name.empty() && config->engine.calendars.size() > 1) {
    r.Error(root, "the config has several calendars: name the one whose time zone the export uses (calendar: <name>)");
    return;
  }
  for (const CalendarSpec& spec : config->engine.calendars) {
    if (name.empty() || spec.name == name) {
      mapping->time_zone = spec.time_zone;
      mapping->time_zone_name = spec.time_zone.name();
      return;
    }
  }
  r.Error(calendar, absl::StrCat("the config has no calendar \"", name, "\""));
}

void ReadMapping(YamlReader& r, YAML::Node root, const LoadedConfig* config, CaseImportMapping* mapping) {
  CaseImportMapping& m = *mapping;
  r.CheckKeys(root, "an import mapping",
              {"contact_id", "calendar", "time_zone", "received", "first_response", "resolved", "skip", "channel",
               "contact_type", "service", "site", "customer_group", "priority", "attributes"});
  if (const YAML::Node id = root["contact_id"]) {
    if (id.IsScalar()) {
      r.Scalar(id, "contact_id", &m.contact_id.column);
    } else {
      ReadColumnValue(r, id, "contact_id", &m.contact_id);
    }
    if (m.contact_id.column.empty()) r.Error(id, "contact_id must be the column that holds the case reference");
  } else {
    r.Error(root, "the mapping needs contact_id: the column that holds the case reference");
  }
  ReadZone(r, root, config, &m);
  if (root["received"]) {
    ReadTimeColumn(r, root["received"], "received", &m.received);
  } else {
    r.Error(root, "the mapping needs received: {column: <name>, format: ...}, when each case arrived");
  }
  if (root["first_response"]) ReadTimeColumn(r, root["first_response"], "first_response", &m.first_response);
  if (root["resolved"]) ReadTimeColumn(r, root["resolved"], "resolved", &m.resolved);
  if (root["skip"]) ReadSkipRules(r, root["skip"], &m.skip);
  if (root["channel"]) {
    ReadColumnValue(r, root["channel"], "channel", &m.channel);
    Channel channel;
    const auto check = [&](const std::string& name, const YAML::Node& at) {
      if (!ParseChannel(name, &channel)) {
        r.Error(at, absl::StrCat("channel \"", name, "\" is unknown; write e.g. phone, email, web_form"));
      }
    };
    if (!m.channel.constant.empty()) check(m.channel.constant, root["channel"]["value"]);
    for (const auto& [from, to] : m.channel.values) check(to, root["channel"]["values"][from]);
    if (m.channel.has_otherwise) check(m.channel.otherwise, root["channel"]["otherwise"]);
    if (!m.channel.column.empty() && m.channel.values.empty()) {
      r.Error(root["channel"], "channel from a column needs values: what each of its values is, e.g. "
                               "{Constituent Call: phone}");
    }
  } else {
    r.Error(root, "the mapping needs channel: {value: <channel>} or {column: <name>, values: {...}}");
  }
  if (root["contact_type"]) {
    ReadColumnValue(r, root["contact_type"], "contact_type", &m.contact_type);
  } else {
    r.Error(root, "the mapping needs contact_type: {column: <name>} or {value: <type>}");
  }
  if (root["service"]) ReadColumnValue(r, root["service"], "service", &m.service);
  if (root["site"]) ReadColumnValue(r, root["site"], "site", &m.site);
  if (root["customer_group"]) ReadColumnValue(r, root["customer_group"], "customer_group", &m.customer_group);
  if (root["priority"]) ReadColumnValue(r, root["priority"], "priority", &m.priority);
  if (const YAML::Node attributes = root["attributes"]) {
    if (r.IsMap(attributes, "attributes")) {
      for (const auto& entry : attributes) {
        ReadColumnValue(r, entry.second, absl::StrCat("attribute ", entry.first.Scalar()),
                        &m.attributes[entry.first.Scalar()]);
      }
    }
  }
}

}  // namespace

CaseImportMappingResult ParseCaseImportMapping(std::string_view yaml, const std::string& file_name,
                                               const LoadedConfig* config) {
  CaseImportMappingResult result;
  result.mapping.file = file_name;
  YamlReader r(file_name);
  YAML::Node root;
  if (!r.Parse(yaml, &root)) {
    result.errors = std::move(r.errors());
    return result;
  }
  if (!root.IsMap()) {
    result.errors.push_back({file_name, 0, 0, "the file is empty or is not a YAML map of settings"});
    return result;
  }
  try {
    ReadMapping(r, root, config, &result.mapping);
  } catch (const YAML::Exception& e) {
    r.Error(e.mark, absl::StrCat("cannot read this: ", e.msg));
  }
  result.errors = std::move(r.errors());
  return result;
}

CaseImportMappingResult LoadCaseImportMapping(const std::string& path, const LoadedConfig* config) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    CaseImportMappingResult result;
    result.errors.push_back({path, 0, 0, "cannot open the file"});
    return result;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseCaseImportMapping(buffer.str(), path, config);
}

}  // namespace ontime

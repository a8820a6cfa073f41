#include "config/config_loader.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "config/alert_settings_reader.h"
#include "config/statement_settings_reader.h"
#include "config/collector_settings_reader.h"
#include "config/calendars_reader.h"
#include "config/daemon_settings_reader.h"
#include "config/standards_reader.h"
#include "config/yaml_reader.h"

namespace ontime {
namespace {

void ReadEngine(YamlReader& r, const YAML::Node& node, EngineConfig* config) {
  if (!r.IsMap(node, "engine")) return;
  r.CheckKeys(node, "engine",
              {"allowed_lateness", "hold_unknown_for", "max_held_contacts",
               "max_events_per_contact", "hourly_retention", "daily_retention",
               "monthly_retention"});
  r.Duration(node, "allowed_lateness", &config->allowed_lateness);
  r.Duration(node, "hold_unknown_for", &config->hold_unknown_for);
  r.Duration(node, "hourly_retention", &config->hourly_retention);
  r.Duration(node, "daily_retention", &config->daily_retention);
  r.Duration(node, "monthly_retention", &config->monthly_retention);
  r.Count(node, "max_held_contacts", 0, &config->max_held_contacts);
  r.Count(node, "max_events_per_contact", 2, &config->max_events_per_contact);
}

}  // namespace

std::string ConfigError::ToString() const {
  if (line == 0) return absl::StrCat(file, ": ", reason);
  return absl::StrCat(file, ":", line, ":", column, ": ", reason);
}

ConfigResult ParseConfig(std::string_view yaml, const std::string& file_name,
                         const std::vector<std::string>& environment) {
  ConfigResult result;
  YamlReader r(file_name);
  YAML::Node root;
  if (!r.Parse(yaml, &root)) {
    result.errors = std::move(r.errors());
    return result;
  }
  try {
    std::vector<std::string> misplaced;
    if (root.IsMap()) result.from_environment = ApplyEnvironmentOverrides(environment, root, &misplaced);
    for (const std::string& problem : misplaced) result.errors.push_back({file_name, 0, 0, "the environment: " + problem});
    if (!misplaced.empty()) return result;
    if (!root.IsMap()) {
      result.errors.push_back({file_name, 0, 0, "the file is empty or is not a YAML map of settings"});
      return result;
    }
    r.CheckKeys(root, "the file",
                {"engine", "calendars", "standards", "kafka", "ingest", "daemon", "simulator", "alerts", "statements", "collectors"});
    ReadDaemonSettings(r, root, &result.config.runtime);
    EngineConfig& config = result.config.engine;
    if (root["engine"]) ReadEngine(r, root["engine"], &config);
    if (root["calendars"]) ReadCalendars(r, root["calendars"], &config.calendars);
    // Read after the calendars: a standard may name only a calendar defined there.
    const YAML::Node standards = root["standards"];
    if (!standards || !standards.IsSequence() || standards.size() == 0) {
      r.Error(standards ? standards : root, "the file needs a list of standards");
    } else {
      ReadStandards(r, standards, config.calendars, &config.standards);
    }
    if (root["alerts"]) ReadAlertSettings(r, root["alerts"], config.calendars, &result.config.alerts);
    if (root["statements"]) ReadStatementSettings(r, root["statements"], &result.config.statements);
    if (root["collectors"]) ReadCollectorSettings(r, root["collectors"], &result.config.collectors);
  } catch (const YAML::Exception& e) {
    r.Error(e.mark, absl::StrCat("unexpected structure: ", e.msg));
  }
  result.errors = std::move(r.errors());
  return result;
}

ConfigResult LoadConfigFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ConfigResult result;
    result.errors.push_back({path, 0, 0, "cannot open the file"});
    return result;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseConfig(buffer.str(), path, ProcessEnvironment());
}

}  // namespace ontime

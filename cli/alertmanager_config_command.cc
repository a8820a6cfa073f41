#include "cli/alertmanager_config_command.h"

#include <fstream>
#include <sstream>

#include "alerts/alert_routes.h"
#include "alerts/alertmanager_config.h"
#include "config/config_loader.h"

namespace ontime {

int RunAlertmanagerConfig(const AlertmanagerConfigOptions& options, std::ostream& out, std::ostream& err) {
  ConfigResult loaded = LoadConfigFile(options.config_path);
  if (!loaded.ok()) {
    for (const ConfigError& e : loaded.errors) err << e.ToString() << "\n";
    return 2;
  }
  if (!loaded.config.alerts.enabled()) {
    err << options.config_path << ": no alerts.topic, so there are no alerts to route\n";
    return 2;
  }
  std::string receivers;
  if (!options.receivers_path.empty()) {
    std::ifstream in(options.receivers_path, std::ios::binary);
    if (!in) {
      err << options.receivers_path << ": cannot open the file\n";
      return 2;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    receivers = buffer.str();
  }
  const AlertRoutes routes = PlanAlertRoutes(loaded.config.alerts, loaded.config.runtime.daemon.service_labels);
  absl::StatusOr<std::string> yaml = AlertmanagerConfig(routes, loaded.config.engine.calendars, receivers);
  if (!yaml.ok()) {
    err << (options.receivers_path.empty() ? options.config_path : options.receivers_path) << ": "
        << yaml.status().message() << "\n";
    return 2;
  }
  if (options.out_path.empty()) {
    out << *yaml;
    return 0;
  }
  std::ofstream file(options.out_path, std::ios::binary | std::ios::trunc);
  file << *yaml;
  file.close();
  if (!file) {
    err << options.out_path << ": cannot write the file\n";
    return 2;
  }
  return 0;
}

}  // namespace ontime

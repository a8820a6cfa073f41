#include "cli/check_config_command.h"

#include <ostream>

#include "alerts/alert_routes.h"
#include "config/config_loader.h"
#include "engine/engine.h"
#include "statements/standard_description.h"

namespace ontime {

int RunCheckConfig(const std::string& path, std::ostream& out, std::ostream& err) {
  ConfigResult loaded = LoadConfigFile(path);
  if (!loaded.ok()) {
    for (const ConfigError& e : loaded.errors) err << e.ToString() << "\n";
    err << loaded.errors.size() << (loaded.errors.size() == 1 ? " error" : " errors")
        << " in " << path << "\n";
    return 2;
  }
  const EngineConfig& config = loaded.config.engine;
  // The engine's own checks (e.g. too many standards on one channel).
  if (auto engine = Engine::Create(config); !engine.ok()) {
    err << path << ": " << engine.status().message() << "\n";
    return 2;
  }
  out << path << ": " << config.standards.size() << " standards, " << config.calendars.size()
      << " calendars\n";
  for (const Standard& standard : config.standards) out << DescribeStandard(standard) << "\n";
  const AlertSettings& alerts = loaded.config.alerts;
  for (const std::string& line :
       DescribeAlertRoutes(alerts, PlanAlertRoutes(alerts, loaded.config.runtime.daemon.service_labels), config)) {
    out << line << "\n";
  }
  return 0;
}

}  // namespace ontime

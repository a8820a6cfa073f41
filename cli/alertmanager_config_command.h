// ontime alertmanager-config --config FILE [--receivers FILE] [--out FILE]:
// the Alertmanager configuration for the config's alerts (routes by service
// and level, digests, service hours from its calendars); see
// alerts/alertmanager_config.h.
#ifndef ONTIME_CLI_ALERTMANAGER_CONFIG_COMMAND_H_
#define ONTIME_CLI_ALERTMANAGER_CONFIG_COMMAND_H_

#include <ostream>
#include <string>

namespace ontime {

struct AlertmanagerConfigOptions {
  std::string config_path;
  // Alertmanager receivers (YAML) to route to; optional.
  std::string receivers_path;
  // Empty: standard output.
  std::string out_path;
};

// Exit code: 0; 2 if the config or receivers file is wrong, or the output
// cannot be written.
int RunAlertmanagerConfig(const AlertmanagerConfigOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ontime

#endif  // ONTIME_CLI_ALERTMANAGER_CONFIG_COMMAND_H_

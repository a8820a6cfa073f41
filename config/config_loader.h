// Reads the standards file (YAML) into an EngineConfig, or says, in words a
// service manager understands, everything that is wrong with it: each error
// names the file, line and column.
//
//   standards.yaml:14:16: threshold "60 secs" is not a duration; write it
//   like 60s, 5m, 4h or 10 working days
//
// yaml-cpp throws; nothing thrown crosses this interface.
#ifndef ONTIME_CONFIG_CONFIG_LOADER_H_
#define ONTIME_CONFIG_CONFIG_LOADER_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "config/alert_settings.h"
#include "config/collector_settings.h"
#include "config/environment_overrides.h"
#include "config/statement_settings.h"
#include "config/daemon_settings.h"
#include "engine/engine_config.h"

namespace ontime {

struct ConfigError {
  std::string file;
  int line = 0;    // 1-based; 0 when the error is about the whole file
  int column = 0;  // 1-based
  std::string reason;

  std::string ToString() const;
};

struct LoadedConfig {
  EngineConfig engine;
  RuntimeSettings runtime;
  AlertSettings alerts;
  StatementSettings statements;
  CollectorSettings collectors;
};

// Either the config, or every error found (never an empty list).
struct ConfigResult {
  LoadedConfig config;
  std::vector<ConfigError> errors;
  // The settings the environment gave (config/environment_overrides.h).
  std::vector<EnvironmentOverride> from_environment;
  bool ok() const { return errors.empty(); }
};

// The file, with the process's ONTIME_ variables over it.
ConfigResult LoadConfigFile(const std::string& path);
// `file_name` is only used in error messages; `environment`: NAME=value
// entries whose ONTIME_ settings override the file's.
ConfigResult ParseConfig(std::string_view yaml, const std::string& file_name,
                         const std::vector<std::string>& environment = {});

}  // namespace ontime

#endif  // ONTIME_CONFIG_CONFIG_LOADER_H_

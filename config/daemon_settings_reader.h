// The daemon's sections of the config file (kafka, ingest, daemon,
// simulator), for config_loader.
#ifndef ONTIME_CONFIG_DAEMON_SETTINGS_READER_H_
#define ONTIME_CONFIG_DAEMON_SETTINGS_READER_H_

#include <yaml-cpp/yaml.h>

#include "config/daemon_settings.h"
#include "config/yaml_reader.h"

namespace ontime {

// Reads whichever of the sections `root` has; the rest keep their defaults.
void ReadDaemonSettings(YamlReader& r, const YAML::Node& root, RuntimeSettings* settings);

}  // namespace ontime

#endif  // ONTIME_CONFIG_DAEMON_SETTINGS_READER_H_

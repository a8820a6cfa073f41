// Reads the collectors: section (see collector_settings.h), with
// file:line:column errors like the rest of the config.
#ifndef ONTIME_CONFIG_COLLECTOR_SETTINGS_READER_H_
#define ONTIME_CONFIG_COLLECTOR_SETTINGS_READER_H_

#include "config/collector_settings.h"
#include "config/yaml_reader.h"
#include "yaml-cpp/yaml.h"

namespace ontime {

void ReadCollectorSettings(YamlReader& r, const YAML::Node& node, CollectorSettings* settings);

}  // namespace ontime

#endif  // ONTIME_CONFIG_COLLECTOR_SETTINGS_READER_H_

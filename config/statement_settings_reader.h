// Reads the statements: section (see statement_settings.h), with
// file:line:column errors like the rest of the config.
#ifndef ONTIME_CONFIG_STATEMENT_SETTINGS_READER_H_
#define ONTIME_CONFIG_STATEMENT_SETTINGS_READER_H_

#include "config/statement_settings.h"
#include "config/yaml_reader.h"

namespace ontime {

void ReadStatementSettings(YamlReader& r, const YAML::Node& node, StatementSettings* settings);

}  // namespace ontime

#endif  // ONTIME_CONFIG_STATEMENT_SETTINGS_READER_H_

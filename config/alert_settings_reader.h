// Reads the alerts: section (see alert_settings.h), with file:line:column
// errors like the rest of the config.
#ifndef ONTIME_CONFIG_ALERT_SETTINGS_READER_H_
#define ONTIME_CONFIG_ALERT_SETTINGS_READER_H_

#include <vector>

#include "config/alert_settings.h"
#include "config/yaml_reader.h"
#include "engine/calendar.h"

namespace ontime {

// `calendars`: those defined in the file, which services' hours may name.
void ReadAlertSettings(YamlReader& r, const YAML::Node& node, const std::vector<CalendarSpec>& calendars,
                       AlertSettings* alerts);

}  // namespace ontime

#endif  // ONTIME_CONFIG_ALERT_SETTINGS_READER_H_

// The calendars section of the config file (time zone, opening hours,
// holidays, cut-off), for config_loader.
#ifndef ONTIME_CONFIG_CALENDARS_READER_H_
#define ONTIME_CONFIG_CALENDARS_READER_H_

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "config/yaml_reader.h"
#include "engine/calendar.h"

namespace ontime {

// Appends each calendar under `node` (the calendars: map) to `calendars`.
void ReadCalendars(YamlReader& r, const YAML::Node& node, std::vector<CalendarSpec>* calendars);

// Whether one of `calendars` is called `name`.
bool HasCalendar(const std::vector<CalendarSpec>& calendars, const std::string& name);

}  // namespace ontime

#endif  // ONTIME_CONFIG_CALENDARS_READER_H_

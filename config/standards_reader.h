// The standards section of the config file (id, wording, applies_to, stage,
// clock, calendar, threshold, target, warn_at, abandoned ...), for
// config_loader.
#ifndef ONTIME_CONFIG_STANDARDS_READER_H_
#define ONTIME_CONFIG_STANDARDS_READER_H_

#include <yaml-cpp/yaml.h>

#include <vector>

#include "config/yaml_reader.h"
#include "engine/calendar.h"
#include "engine/standard.h"

namespace ontime {

// Appends each standard in `node` (the standards: list) to `standards`. A
// standard may only name one of `calendars`, which are read first.
void ReadStandards(YamlReader& r, const YAML::Node& node, const std::vector<CalendarSpec>& calendars,
                   std::vector<Standard>* standards);

}  // namespace ontime

#endif  // ONTIME_CONFIG_STANDARDS_READER_H_

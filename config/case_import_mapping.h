// How a case system's CSV export becomes contact events (`ontime import
// --csv FILE --mapping M`): which column holds the case reference, the
// received, first-response and closed times, and each field the standards
// select on. One row is one contact: RECEIVED at its received time, and
// FIRST_RESPONSE / RESOLVED when those columns hold a time.
//
// A mapping file (deploy/examples/import-boston311.yaml is one):
//
//   contact_id: case_enquiry_id
//   calendar: boston                      # or time_zone: America/New_York
//   received: {column: open_dt, format: "%Y-%m-%d %H:%M:%S"}
//   resolved: {column: closed_dt, format: "%Y-%m-%d %H:%M:%S"}
//   skip: [{column: source, values: [City Worker App, Employee Generated]}]
//   channel: {column: source, values: {Constituent Call: phone, Twitter: social}}
//   service: {column: department}
//   contact_type: {value: Animal request}  # the same for every row
//   attributes: {source: {column: source}}
//
// Times without an offset in their format are wall-clock times in the
// mapping's zone; a format without an hour is a date, read as the start of
// that day there. A wall-clock time the zone skips or repeats (a clock
// change) refuses the row instead of guessing.
#ifndef ONTIME_CONFIG_CASE_IMPORT_MAPPING_H_
#define ONTIME_CONFIG_CASE_IMPORT_MAPPING_H_

#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "config/config_loader.h"
#include "engine/event.h"

namespace ontime {

// Where a field's value comes from: a column, translated through `values`
// when that is given, or one value for every row.
struct ColumnValue {
  std::string column;  // empty: `constant` for every row
  std::string constant;
  // Source value -> the value to use. When given, a value not in it refuses
  // the row (unless `otherwise` is set), so a new source value is noticed.
  std::map<std::string, std::string> values;
  bool has_otherwise = false;
  std::string otherwise;
};

struct TimeColumn {
  std::string column;  // empty: not mapped
  // absl::ParseTime's format (strptime's, plus %Ez, %E*S).
  std::string format = "%Y-%m-%d %H:%M:%S";
  // Set from the format: it carries an offset (%z, %Ez, %Z), so the zone is
  // not needed; it has no hour, so it is a date.
  bool absolute = false;
  bool date_only = false;
};

// Rows whose `column` holds one of `values` are not contacts (staff-raised
// cases, test records): counted as skipped, never sent.
struct SkipRule {
  std::string column;
  std::vector<std::string> values;
};

struct CaseImportMapping {
  std::string file;  // where it was read from, for messages
  ColumnValue contact_id;
  absl::TimeZone time_zone;
  std::string time_zone_name;
  TimeColumn received;
  TimeColumn first_response;
  TimeColumn resolved;
  std::vector<SkipRule> skip;
  // channel's values are channel names (phone, email, web_form, ...),
  // checked when the mapping is read.
  ColumnValue channel;
  ColumnValue contact_type;
  ColumnValue service;
  ColumnValue site;
  ColumnValue customer_group;
  ColumnValue priority;
  std::map<std::string, ColumnValue> attributes;
};

struct CaseImportMappingResult {
  CaseImportMapping mapping;
  std::vector<ConfigError> errors;
  bool ok() const { return errors.empty(); }
};

// `config` gives the calendars a `calendar:` key may name; null when there
// is no config (then the mapping needs `time_zone:`).
CaseImportMappingResult LoadCaseImportMapping(const std::string& path, const LoadedConfig* config);
CaseImportMappingResult ParseCaseImportMapping(std::string_view yaml, const std::string& file_name,
                                               const LoadedConfig* config);

}  // namespace ontime

#endif  // ONTIME_CONFIG_CASE_IMPORT_MAPPING_H_

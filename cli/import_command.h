// `ontime import`: a case system's CSV export (received, first-response and
// closed columns) as contact events, by a mapping file
// (config/case_import_mapping.h), produced to the contact-events topic
// like every collector's (key = contact id, record timestamp = event time;
// idempotent producer, acks=all), or written as JSON lines for
// `ontime replay --events`. Events go in event-time order, so the engine's
// watermark moves as it would have live. Rows it cannot read are refused
// with file:line and reason (and sent to the dead-letter topic), never
// guessed; the rows around them are imported. Importing the same export
// twice counts nothing twice: the event ids come from the case references.
//
//   ontime import --config ontime.yaml --mapping cases.yaml --csv cases-2026-11.csv
//   ontime import --config ontime.yaml --mapping cases.yaml --csv a.csv --csv b.csv --out events.jsonl
#ifndef ONTIME_CLI_IMPORT_COMMAND_H_
#define ONTIME_CLI_IMPORT_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

namespace ontime {

struct ImportOptions {
  std::string config_path;
  std::string mapping_path;
  std::vector<std::string> csv_paths;
  // Overrides kafka.bootstrap.servers.
  std::string brokers;
  // The topic (default: the config's first ingest topic).
  std::string topic;
  // JSON lines here instead of Kafka.
  std::string out_path;
};

// Returns the exit code: 0 (every row imported or skipped by the mapping),
// 65 (some rows were refused; the rest were imported), 1 (a file could not
// be read or the broker did not acknowledge), 64 (usage), 78 (the config
// or the mapping is wrong).
int RunImport(const ImportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ontime

#endif  // ONTIME_CLI_IMPORT_COMMAND_H_

#include "cli/state_command.h"

#include <fstream>

#include "absl/strings/str_format.h"
#include "config/config_loader.h"
#include "engine/engine.h"
#include "engine/figures.h"
#include "cli/checkpointed_engines.h"
#include "statements/figures_report.h"

namespace ontime {

int RunState(const StateOptions& options, std::ostream& out, std::ostream& err) {
  ConfigResult loaded = LoadConfigFile(options.config_path);
  if (!loaded.ok()) {
    for (const ConfigError& e : loaded.errors) err << e.ToString() << "\n";
    return 2;
  }
  RuntimeSettings& settings = loaded.config.runtime;
  if (!options.brokers.empty()) settings.kafka["bootstrap.servers"] = options.brokers;
  if (settings.embedded()) {
    err << "the embedded Kafka lives inside ontimed; give --brokers HOST:PORT of a real cluster\n";
    return 2;
  }
  absl::StatusOr<CheckpointedEngines> loaded_engines = LoadCheckpointedEngines(settings, loaded.config.engine);
  if (!loaded_engines.ok()) {
    err << loaded_engines.status().message() << "\n";
    return 1;
  }
  Figures figures(loaded.config.engine);
  std::map<std::string, uint64_t> dead_letters;
  for (const TopicPartition& tp : loaded_engines->without_checkpoint) {
    out << absl::StrFormat("%s/%d: no checkpoint\n", tp.topic, tp.partition);
  }
  for (const CheckpointedEngine& e : loaded_engines->engines) {
    out << absl::StrFormat("%s/%d: offset %d, checkpoint %d, %d contacts open\n", e.source.topic, e.source.partition,
                           e.next_offset, e.generation, e.engine->open_contacts());
    figures.Add(*e.engine);
    for (const auto& [reason, n] : e.dead_letters_by_reason) dead_letters[reason] += n;
  }
  auto n = [&](Disposition d) { return figures.events(d); };
  out << absl::StrFormat("events: %d applied, %d duplicate, %d late, %d held, %d refused, %d invalid; "
                         "%d contacts orphaned, %d open\n",
                         n(Disposition::kApplied), n(Disposition::kDuplicate), n(Disposition::kLate),
                         n(Disposition::kHeld), n(Disposition::kRefused), n(Disposition::kInvalid),
                         figures.counters().orphans, figures.open_contacts());
  out << "dead letters:";
  for (const auto& [reason, count] : dead_letters) out << " " << reason << " " << count;
  out << (dead_letters.empty() ? " none\n" : "\n");
  PrintSummary(loaded.config.engine.standards, figures.aggregates(), out);
  if (!options.aggregates_path.empty()) {
    std::ofstream file(options.aggregates_path, std::ios::trunc);
    WriteAggregatesJson(figures.aggregates(), file);
    if (!file.flush()) {
      err << "cannot write " << options.aggregates_path << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace ontime

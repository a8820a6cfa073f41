#include "cli/replay_command.h"

#include <fstream>
#include <ostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/event_replay.h"
#include "config/config_loader.h"
#include "engine/engine.h"
#include "engine/figures.h"
#include "statements/figures_report.h"
#include "statements/outcome_json.h"

namespace ontime {

int RunReplay(const ReplayOptions& options, std::ostream& out, std::ostream& err) {
  std::optional<LoadedConfig> config = LoadConfigForEngines(options.config_path, err);
  if (!config) return 2;
  LoadedConfig& loaded_config = *config;
  std::ofstream outcomes;
  if (!options.outcomes_path.empty()) {
    outcomes.open(options.outcomes_path, std::ios::trunc);
    if (!outcomes) {
      err << "cannot write " << options.outcomes_path << "\n";
      return 1;
    }
  }
  EventReplay::OutcomeObserver write_outcome;
  if (outcomes.is_open()) {
    write_outcome = [&outcomes](const Engine& engine, const Outcome& outcome) {
      outcomes << OutcomeJson(engine, outcome) << "\n";
    };
  }
  // A finished file keeps every period: its figures are the whole file's.
  // --open-end yes replays as ontimed runs, closed periods leaving as there
  // (so `ontime state` and this compare).
  if (!options.open_end) {
    EngineConfig& engine = loaded_config.engine;
    engine.hourly_retention = engine.daily_retention = engine.monthly_retention = absl::InfiniteDuration();
  }
  EventReplay replay(std::move(loaded_config.engine), std::move(write_outcome));
  if (absl::Status read = ReadEvents({.events_path = options.events_path, .brokers = options.brokers,
                                      .topic = options.topic},
                                     loaded_config.runtime.ingest, replay, err);
      !read.ok()) {
    err << read.message() << "\n";
    return 1;
  }
  std::ofstream aggregates;
  if (!options.aggregates_path.empty()) {
    aggregates.open(options.aggregates_path, std::ios::trunc);
    if (!aggregates) {
      err << "cannot write " << options.aggregates_path << "\n";
      return 1;
    }
  }
  replay.Finish(options.open_end, err);
  const Figures figures = replay.Sum();
  auto n = [&](Disposition d) { return figures.events(d); };
  out << absl::StrFormat(
      "%d records: %d applied, %d duplicate, %d late, %d held for their receipt "
      "(%d contacts orphaned), %d refused, %d bad\n",
      replay.records(), n(Disposition::kApplied), n(Disposition::kDuplicate), n(Disposition::kLate),
      n(Disposition::kHeld), figures.counters().orphans, n(Disposition::kRefused), replay.bad());
  out << absl::StrFormat("%d contacts still open; %d at-risk and %d overdue signals on the way\n",
                         figures.open_contacts(), replay.at_risk_signals(), replay.overdue_signals());
  if (figures.engines() > 1) out << figures.engines() << " partitions, one engine each\n";
  // As `ontime state` prints ontimed's dead letters, so the two compare.
  out << "bad records:";
  for (const auto& [reason, count] : replay.bad_by_reason()) out << " " << reason << " " << count;
  out << (replay.bad_by_reason().empty() ? " none\n" : "\n");
  PrintSummary(replay.config().standards, figures.aggregates(), out);
  if (aggregates.is_open()) WriteAggregatesJson(figures.aggregates(), aggregates);
  return 0;
}

}  // namespace ontime

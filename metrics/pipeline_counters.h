// What the ingest pipeline counts in this process, as the metrics show it
// (ontime_records_total, ontime_signals_total, ontime_checkpoints_total,
// ...): the daemon's pipeline keeps it, the exposition reads it.
#ifndef ONTIME_METRICS_PIPELINE_COUNTERS_H_
#define ONTIME_METRICS_PIPELINE_COUNTERS_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "engine/outcome.h"

namespace ontime {

struct PipelineCounters {
  uint64_t records = 0;
  std::map<std::string, uint64_t> records_by_topic;
  // [standard][SignalKind]
  std::vector<std::array<uint64_t, kSignalKindCount>> signals_by_standard;
  // Since this process started (the per-partition totals are in the state).
  std::array<uint64_t, 3> outcomes{};
  std::array<uint64_t, kSignalKindCount> signals{};
  uint64_t checkpoints = 0;
  uint64_t checkpoint_failures = 0;
  // Records whose offset jumped past the next one expected: fetched again
  // from there (refetched), and of those, gaps the log really has (confirmed:
  // transaction markers, compaction).
  uint64_t offset_gaps_refetched = 0;
  uint64_t offset_gaps_confirmed = 0;
  // Dead letters the sink would not queue (kept and sent again), and
  // checkpoints held back until they are.
  uint64_t dead_letters_unsent = 0;
  // The same for alert records, and outcome records.
  uint64_t alerts_unsent = 0;
  uint64_t outcome_records_unsent = 0;
  // Alert records written, by (state, status, level).
  std::map<std::tuple<std::string, std::string, std::string>, uint64_t> alerts_written;
  uint64_t checkpoints_held_for_dead_letters = 0;
};

}  // namespace ontime

#endif  // ONTIME_METRICS_PIPELINE_COUNTERS_H_

// The engines ontimed's checkpoints hold, one per source partition, read
// from the state topic: what `ontime state` sums and what `ontime statement
// --brokers` pairs with the outcomes topic.
#ifndef ONTIME_CLI_CHECKPOINTED_ENGINES_H_
#define ONTIME_CLI_CHECKPOINTED_ENGINES_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "config/daemon_settings.h"
#include "engine/engine.h"
#include "kafka/topic_partition.h"

namespace ontime {

struct CheckpointedEngine {
  TopicPartition source;
  // The source offset the checkpoint reflects everything before.
  int64_t next_offset = 0;
  uint64_t generation = 0;
  std::map<std::string, uint64_t> dead_letters_by_reason;
  std::unique_ptr<Engine> engine;
};

struct CheckpointedEngines {
  std::vector<CheckpointedEngine> engines;
  // Source partitions with no checkpoint yet.
  std::vector<TopicPartition> without_checkpoint;
};

// `settings.kafka` names the cluster (never the embedded one).
absl::StatusOr<CheckpointedEngines> LoadCheckpointedEngines(const RuntimeSettings& settings,
                                                            const EngineConfig& config);

}  // namespace ontime

#endif  // ONTIME_CLI_CHECKPOINTED_ENGINES_H_

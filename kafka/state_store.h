// Where each source partition's checkpoint is kept: the seam between the
// ingest pipeline and Kafka. CheckpointStore keeps checkpoints in a
// compacted Kafka topic; tests keep them in memory
// (tests/support/fake_state_store.h), failing, tearing and stalling saves
// at will.
#ifndef ONTIME_KAFKA_STATE_STORE_H_
#define ONTIME_KAFKA_STATE_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "kafka/topic_partition.h"

namespace ontime {

struct PartitionCheckpoint {
  // Every source record before this offset is in the state, none after.
  int64_t next_offset = 0;
  std::string engine_state;    // Engine::Snapshot()
  std::string outcome_series;  // the daemon's outcome metrics (OutcomeSeriesState)
  std::map<std::string, uint64_t> dead_letters_by_reason;
  // Which save this is (Save sets it); 0 for a partition never saved.
  uint64_t generation = 0;
  // False after a Save whose manifest may or may not have landed: the next
  // Save reads the manifest first, so it never overwrites the slot that
  // the current manifest names.
  bool generation_known = true;
};

class StateStore {
 public:
  virtual ~StateStore() = default;

  // The partition's last checkpoint saved in full, or nullopt if none was.
  virtual absl::StatusOr<std::optional<PartitionCheckpoint>> Load(const TopicPartition& tp) = 0;
  // Writes the next generation of the partition's checkpoint (setting
  // checkpoint.generation) and returns once it is durable. A save that
  // fails, however far it got, leaves Load returning the one before.
  virtual absl::Status Save(const TopicPartition& tp, PartitionCheckpoint& checkpoint) = 0;
};

}  // namespace ontime

#endif  // ONTIME_KAFKA_STATE_STORE_H_

// Each source partition's state, kept in Kafka: a compacted state topic
// holds the engine snapshot (in chunks) and a manifest with the source
// offset it reflects (proto/ontime/v1/checkpoint.proto). Whichever instance
// is assigned a partition loads its checkpoint and resumes at that offset,
// so every event counts exactly once across crashes and rebalances.
//
//   CheckpointStore store(&producer, kafka_settings, "ontime-state", "host-1");
//   store.Prepare(12);                              // the topic exists, compacted
//   auto loaded = store.Load("contact-events", 3);  // nullopt: start at the beginning
//   store.Save("contact-events", 3, checkpoint);    // returns once acknowledged
#ifndef ONTIME_COLLECTORS_CHECKPOINT_STORE_H_
#define ONTIME_COLLECTORS_CHECKPOINT_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "collectors/kafka_producer.h"

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

class CheckpointStore {
 public:
  // Chunks stay well under Kafka's default 1 MB message limit.
  static constexpr size_t kChunkBytes = 512 * 1024;

  CheckpointStore(KafkaProducer* producer, std::map<std::string, std::string> kafka_settings,
                  std::string state_topic, std::string writer);

  // Creates the state topic (compacted) with `partitions` if it is missing,
  // and learns how many partitions it has.
  absl::Status Prepare(int partitions, absl::Duration timeout = absl::Seconds(30));

  absl::StatusOr<std::optional<PartitionCheckpoint>> Load(
      const std::string& topic, int32_t partition, absl::Duration timeout = absl::Minutes(2));

  // Writes the next generation of the partition's checkpoint (setting
  // checkpoint.generation) and returns once Kafka has acknowledged it all.
  absl::Status Save(const std::string& topic, int32_t partition, PartitionCheckpoint& checkpoint,
                    absl::Duration timeout = absl::Minutes(1));

  const std::string& state_topic() const { return state_topic_; }

 private:
  int32_t StatePartition(int32_t partition) const { return partition % state_partitions_; }
  // The checkpoint, or with `manifest_only` just its manifest's fields.
  absl::StatusOr<std::optional<PartitionCheckpoint>> Read(const std::string& topic, int32_t partition,
                                                          bool manifest_only, absl::Duration timeout);

  KafkaProducer* producer_;
  std::map<std::string, std::string> kafka_settings_;
  std::string state_topic_;
  std::string writer_;
  int state_partitions_ = 0;
};

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_CHECKPOINT_STORE_H_

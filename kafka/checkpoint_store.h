// Each source partition's state, kept in Kafka: a compacted state topic
// holds the engine snapshot (in chunks) and a manifest with the source
// offset it reflects (proto/ontime/v1/checkpoint.proto). Whichever instance
// is assigned a partition loads its checkpoint and resumes at that offset,
// so every event counts exactly once across crashes and rebalances.
//
//   CheckpointStore store(&producer, kafka_settings, "ontime-state", "host-1");
//   store.Prepare(12);                              // the topic exists, compacted
//   auto loaded = store.Load({"contact-events", 3});  // nullopt: start at the beginning
//   store.Save({"contact-events", 3}, checkpoint);    // returns once acknowledged
#ifndef ONTIME_KAFKA_CHECKPOINT_STORE_H_
#define ONTIME_KAFKA_CHECKPOINT_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "kafka/kafka_producer.h"
#include "kafka/state_store.h"

namespace ontime {

class CheckpointStore : public StateStore {
 public:
  // Chunks stay well under Kafka's default 1 MB message limit.
  static constexpr size_t kChunkBytes = 512 * 1024;

  CheckpointStore(KafkaProducer* producer, std::map<std::string, std::string> kafka_settings,
                  std::string state_topic, std::string writer);

  // Creates the state topic (compacted) with `partitions` if it is missing,
  // and learns how many partitions it has.
  absl::Status Prepare(int partitions, absl::Duration timeout = absl::Seconds(30));

  absl::StatusOr<std::optional<PartitionCheckpoint>> Load(const TopicPartition& tp) override {
    return Load(tp, absl::Minutes(2));
  }
  absl::StatusOr<std::optional<PartitionCheckpoint>> Load(const TopicPartition& tp, absl::Duration timeout);

  // Writes the next generation of the partition's checkpoint (setting
  // checkpoint.generation) and returns once Kafka has acknowledged it all.
  absl::Status Save(const TopicPartition& tp, PartitionCheckpoint& checkpoint) override {
    return Save(tp, checkpoint, absl::Minutes(1));
  }
  absl::Status Save(const TopicPartition& tp, PartitionCheckpoint& checkpoint, absl::Duration timeout);

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

#endif  // ONTIME_KAFKA_CHECKPOINT_STORE_H_

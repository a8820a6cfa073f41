#include "cli/checkpointed_engines.h"

#include "absl/strings/str_cat.h"
#include "kafka/checkpoint_store.h"
#include "kafka/kafka_admin.h"
#include "kafka/kafka_producer.h"

namespace ontime {

absl::StatusOr<CheckpointedEngines> LoadCheckpointedEngines(const RuntimeSettings& settings,
                                                            const EngineConfig& config) {
  KafkaProducer unused;  // the store writes through it; reading needs none
  CheckpointStore store(&unused, settings.kafka, settings.ingest.state_topic, "ontime state");
  absl::StatusOr<int> state_partitions = CountPartitions(settings.kafka, settings.ingest.state_topic, absl::Seconds(30));
  if (!state_partitions.ok() || *state_partitions <= 0) {
    return absl::NotFoundError(absl::StrCat("no state topic ", settings.ingest.state_topic, " at ",
                                            settings.kafka.at("bootstrap.servers")));
  }
  if (absl::Status s = store.Prepare(*state_partitions); !s.ok()) return s;
  CheckpointedEngines result;
  for (const TopicSettings& topic : settings.ingest.topics) {
    absl::StatusOr<int> partitions = CountPartitions(settings.kafka, topic.name, absl::Seconds(30));
    if (!partitions.ok()) return partitions.status();
    for (int32_t p = 0; p < *partitions; ++p) {
      const TopicPartition tp{topic.name, p};
      absl::StatusOr<std::optional<PartitionCheckpoint>> checkpoint = store.Load(tp);
      if (!checkpoint.ok()) return checkpoint.status();
      if (!*checkpoint) {
        result.without_checkpoint.push_back(tp);
        continue;
      }
      absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Restore(config, (*checkpoint)->engine_state);
      if (!engine.ok()) {
        return absl::Status(engine.status().code(),
                            absl::StrCat(topic.name, "/", p, ": ", engine.status().message()));
      }
      result.engines.push_back({.source = tp,
                                .next_offset = (*checkpoint)->next_offset,
                                .generation = (*checkpoint)->generation,
                                .dead_letters_by_reason = std::move((*checkpoint)->dead_letters_by_reason),
                                .engine = std::move(*engine)});
    }
  }
  return result;
}

}  // namespace ontime

#include "kafka/checkpoint_store.h"

#include <charconv>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "kafka/kafka_admin.h"
#include "kafka/kafka_topic_reader.h"
#include "ontime/v1/checkpoint.pb.h"

namespace ontime {
namespace {

std::string KeyPrefix(const std::string& topic, int32_t partition) {
  return absl::StrCat("ck/", topic, "/", partition, "/");
}

}  // namespace

CheckpointStore::CheckpointStore(KafkaProducer* producer,
                                 std::map<std::string, std::string> kafka_settings,
                                 std::string state_topic, std::string writer)
    : producer_(producer),
      kafka_settings_(std::move(kafka_settings)),
      state_topic_(std::move(state_topic)),
      writer_(std::move(writer)) {}

absl::Status CheckpointStore::Prepare(int partitions, absl::Duration timeout) {
  // Compaction keeps the newest record of each key: the current manifest
  // and the chunks of both slots, whatever their age.
  absl::StatusOr<int> count = EnsureTopic(kafka_settings_, state_topic_, partitions,
                                          {{"cleanup.policy", "compact"},
                                           {"retention.ms", "-1"},
                                           // Compaction never touches the active segment: roll
                                           // it often, so a load reads little besides the
                                           // current checkpoints.
                                           {"segment.ms", "600000"},
                                           {"min.cleanable.dirty.ratio", "0.1"},
                                           {"min.insync.replicas", "1"}},
                                          timeout);
  if (!count.ok()) return count.status();
  state_partitions_ = *count;
  return absl::OkStatus();
}

absl::StatusOr<std::optional<PartitionCheckpoint>> CheckpointStore::Load(const TopicPartition& tp,
                                                                         absl::Duration timeout) {
  return Read(tp.topic, tp.partition, /*manifest_only=*/false, timeout);
}

absl::StatusOr<std::optional<PartitionCheckpoint>> CheckpointStore::Read(const std::string& topic,
                                                                         int32_t partition,
                                                                         bool manifest_only,
                                                                         absl::Duration timeout) {
  if (state_partitions_ <= 0) return absl::FailedPreconditionError("the state topic is not prepared");
  const std::string prefix = KeyPrefix(topic, partition);
  std::optional<v1::CheckpointManifest> manifest;
  std::map<std::pair<uint32_t, uint32_t>, v1::CheckpointChunk> chunks;  // (slot, index)
  absl::Status bad;
  absl::Status read = ReadTopicRange(
      kafka_settings_, state_topic_, StatePartition(partition),
      [&](const KafkaRecord& record) {
        if (!record.key.starts_with(prefix) || record.value.empty()) return;
        const std::string_view rest = record.key.substr(prefix.size());
        if (rest == "m") {
          manifest.emplace();
          // Only the newest manifest counts, readable or not.
          bad = absl::OkStatus();
          if (!manifest->ParseFromArray(record.value.data(), static_cast<int>(record.value.size()))) {
            bad = absl::DataLossError(absl::StrCat("unreadable manifest at ", state_topic_, "/",
                                                   record.partition, "@", record.offset));
          }
          return;
        }
        if (manifest_only) return;
        uint32_t slot = 0, index = 0;
        const char* end = rest.data() + rest.size();
        auto [after_slot, slot_error] = std::from_chars(rest.data(), end, slot);
        if (slot_error != std::errc() || after_slot == end || *after_slot != '/') return;
        auto [after_index, index_error] = std::from_chars(after_slot + 1, end, index);
        if (index_error != std::errc() || after_index != end) return;
        v1::CheckpointChunk& chunk = chunks[{slot, index}];
        if (!chunk.ParseFromArray(record.value.data(), static_cast<int>(record.value.size()))) {
          chunk.Clear();  // a damaged chunk of a slot no manifest may name
        }
      },
      timeout);
  if (!read.ok()) return read;
  if (!bad.ok()) return bad;
  if (!manifest) return std::nullopt;

  PartitionCheckpoint checkpoint;
  checkpoint.next_offset = manifest->next_offset();
  checkpoint.generation = manifest->generation();
  checkpoint.dead_letters_by_reason = {manifest->dead_letters_by_reason().begin(),
                                       manifest->dead_letters_by_reason().end()};
  if (manifest_only) return checkpoint;
  checkpoint.engine_state.reserve(manifest->state_bytes());
  for (uint32_t i = 0; i < manifest->chunk_count(); ++i) {
    auto it = chunks.find({manifest->slot(), i});
    if (it == chunks.end() || it->second.generation() != manifest->generation() ||
        it->second.index() != i) {
      return absl::DataLossError(absl::StrCat("checkpoint ", manifest->generation(), " of ", topic, "/",
                                              partition, " lacks chunk ", i, " in ", state_topic_));
    }
    checkpoint.engine_state += it->second.data();
  }
  if (checkpoint.engine_state.size() != manifest->state_bytes() ||
      manifest->engine_state_bytes() > manifest->state_bytes()) {
    return absl::DataLossError(absl::StrCat("checkpoint ", manifest->generation(), " of ", topic, "/",
                                            partition, " has ", checkpoint.engine_state.size(),
                                            " bytes, not ", manifest->state_bytes()));
  }
  checkpoint.outcome_series = checkpoint.engine_state.substr(manifest->engine_state_bytes());
  checkpoint.engine_state.resize(manifest->engine_state_bytes());
  return checkpoint;
}

absl::Status CheckpointStore::Save(const TopicPartition& tp, PartitionCheckpoint& checkpoint,
                                   absl::Duration timeout) {
  const std::string& topic = tp.topic;
  const int32_t partition = tp.partition;
  if (state_partitions_ <= 0) return absl::FailedPreconditionError("the state topic is not prepared");
  if (!checkpoint.generation_known) {
    absl::StatusOr<std::optional<PartitionCheckpoint>> current =
        Read(topic, partition, /*manifest_only=*/true, timeout);
    if (!current.ok()) return current.status();
    checkpoint.generation = *current ? (*current)->generation : 0;
    checkpoint.generation_known = true;
  }
  const uint64_t generation = checkpoint.generation + 1;
  const uint32_t slot = static_cast<uint32_t>(generation % 2);
  const std::string prefix = KeyPrefix(topic, partition);
  const int32_t state_partition = StatePartition(partition);
  // One byte string for the chunks: the engine state, then the series.
  const size_t engine_bytes = checkpoint.engine_state.size();
  checkpoint.engine_state += checkpoint.outcome_series;
  const std::string_view state = checkpoint.engine_state;
  struct RestoreEngineState {
    std::string& state;
    size_t size;
    ~RestoreEngineState() { state.resize(size); }
  } restore{checkpoint.engine_state, engine_bytes};
  const uint32_t chunk_count = static_cast<uint32_t>((state.size() + kChunkBytes - 1) / kChunkBytes);

  v1::CheckpointChunk chunk;
  std::string bytes;
  // Everything sent before the last chunk must be acknowledged before the
  // manifest goes: the chunks, and the dead letters of the state they hold.
  uint64_t last = producer_->last_sequence();
  for (uint32_t i = 0; i < chunk_count; ++i) {
    chunk.set_generation(generation);
    chunk.set_index(i);
    const std::string_view piece = state.substr(i * kChunkBytes, kChunkBytes);
    chunk.set_data(piece.data(), piece.size());
    chunk.SerializeToString(&bytes);
    const std::string key = absl::StrCat(prefix, slot, "/", i);
    if (absl::Status s = producer_->Send({.topic = state_topic_, .partition = state_partition, .key = key, .value = bytes},
                                         &last, absl::Minutes(5));
        !s.ok()) {
      return s;
    }
  }
  // The manifest goes only after every chunk is acknowledged, so it never
  // names a chunk Kafka may not have.
  if (absl::Status s = producer_->FlushUpTo(last, timeout); !s.ok()) return s;

  v1::CheckpointManifest manifest;
  manifest.set_generation(generation);
  manifest.set_slot(slot);
  manifest.set_chunk_count(chunk_count);
  manifest.set_next_offset(checkpoint.next_offset);
  manifest.set_state_bytes(state.size());
  manifest.set_engine_state_bytes(engine_bytes);
  for (const auto& [reason, n] : checkpoint.dead_letters_by_reason) {
    (*manifest.mutable_dead_letters_by_reason())[reason] = n;
  }
  manifest.set_source_topic(topic);
  manifest.set_source_partition(partition);
  manifest.set_written_at_unix_ms(absl::ToUnixMillis(absl::Now()));
  manifest.set_writer(writer_);
  manifest.SerializeToString(&bytes);
  const std::string key = absl::StrCat(prefix, "m");
  uint64_t sequence = 0;
  absl::Status sent =
      producer_->Send({.topic = state_topic_, .partition = state_partition, .key = key, .value = bytes}, &sequence, absl::Minutes(5));
  if (sent.ok()) sent = producer_->FlushUpTo(sequence, timeout);
  if (!sent.ok()) {
    checkpoint.generation_known = false;
    return sent;
  }
  checkpoint.generation = generation;
  return absl::OkStatus();
}

}  // namespace ontime

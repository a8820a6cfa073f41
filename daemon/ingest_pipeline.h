// The daemon's core: one engine per assigned source partition, fed the
// partition's records in offset order, with its state saved to and restored
// from the checkpoint store. A record is admitted (size, decoding, a
// believable event time) or becomes a dead letter; admitted events go to the
// partition's engine.
//
// Exactly once, in effect: a partition's checkpoint holds the engine state
// and the offset of the first record it does not reflect. Whoever is
// assigned the partition restores that state and resumes at that offset, so
// after a crash, a lost member or a rebalance every record is applied once.
// Dead letters between the last checkpoint and a crash are written again on
// resumption (their headers carry the source offset to tell); their counts
// are in the checkpoint, so they stay exact.
#ifndef ONTIME_DAEMON_INGEST_PIPELINE_H_
#define ONTIME_DAEMON_INGEST_PIPELINE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "collectors/checkpoint_store.h"
#include "collectors/event_decoder.h"
#include "collectors/kafka_group_consumer.h"
#include "collectors/kafka_producer.h"
#include "collectors/kafka_record.h"
#include "config/daemon_settings.h"
#include "daemon/outcome_series.h"
#include "engine/engine.h"

namespace ontime {

struct PipelineCounters {
  uint64_t records = 0;
  std::map<std::string, uint64_t> records_by_topic;
  // [standard][at risk, overdue]
  std::vector<std::array<uint64_t, 2>> signals_by_standard;
  // Since this process started (the per-partition totals are in the state).
  std::array<uint64_t, 3> outcomes{};
  std::array<uint64_t, 2> signals{};
  uint64_t checkpoints = 0;
  uint64_t checkpoint_failures = 0;
};

class IngestPipeline {
 public:
  // `clock` is the daemon's now: wall time, or simulated time.
  IngestPipeline(EngineConfig config, IngestSettings settings, CheckpointStore* store,
                 KafkaProducer* dead_letters, std::function<absl::Time()> clock);

  // The partition is ours: its engine from its checkpoint (or a new one);
  // returns the offset to resume at.
  absl::StatusOr<int64_t> Assign(const TopicPartition& tp);
  // The partition is no longer ours: its state saved (unless `lost`), its
  // engine dropped.
  void Revoke(const TopicPartition& tp, bool lost);
  void Consume(const KafkaRecord& record);
  // At-risk and overdue signals due by the clock's now.
  void Advance();
  // Saves every partition changed since its last save; the positions saved.
  std::vector<std::pair<TopicPartition, int64_t>> CheckpointChanged();

  // New standards (SIGHUP): each engine carries its state over, or the
  // reason none could.
  absl::Status Reconfigure(EngineConfig config);

  // Reading, for reports and metrics.
  PortableAggregates MergedAggregates() const;
  EngineCounters MergedEngineCounters() const;
  std::map<std::string, uint64_t> DeadLettersByReason() const;
  OutcomeSeries MergedOutcomeSeries() const;
  // What waits now, every partition summed.
  WaitingCounts CountWaiting() const;
  // The oldest watermark across partitions (InfinitePast if none).
  absl::Time watermark() const;
  size_t open_contacts() const;
  const PipelineCounters& counters() const { return counters_; }
  const EngineConfig& config() const { return config_; }
  size_t partitions() const { return partitions_.size(); }
  // Where each partition stands: the offset of its next record.
  std::map<TopicPartition, int64_t> positions() const;
  // The newest event time across partitions (InfinitePast if none).
  absl::Time newest_event_time() const;
  bool last_checkpoint_failed() const { return last_checkpoint_failed_; }

 private:
  struct Partition {
    std::unique_ptr<Engine> engine;
    PartitionCheckpoint checkpoint;  // engine_state is filled only while saving
    OutcomeSeries series;
    WireFormat format = WireFormat::kProtobuf;
    bool dirty = false;
  };

  void DeadLetter(Partition& partition, const KafkaRecord& record, std::string_view reason,
                  std::string_view detail);
  void Drain(Partition& partition, Effects& effects);
  absl::Status Save(const TopicPartition& tp, Partition& partition);

  EngineConfig config_;
  IngestSettings settings_;
  CheckpointStore* store_;
  KafkaProducer* dead_letters_;
  std::function<absl::Time()> clock_;
  std::map<TopicPartition, Partition> partitions_;
  EventDecoder decoder_;
  Event event_;
  Effects effects_;
  PipelineCounters counters_;
  std::string last_topic_;
  uint64_t* topic_records_ = nullptr;
  bool last_checkpoint_failed_ = false;
};

}  // namespace ontime

#endif  // ONTIME_DAEMON_INGEST_PIPELINE_H_

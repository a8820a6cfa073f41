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
// A checkpoint goes out only after every record it caused (dead letters and
// alerts) was acknowledged (one that could not even be queued is sent again
// first), so they are at least once: those between the last checkpoint and
// a crash are written again on resumption (dead letters' headers carry the
// source offset to tell; alerts carry the same identity); the counts are in
// the checkpoint, so they stay exact.
//
// Alerts (when alerts.topic is set): each signal and each stop of a
// signalled contact becomes alert records (alerts/contact_alerts.h) on the
// alerts topic, keyed by identity, in the partition's order. Dips
// (alerts/dip_watch.h) are judged over every partition's outcomes, at the
// oldest watermark, when this instance owns all the partitions; their
// windows hold the outcomes this process saw (after a restart they fill
// again).
//
// It takes its state store and record sink (dead letters, alerts) as interfaces
// (kafka/state_store.h, kafka/record_sink.h): Kafka in ontimed, in-memory
// fakes in tests/unit/daemon/ingest_pipeline_test.cc.
#ifndef ONTIME_DAEMON_INGEST_PIPELINE_H_
#define ONTIME_DAEMON_INGEST_PIPELINE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "alerts/contact_alerts.h"
#include "alerts/dip_watch.h"
#include "collectors/ingest_admission.h"
#include "collectors/outcome_record.h"
#include "collectors/record_admission.h"
#include "config/alert_settings.h"
#include "config/daemon_settings.h"
#include "daemon/checkpoint_writer.h"
#include "engine/engine.h"
#include "engine/figures.h"
#include "kafka/kafka_record.h"
#include "kafka/log_limiter.h"
#include "kafka/loop_lifetime.h"
#include "kafka/record_sink.h"
#include "kafka/state_store.h"
#include "kafka/topic_partition.h"
#include "metrics/label_values.h"
#include "metrics/outcome_series.h"
#include "metrics/pipeline_counters.h"

namespace ontime {

class IngestPipeline {
 public:
  struct Hooks {
    // The daemon's now: wall time, or simulated time.
    std::function<absl::Time()> clock;
    // Runs work on the daemon's loop (checkpoint completions come from the
    // writer's thread).
    std::function<void(std::function<void()>)> post;
    // A checkpoint of the partition up to `next_offset` is in Kafka.
    std::function<void(const TopicPartition&, int64_t next_offset)> on_saved;
    // Fetch the partition again from `offset` (see Consume).
    std::function<void(const TopicPartition&, int64_t offset)> seek;
    // A contact's service as alerts may name it (the configured label
    // values, "other" for the rest); unset: the service as it is.
    std::function<std::string(const std::string& service)> service_label;
    // This instance owns every partition of the source topics, so its
    // outcomes are all there are: only then are dips judged (a share of
    // the outcomes would call dips that are not). Unset: never.
    std::function<bool()> owns_all_partitions;
  };

  // Checkpoints load from `store` and save through `writer`, which waits
  // for `sink` to acknowledge the dead letters and alerts each checkpoint
  // covers.
  IngestPipeline(EngineConfig config, IngestSettings settings, AlertSettings alerts, StateStore* store,
                 CheckpointWriter* writer, RecordSink* sink, Hooks hooks);

  // The partition is ours: its engine from its checkpoint (or a new one);
  // returns the offset to resume at.
  absl::StatusOr<int64_t> Assign(const TopicPartition& tp);
  // The partition is no longer ours: its state saved (unless `lost`), its
  // engine dropped. Waits for the save: the next owner must find it.
  void Revoke(const TopicPartition& tp, bool lost);
  void Consume(const KafkaRecord& record);
  // The batch of records in hand is done (see Consume).
  void BatchEnd();
  // At-risk and overdue signals due by the clock's now.
  void Advance();
  // Asks the writer to save every partition changed since its last save
  // (one save in flight per partition); returns at once.
  void CheckpointChanged();

  // New standards (SIGHUP): each engine carries its state over, or the
  // reason none could.
  absl::Status Reconfigure(EngineConfig config);

  // Reading, for reports and metrics: every partition summed.
  // Counters, open contacts, what waits at `now`, and today's and this
  // month's totals (what the metrics and the live line show each second).
  Figures LiveFigures(absl::Time now) const;
  // Counters, open contacts and the aggregates by name.
  Figures AllFigures() const;
  std::map<std::string, uint64_t> DeadLettersByReason() const;
  // Every partition's series, labelled as the metrics may show them.
  OutcomeSeries MergedOutcomeSeries(LabelValues& labels) const;
  // The oldest watermark across partitions (InfinitePast if none).
  absl::Time watermark() const;
  const PipelineCounters& counters() const { return counters_; }
  const EngineConfig& config() const { return config_; }
  size_t partitions() const { return partitions_.size(); }
  // Where each partition stands: the offset of its next record.
  std::map<TopicPartition, int64_t> positions() const;
  // The newest event time across partitions (InfinitePast if none).
  absl::Time newest_event_time() const;
  bool last_checkpoint_failed() const { return last_checkpoint_failed_; }

 private:
  // A record kept until the sink takes it (KafkaRecordOut holds views).
  struct UnsentRecord {
    std::string topic;
    bool tombstone = false;
    std::string key;
    std::string value;
    absl::Time timestamp;
    std::vector<std::pair<std::string, std::string>> headers;
  };

  struct Partition {
    TopicPartition tp;
    std::unique_ptr<Engine> engine;
    OutcomeSeries series;
    std::map<std::string, uint64_t> dead_letters_by_reason;
    // The offset of the next record: everything before it is in the state.
    int64_t next_offset = 0;
    WireFormat format = WireFormat::kProtobuf;
    // Changed since the last save was asked for; a save is in flight.
    bool dirty = false;
    bool saving = false;
    // Which assignment this is, so a save of an earlier one is told apart.
    uint64_t ownership = 0;
    // next_offset came from a checkpoint (else the first record sets it).
    bool offset_known = false;
    // After a record past next_offset (see Consume): the rest of that batch
    // is dropped, then the first record of a later batch is the log's own.
    enum class Refetch : uint8_t { kNone, kDroppingThisBatch, kAwaitingFirst };
    Refetch refetch = Refetch::kNone;
    // The sink's sequence of this partition's last record (dead letter or
    // alert): its next checkpoint waits for everything up to it to be
    // acknowledged.
    uint64_t last_record_sequence = 0;
    // Records the sink would not take (its queue full): sent again, in
    // order, before the partition's next checkpoint, which waits until they are.
    std::vector<UnsentRecord> unsent;
  };

  void DeadLetter(Partition& partition, const KafkaRecord& record, std::string_view reason,
                  std::string_view detail);
  // Sends a record of the partition's, or keeps it (behind any kept before
  // it) when the sink will not take it now.
  void Write(Partition& partition, const KafkaRecordOut& out, std::string_view what);
  // The effects' outcomes, written to the outcomes topic.
  void WriteOutcomes(Partition& partition, const Effects& effects);
  // The alerts the effects raise, written to the alerts topic.
  void WriteAlerts(Partition& partition, const Effects& effects);
  // Dips at the oldest watermark, at most every 10 s of the clock.
  void JudgeDips();
  // Offers the sink what it would not take before (waiting at most
  // `queue_wait` for each); true once nothing of the partition is unsent.
  bool SendUnsent(Partition& partition, absl::Duration queue_wait);
  void Drain(Partition& partition, Effects& effects);
  PartitionCheckpoint MakeCheckpoint(const Partition& partition) const;
  void Saved(const TopicPartition& tp, uint64_t ownership, int64_t next_offset, const absl::Status& status);

  EngineConfig config_;
  IngestSettings settings_;
  StateStore* store_;
  CheckpointWriter* writer_;
  RecordSink* sink_;
  Hooks hooks_;
  AlertSettings alert_settings_;
  // Set when alerts are on; rebuilt with the config.
  std::optional<ContactAlerts> contact_alerts_;
  std::optional<DipWatch> dip_watch_;
  // Dip records the sink would not take yet (tried again each Advance).
  std::vector<v1::Alert> unsent_dips_;
  absl::Time last_dip_evaluation_ = absl::InfinitePast();
  absl::Time last_dip_watermark_ = absl::InfinitePast();
  std::vector<v1::Alert> alerts_;
  std::string alert_bytes_;
  v1::OutcomeRecord outcome_record_;
  std::string outcome_bytes_;
  std::map<TopicPartition, Partition> partitions_;
  RecordAdmission admission_;
  // Partitions whose refetch began in the batch in hand (see BatchEnd).
  size_t dropping_this_batch_ = 0;
  LogLimiter log_limiter_;
  int64_t max_dead_letter_bytes_;
  Event event_;
  Effects effects_;
  PipelineCounters counters_;
  std::string last_topic_;
  uint64_t* topic_records_ = nullptr;
  bool last_checkpoint_failed_ = false;
  uint64_t next_ownership_ = 0;
  // Save completions posted to the loop are dropped once this is gone.
  LoopLifetime lifetime_;
};

}  // namespace ontime

#endif  // ONTIME_DAEMON_INGEST_PIPELINE_H_

#include "daemon/ingest_pipeline.h"

#include <spdlog/spdlog.h>

#include <cstddef>

#include "absl/strings/str_cat.h"

namespace ontime {

namespace {

// Room for the key and the headers within the producer's message.max.bytes.
constexpr int64_t kDeadLetterOverhead = 16 * 1024;

int64_t MaxDeadLetterBytes(const IngestSettings& settings) {
  return std::max<int64_t>(1024, settings.producer_max_message_bytes - kDeadLetterOverhead);
}

}  // namespace

IngestPipeline::IngestPipeline(EngineConfig config, IngestSettings settings, AlertSettings alerts,
                               StateStore* store, CheckpointWriter* writer, RecordSink* sink, Hooks hooks)
    : config_(std::move(config)),
      settings_(std::move(settings)),
      store_(store),
      writer_(writer),
      sink_(sink),
      hooks_(std::move(hooks)),
      alert_settings_(std::move(alerts)),
      admission_(AdmissionLimitsOf(settings_)),
      max_dead_letter_bytes_(MaxDeadLetterBytes(settings_)) {
  if (alert_settings_.enabled()) {
    contact_alerts_.emplace(config_, alert_settings_.levels);
    dip_watch_.emplace(config_, alert_settings_.levels);
  }
}

absl::StatusOr<int64_t> IngestPipeline::Assign(const TopicPartition& tp) {
  const absl::Time began = absl::Now();
  // A save of ours still under way (the partition lost and now back) must
  // land before the load, or the load would miss it and the next save reuse
  // its slot.
  writer_->WaitIdle();
  absl::StatusOr<std::optional<PartitionCheckpoint>> loaded = store_->Load(tp);
  if (!loaded.ok()) {
    return absl::Status(loaded.status().code(),
                        absl::StrCat("loading the state of ", tp.topic, "/", tp.partition, ": ",
                                     loaded.status().message()));
  }
  Partition partition;
  partition.tp = tp;
  partition.format = TopicFormat(settings_, tp.topic).value_or(WireFormat::kProtobuf);
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      *loaded ? Engine::Restore(config_, (*loaded)->engine_state) : Engine::Create(config_);
  if (!engine.ok()) {
    return absl::Status(engine.status().code(),
                        absl::StrCat("restoring the state of ", tp.topic, "/", tp.partition, ": ",
                                     engine.status().message()));
  }
  partition.engine = std::move(*engine);
  partition.series = OutcomeSeries(config_);
  int64_t start = kOffsetBeginning;
  if (*loaded) {
    const size_t state_bytes = (*loaded)->engine_state.size();
    if (absl::Status s = partition.series.Parse(config_, (*loaded)->outcome_series); !s.ok()) {
      return absl::Status(s.code(), absl::StrCat("the outcome series of ", tp.topic, "/", tp.partition, ": ",
                                                 s.message()));
    }
    partition.next_offset = (*loaded)->next_offset;
    partition.offset_known = true;
    partition.dead_letters_by_reason = std::move((*loaded)->dead_letters_by_reason);
    start = partition.next_offset;
    spdlog::info("{}/{}: resuming at offset {} with {} open contacts (checkpoint {}, {} bytes, loaded and "
                 "restored in {} ms)",
                 tp.topic, tp.partition, start, partition.engine->open_contacts(), (*loaded)->generation,
                 state_bytes, absl::ToInt64Milliseconds(absl::Now() - began));
  } else {
    spdlog::info("{}/{}: no checkpoint yet, reading from the beginning", tp.topic, tp.partition);
  }
  writer_->Adopt(tp, *loaded ? (*loaded)->generation : 0);
  partition.ownership = ++next_ownership_;
  partitions_[tp] = std::move(partition);
  return start;
}

void IngestPipeline::Revoke(const TopicPartition& tp, bool lost) {
  auto it = partitions_.find(tp);
  if (it == partitions_.end()) return;
  Partition& partition = it->second;
  if (lost) {
    // Another member owns it now; its next owner resumes from the last
    // checkpoint, which is exact. Nothing more may be written for it here.
    spdlog::warn("{}/{}: lost to the group; its state since the last checkpoint is left to the next owner",
                 tp.topic, tp.partition);
    writer_->Forget(tp);
  } else if (!SendUnsent(partition, absl::Seconds(5))) {
    // Its dead letters are not all out: no checkpoint may say they are.
    // The next owner resumes from the last checkpoint and writes them.
    ++counters_.checkpoints_held_for_dead_letters;
    spdlog::error("{}/{}: {} dead letters could not be queued; state not saved on revocation, the next owner "
                  "resumes from the last checkpoint", tp.topic, tp.partition, partition.unsent.size());
    writer_->Forget(tp);
  } else if (partition.dirty || partition.saving) {
    if (absl::Status s = writer_->SaveAndForget(tp, MakeCheckpoint(partition), partition.last_record_sequence);
        !s.ok()) {
      ++counters_.checkpoint_failures;
      spdlog::error("{}/{}: state not saved on revocation ({}); the next owner resumes from the last "
                    "checkpoint", tp.topic, tp.partition, std::string(s.message()));
    } else {
      ++counters_.checkpoints;
      hooks_.on_saved(tp, partition.next_offset);
    }
  } else {
    writer_->Forget(tp);
  }
  partitions_.erase(it);
}

void IngestPipeline::Consume(const KafkaRecord& record) {
  ++counters_.records;
  if (record.topic != last_topic_) {
    last_topic_ = std::string(record.topic);
    topic_records_ = &counters_.records_by_topic[last_topic_];
  }
  ++*topic_records_;
  auto it = partitions_.find(TopicPartition{std::string(record.topic), record.partition});
  if (it == partitions_.end()) return;  // not ours (any more)
  Partition& partition = it->second;
  // Already in the state: delivered again after a seek or a retry.
  if (partition.offset_known && record.offset < partition.next_offset) return;
  // A record past the next one expected is not believed at once: librdkafka
  // 2.0's batch consumer can hand over records fetched before a rebalance
  // or a seek, and taking one would skip every record before it for good.
  // The partition is fetched again from the next offset, the rest of this
  // batch of it dropped, and the first record of it in a later batch is the
  // lowest the log holds from there: the next one, or, where the log has a
  // gap (a transaction marker, compaction), the one after it.
  if (partition.refetch == Partition::Refetch::kDroppingThisBatch) return;
  if (partition.refetch == Partition::Refetch::kAwaitingFirst) {
    if (record.offset > partition.next_offset) ++counters_.offset_gaps_confirmed;
  } else if (partition.offset_known && record.offset > partition.next_offset) {
    partition.refetch = Partition::Refetch::kDroppingThisBatch;
    ++dropping_this_batch_;
    ++counters_.offset_gaps_refetched;
    if (uint64_t held; log_limiter_.Allow("offset gap", &held)) {
      spdlog::warn("{}/{}: record at offset {} where {} was next; fetching again from {} ({} more not shown)",
                   record.topic, record.partition, record.offset, partition.next_offset, partition.next_offset,
                   held);
    }
    if (hooks_.seek) hooks_.seek(it->first, partition.next_offset);
    return;
  }
  partition.refetch = Partition::Refetch::kNone;
  partition.offset_known = true;
  partition.next_offset = record.offset + 1;
  partition.dirty = true;

  if (std::optional<Refusal> refused = admission_.Admit(partition.format, record.value, record.timestamp_ms, &event_)) {
    DeadLetter(partition, record, refused->reason, refused->detail);
    return;
  }
  partition.engine->Apply(event_, effects_);
  if (effects_.disposition == Disposition::kInvalid) {
    DeadLetter(partition, record, kInvalidEventReason, effects_.invalid_reason);
  }
  Drain(partition, effects_);
}

void IngestPipeline::BatchEnd() {
  // Called after every batch: nothing to walk unless a refetch began in it.
  if (dropping_this_batch_ == 0) return;
  dropping_this_batch_ = 0;
  for (auto& [tp, partition] : partitions_) {
    if (partition.refetch == Partition::Refetch::kDroppingThisBatch) {
      partition.refetch = Partition::Refetch::kAwaitingFirst;
    }
  }
}

void IngestPipeline::DeadLetter(Partition& partition, const KafkaRecord& record, std::string_view reason,
                                std::string_view detail) {
  ++partition.dead_letters_by_reason[std::string(reason)];
  const std::string source_partition = absl::StrCat(record.partition);
  const std::string source_offset = absl::StrCat(record.offset);
  // A record the broker took can be bigger than our producer may send: the
  // dead letter then carries a prefix of it and says so, so nothing is only
  // in a log line.
  const bool truncated = static_cast<int64_t>(record.value.size()) > max_dead_letter_bytes_;
  const std::string original_bytes = truncated ? absl::StrCat(record.value.size()) : std::string();
  KafkaRecordOut out{.topic = settings_.dead_letter_topic,
                     .key = record.key.substr(0, 1024),
                     .value = truncated ? record.value.substr(0, static_cast<size_t>(max_dead_letter_bytes_)) : record.value,
                     .resend_on_failure = true};
  if (record.timestamp_ms >= 0) out.timestamp = absl::FromUnixMillis(record.timestamp_ms);
  out.headers = {{"ontime.reason", reason},
                 {"ontime.detail", detail},
                 {"ontime.source.topic", record.topic},
                 {"ontime.source.partition", source_partition},
                 {"ontime.source.offset", source_offset}};
  if (truncated) out.headers.push_back({"ontime.truncated_from_bytes", original_bytes});
  Write(partition, out, "dead letter");
}

void IngestPipeline::Write(Partition& partition, const KafkaRecordOut& out, std::string_view what) {
  // Behind others not yet taken: it waits its turn, so the sink sees the
  // partition's records in the order they arose.
  if (partition.unsent.empty()) {
    // A full local queue (a long broker outage) must not stall the loop.
    absl::Status s = sink_->Send(out, &partition.last_record_sequence, absl::Seconds(1));
    if (s.ok()) return;
    if (uint64_t held; log_limiter_.Allow("record not queued", &held)) {
      spdlog::warn("{} for {} not queued ({}); kept, and sent again before the partition's next checkpoint ({} "
                   "more not shown)",
                   what, out.topic, std::string(s.message()), held);
    }
  }
  // Kept until the sink takes it; the partition's checkpoints wait.
  ++(out.topic == settings_.dead_letter_topic ? counters_.dead_letters_unsent
     : out.topic == settings_.outcomes_topic  ? counters_.outcome_records_unsent
                                              : counters_.alerts_unsent);
  UnsentRecord& kept = partition.unsent.emplace_back();
  kept.topic = std::string(out.topic);
  kept.tombstone = out.tombstone;
  kept.key = std::string(out.key);
  kept.value = std::string(out.value);
  kept.timestamp = out.timestamp;
  for (const auto& [name, value] : out.headers) kept.headers.emplace_back(name, value);
}

bool IngestPipeline::SendUnsent(Partition& partition, absl::Duration queue_wait) {
  size_t sent = 0;
  for (const UnsentRecord& kept : partition.unsent) {
    KafkaRecordOut out{.topic = kept.topic,
                       .key = kept.key,
                       .value = kept.value,
                       .timestamp = kept.timestamp,
                       .resend_on_failure = true,
                       .tombstone = kept.tombstone};
    for (const auto& [name, value] : kept.headers) out.headers.emplace_back(name, value);
    if (!sink_->Send(out, &partition.last_record_sequence, queue_wait).ok()) break;
    ++sent;
  }
  partition.unsent.erase(partition.unsent.begin(), partition.unsent.begin() + static_cast<std::ptrdiff_t>(sent));
  return partition.unsent.empty();
}

void IngestPipeline::WriteAlerts(Partition& partition, const Effects& effects) {
  alerts_.clear();
  const SymbolTable& symbols = partition.engine->symbols();
  auto service = [&](Symbol s) {
    std::string name(symbols.Name(s));
    return hooks_.service_label ? hooks_.service_label(name) : name;
  };
  for (const Signal& signal : effects.signals) {
    contact_alerts_->OnSignal(signal, service(signal.dimensions.service), &alerts_);
  }
  for (const Outcome& outcome : effects.outcomes) {
    dip_watch_->Record(outcome);
    if (outcome.signalled != 0) contact_alerts_->OnOutcome(outcome, service(outcome.dimensions.service), &alerts_);
  }
  for (const v1::Alert& alert : alerts_) {
    ++counters_.alerts_written[{alert.state(), v1::Alert::Status_Name(alert.status()), alert.level()}];
    alert.SerializeToString(&alert_bytes_);
    // At least once, like dead letters: a failed delivery is sent again.
    Write(partition,
          KafkaRecordOut{.topic = alert_settings_.topic, .key = alert.identity(), .value = alert_bytes_,
                         .resend_on_failure = true},
          "alert");
    if (alert.status() != v1::Alert::FIRING) {
      // Ended: nothing more will be said of this identity. The tombstone
      // lets compaction remove it (after the topic's min.compaction.lag.ms,
      // a week, so any deliverer less than a week behind reads the ending
      // first), so the topic holds what fires plus a week of endings, not
      // every alert ever.
      Write(partition,
            KafkaRecordOut{.topic = alert_settings_.topic, .key = alert.identity(), .value = {}, .resend_on_failure = true,
                           .tombstone = true},
            "alert tombstone");
    }
  }
}

void IngestPipeline::WriteOutcomes(Partition& partition, const Effects& effects) {
  // Final outcomes, at least once like dead letters and alerts: written
  // before the checkpoint that covers them, again after a crash with the
  // same key and value (the topic is compacted; readers keep one per key).
  for (const Outcome& outcome : effects.outcomes) {
    ToOutcomeRecord(*partition.engine, outcome,
                    {.topic = partition.tp.topic, .partition = partition.tp.partition, .position = partition.next_offset},
                    &outcome_record_);
    outcome_record_.SerializeToString(&outcome_bytes_);
    Write(partition,
          KafkaRecordOut{.topic = settings_.outcomes_topic, .key = outcome_record_.identity(), .value = outcome_bytes_,
                         .resend_on_failure = true},
          "outcome");
  }
}

void IngestPipeline::Drain(Partition& partition, Effects& effects) {
  if (!settings_.outcomes_topic.empty() && !effects.outcomes.empty()) WriteOutcomes(partition, effects);
  if (contact_alerts_.has_value() && (!effects.signals.empty() || !effects.outcomes.empty())) {
    WriteAlerts(partition, effects);
  }
  for (const Outcome& outcome : effects.outcomes) {
    ++counters_.outcomes[static_cast<size_t>(outcome.verdict)];
    partition.series.Record(*partition.engine, outcome);
  }
  for (const Signal& signal : effects.signals) {
    ++counters_.signals[static_cast<size_t>(signal.kind)];
    if (counters_.signals_by_standard.size() <= Index(signal.standard)) {
      counters_.signals_by_standard.resize(config_.standards.size());
    }
    ++counters_.signals_by_standard[Index(signal.standard)][static_cast<size_t>(signal.kind)];
  }
  effects.Clear();
}

void IngestPipeline::Advance() {
  const absl::Time now = hooks_.clock();
  for (auto& [tp, partition] : partitions_) {
    partition.engine->Advance(now, effects_);
    if (!effects_.signals.empty()) partition.dirty = true;
    Drain(partition, effects_);
  }
  if (dip_watch_.has_value()) JudgeDips();
}

void IngestPipeline::JudgeDips() {
  const absl::Time now = hooks_.clock();
  const absl::Time at = watermark();
  if (hooks_.owns_all_partitions && hooks_.owns_all_partitions() && now - last_dip_evaluation_ >= absl::Seconds(10) &&
      at > last_dip_watermark_ && at != absl::InfiniteFuture()) {
    last_dip_evaluation_ = now;
    last_dip_watermark_ = at;
    dip_watch_->Evaluate(at, &unsent_dips_);
  }
  size_t sent = 0;
  for (const v1::Alert& alert : unsent_dips_) {
    ++counters_.alerts_written[{alert.state(), v1::Alert::Status_Name(alert.status()), alert.level()}];
    alert.SerializeToString(&alert_bytes_);
    // Not covered by a checkpoint (the windows are this process's): sent
    // at least once by the producer, and kept here until it takes them.
    KafkaRecordOut out{.topic = alert_settings_.topic, .key = alert.identity(), .value = alert_bytes_,
                       .resend_on_failure = true};
    if (!sink_->Send(out, nullptr, absl::ZeroDuration()).ok()) {
      --counters_.alerts_written[{alert.state(), v1::Alert::Status_Name(alert.status()), alert.level()}];
      ++counters_.alerts_unsent;
      break;
    }
    ++sent;
  }
  unsent_dips_.erase(unsent_dips_.begin(), unsent_dips_.begin() + static_cast<std::ptrdiff_t>(sent));
}

PartitionCheckpoint IngestPipeline::MakeCheckpoint(const Partition& partition) const {
  PartitionCheckpoint checkpoint;
  checkpoint.next_offset = partition.next_offset;
  checkpoint.engine_state = partition.engine->Snapshot();
  checkpoint.outcome_series = partition.series.Serialize(config_);
  checkpoint.dead_letters_by_reason = partition.dead_letters_by_reason;
  return checkpoint;
}

void IngestPipeline::CheckpointChanged() {
  for (auto& [tp, partition] : partitions_) {
    if (!partition.dirty || partition.saving) continue;
    if (!SendUnsent(partition, absl::ZeroDuration())) {
      ++counters_.checkpoints_held_for_dead_letters;
      continue;
    }
    partition.dirty = false;
    partition.saving = true;
    const uint64_t ownership = partition.ownership;
    // Runs on the writer's thread, where this pipeline may already be gone:
    // it touches nothing of ours, and hops to the loop, where the guard
    // drops it if the pipeline was destroyed meanwhile.
    auto saved = lifetime_.Guard([this, ownership](const TopicPartition& saved_tp, int64_t next_offset,
                                                   const absl::Status& status) {
      Saved(saved_tp, ownership, next_offset, status);
    });
    writer_->Save(tp, MakeCheckpoint(partition), partition.last_record_sequence,
                  [post = hooks_.post, saved](const TopicPartition& saved_tp, int64_t next_offset,
                                              const absl::Status& status) {
                    post([saved, saved_tp, next_offset, status]() mutable { saved(saved_tp, next_offset, status); });
                  });
  }
}

void IngestPipeline::Saved(const TopicPartition& tp, uint64_t ownership, int64_t next_offset,
                           const absl::Status& status) {
  auto it = partitions_.find(tp);
  // Revoked meanwhile (its last save was made there), or revoked and
  // assigned again since this save was asked for.
  if (it == partitions_.end() || it->second.ownership != ownership) return;
  Partition& partition = it->second;
  partition.saving = false;
  last_checkpoint_failed_ = !status.ok();
  if (!status.ok()) {
    ++counters_.checkpoint_failures;
    partition.dirty = true;
    spdlog::warn("{}/{}: checkpoint not saved ({}); will try again", tp.topic, tp.partition,
                 std::string(status.message()));
    return;
  }
  ++counters_.checkpoints;
  hooks_.on_saved(tp, next_offset);
}

absl::Status IngestPipeline::Reconfigure(EngineConfig config) {
  std::map<TopicPartition, std::pair<std::unique_ptr<Engine>, OutcomeSeries>> carried;
  for (const auto& [tp, partition] : partitions_) {
    absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Restore(config, partition.engine->Snapshot());
    if (!engine.ok()) return engine.status();
    OutcomeSeries series(config);
    if (absl::Status s = series.Parse(config, partition.series.Serialize(config_)); !s.ok()) return s;
    carried[tp] = {std::move(*engine), std::move(series)};
  }
  for (auto& [tp, state] : carried) {
    partitions_[tp].engine = std::move(state.first);
    partitions_[tp].series = std::move(state.second);
    partitions_[tp].dirty = true;
  }
  config_ = std::move(config);
  if (alert_settings_.enabled()) {
    contact_alerts_.emplace(config_, alert_settings_.levels);
    // New standards, new windows: judged afresh from the outcomes to come.
    dip_watch_.emplace(config_, alert_settings_.levels);
  }
  return absl::OkStatus();
}

Figures IngestPipeline::LiveFigures(absl::Time now) const {
  Figures figures(config_);
  const ToDateStarts starts = StartsAt(config_, now);
  for (const auto& [tp, partition] : partitions_) {
    figures.AddCounts(*partition.engine);
    figures.AddWaiting(*partition.engine, now);
    figures.AddToDate(*partition.engine, starts);
  }
  return figures;
}

Figures IngestPipeline::AllFigures() const {
  Figures figures(config_);
  for (const auto& [tp, partition] : partitions_) figures.Add(*partition.engine);
  return figures;
}

std::map<std::string, uint64_t> IngestPipeline::DeadLettersByReason() const {
  std::map<std::string, uint64_t> merged;
  for (const auto& [tp, partition] : partitions_) {
    for (const auto& [reason, n] : partition.dead_letters_by_reason) merged[reason] += n;
  }
  return merged;
}

std::map<TopicPartition, int64_t> IngestPipeline::positions() const {
  std::map<TopicPartition, int64_t> positions;
  for (const auto& [tp, partition] : partitions_) positions[tp] = partition.next_offset;
  return positions;
}

OutcomeSeries IngestPipeline::MergedOutcomeSeries(LabelValues& labels) const {
  OutcomeSeries merged(config_);
  for (const auto& [tp, partition] : partitions_) merged.Merge(partition.series, labels);
  return merged;
}

absl::Time IngestPipeline::watermark() const {
  absl::Time oldest = absl::InfiniteFuture();
  for (const auto& [tp, partition] : partitions_) oldest = std::min(oldest, partition.engine->watermark());
  return partitions_.empty() ? absl::InfinitePast() : oldest;
}

absl::Time IngestPipeline::newest_event_time() const {
  absl::Time newest = absl::InfinitePast();
  for (const auto& [tp, partition] : partitions_) {
    if (partition.engine->counters().events[static_cast<size_t>(Disposition::kApplied)] > 0) newest = std::max(newest, partition.engine->newest_event_time());
  }
  return newest;
}

}  // namespace ontime

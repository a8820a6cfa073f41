#include "cli/statement_sources.h"

#include <map>
#include <utility>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "kafka/kafka_topic_reader.h"

namespace ontime {

void AddEngineOutcome(const Engine& engine, const Outcome& outcome, StatementHistory* history) {
  const SymbolTable& symbols = engine.symbols();
  history->AddOutcome(engine.standard(outcome.standard), engine.time_zone(outcome.standard), outcome,
                      symbols.Name(outcome.dimensions.service), symbols.Name(outcome.dimensions.customer_group));
}

void AddOpenEpisodes(const Engine& engine, StatementHistory* history) {
  const SymbolTable& symbols = engine.symbols();
  engine.ForEachOpen([&](const OpenEpisode& open) {
    history->AddOpen(engine.standard(open.standard), engine.time_zone(open.standard), open.started, open.overdue,
                     open.dimensions.channel, symbols.Name(open.dimensions.service),
                     symbols.Name(open.dimensions.customer_group));
  });
}

namespace {

// Two independent 64-bit hashes of an identity: a 128-bit fingerprint, so
// a year of outcomes is told apart without keeping every identity (the
// chance of two colliding among 10^8 is about 10^-23).
absl::uint128 Fingerprint(std::string_view identity) {
  const uint64_t a = absl::Hash<std::string_view>{}(identity);
  const uint64_t b = std::hash<std::string_view>{}(identity);
  return absl::MakeUint128(a, b);
}

}  // namespace

OutcomeRecordIntake::OutcomeRecordIntake(const EngineConfig& config, const Engine& zones, StatementHistory* history)
    : config_(config), zones_(zones), standards_(config.standards), history_(history) {}

OutcomeRecordIntake::Result OutcomeRecordIntake::Take(const v1::OutcomeRecord& record) {
  if (!seen_.insert(Fingerprint(record.identity())).second) return Result::kDuplicate;
  absl::StatusOr<DecodedOutcome> decoded = FromOutcomeRecord(record, standards_);
  // A standard since removed from the config: not this statement's.
  if (!decoded.ok()) return Result::kOtherStandard;
  const Outcome& o = decoded->outcome;
  history_->AddOutcome(config_.standards[Index(o.standard)], zones_.time_zone(o.standard), o, decoded->service,
                       decoded->customer_group);
  return Result::kTaken;
}

absl::Status ReadDurableHistory(const RuntimeSettings& settings, const EngineConfig& config,
                                CheckpointedEngines& checkpointed, absl::Time figures_at, StatementHistory* history,
                                DurableHistoryCounts* counts) {
  if (settings.ingest.outcomes_topic.empty()) {
    return absl::FailedPreconditionError(
        "the config's ingest.outcomes_topic is off, so ontimed keeps no durable history; use --events");
  }
  if (checkpointed.engines.empty()) {
    return absl::NotFoundError("no checkpoints in the state topic yet: ontimed has not saved any state");
  }
  std::map<std::pair<std::string, int32_t>, int64_t> covered;
  Effects effects;
  for (CheckpointedEngine& e : checkpointed.engines) {
    covered[{e.source.topic, e.source.partition}] = e.next_offset;
    e.engine->Advance(figures_at, effects);
    effects.Clear();
    AddOpenEpisodes(*e.engine, history);
  }
  // Zones and standards: any engine of this config has them.
  OutcomeRecordIntake intake(config, *checkpointed.engines.front().engine, history);
  v1::OutcomeRecord record;
  const absl::Status read = ReadTopicRange(
      settings.kafka, settings.ingest.outcomes_topic, std::nullopt, [&](const KafkaRecord& kafka_record) {
        ++counts->records;
        if (kafka_record.value.empty() || !record.ParseFromArray(kafka_record.value.data(),
                                                                  static_cast<int>(kafka_record.value.size()))) {
          ++counts->unreadable;
          return;
        }
        const auto it = covered.find({record.source_topic(), record.source_partition()});
        if (it == covered.end() || record.source_position() > it->second) {
          ++counts->not_yet_checkpointed;
          return;
        }
        switch (intake.Take(record)) {
          case OutcomeRecordIntake::Result::kTaken: ++counts->taken; break;
          case OutcomeRecordIntake::Result::kDuplicate: ++counts->duplicates; break;
          case OutcomeRecordIntake::Result::kOtherStandard: ++counts->other_standards; break;
        }
      });
  return read;
}

}  // namespace ontime

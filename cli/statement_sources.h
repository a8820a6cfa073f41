// Where a statement's history comes from (statements/statement_history.h):
//   - events replayed through engines (`--events FILE`, or a source topic
//     with `--brokers B --topic T`): every outcome as it is made final, then
//     the episodes still open;
//   - ontimed's durable history in Kafka (`--brokers B`): the outcomes topic
//     paired with the checkpoints in the state topic. An outcome counts only
//     if its source partition's checkpoint covers it (source_position at or
//     before the checkpoint's offset), and each identity once (a crash
//     writes some twice); the checkpointed engines give the episodes still
//     open. So no contact counts as both decided and open, and the history
//     equals the events replayed to the checkpoints' offsets.
#ifndef ONTIME_CLI_STATEMENT_SOURCES_H_
#define ONTIME_CLI_STATEMENT_SOURCES_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "absl/container/flat_hash_set.h"
#include "absl/numeric/int128.h"
#include "cli/checkpointed_engines.h"
#include "collectors/outcome_record.h"
#include "config/daemon_settings.h"
#include "engine/engine.h"
#include "statements/statement_history.h"

namespace ontime {

// One outcome an engine made final.
void AddEngineOutcome(const Engine& engine, const Outcome& outcome, StatementHistory* history);
// Every episode the engine holds open, by its receipt.
void AddOpenEpisodes(const Engine& engine, StatementHistory* history);

// Outcome records (the outcomes topic) into a statement history, each
// identity once: what ReadDurableHistory does with every record a
// checkpoint covers.
class OutcomeRecordIntake {
 public:
  enum class Result { kTaken, kDuplicate, kOtherStandard };
  // `zones`: any engine of `config` (it knows each standard's time zone).
  OutcomeRecordIntake(const EngineConfig& config, const Engine& zones, StatementHistory* history);
  Result Take(const v1::OutcomeRecord& record);

 private:
  const EngineConfig& config_;
  const Engine& zones_;
  const StandardLookup standards_;
  StatementHistory* history_;
  // 128-bit fingerprints of the identities taken.
  absl::flat_hash_set<absl::uint128> seen_;
};

struct DurableHistoryCounts {
  uint64_t records = 0;
  uint64_t taken = 0;
  uint64_t duplicates = 0;
  // Written after the checkpoint of their partition: they count once it
  // is saved (the engines still hold those contacts open).
  uint64_t not_yet_checkpointed = 0;
  uint64_t unreadable = 0;
  // Of standards the config no longer has.
  uint64_t other_standards = 0;
};

// The outcomes topic and the checkpointed engines' open episodes into
// `history`; each engine is first advanced to `figures_at`, so contacts
// past their deadline then count as such.
absl::Status ReadDurableHistory(const RuntimeSettings& settings, const EngineConfig& config,
                                CheckpointedEngines& checkpointed, absl::Time figures_at, StatementHistory* history,
                                DurableHistoryCounts* counts);

}  // namespace ontime

#endif  // ONTIME_CLI_STATEMENT_SOURCES_H_

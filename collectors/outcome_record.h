// Outcomes as records on the outcomes topic (proto/ontime/v1/outcome.proto)
// and back: what ontimed writes for each outcome it makes final, and what
// `ontime statement --brokers` reads as the durable history.
//
//   v1::OutcomeRecord record;
//   ToOutcomeRecord(engine, outcome, {"contact-events", 3, 1042}, &record);
//   absl::StatusOr<DecodedOutcome> back = FromOutcomeRecord(record, StandardLookup(config.standards));
#ifndef ONTIME_COLLECTORS_OUTCOME_RECORD_H_
#define ONTIME_COLLECTORS_OUTCOME_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "engine/engine.h"
#include "ontime/v1/outcome.pb.h"

namespace ontime {

// Where the outcome was made final: the source partition's consumed
// position then (see OutcomeRecord.source_position).
struct SourcePosition {
  std::string_view topic;
  int32_t partition = 0;
  int64_t position = 0;
};

// "<standard>/<contact>/<episode>/<started microseconds>": the outcome's
// identity, the record key.
std::string OutcomeIdentity(std::string_view standard, const Outcome& outcome);

void ToOutcomeRecord(const Engine& engine, const Outcome& outcome, const SourcePosition& at, v1::OutcomeRecord* out);

// Standards by id, to read records fast (a hash lookup, not a scan).
class StandardLookup {
 public:
  explicit StandardLookup(const std::vector<Standard>& standards);
  std::optional<StandardIndex> Find(std::string_view id) const;

 private:
  absl::flat_hash_map<std::string, StandardIndex> by_id_;
};

struct DecodedOutcome {
  // `outcome.standard` indexes `standards` as given; names as recorded.
  Outcome outcome;
  std::string service;
  std::string customer_group;
};

// An error: a standard the config no longer has, or a verdict or channel
// this build does not know.
absl::StatusOr<DecodedOutcome> FromOutcomeRecord(const v1::OutcomeRecord& record, const StandardLookup& standards);

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_OUTCOME_RECORD_H_

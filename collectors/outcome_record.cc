#include "collectors/outcome_record.h"

#include "absl/strings/str_cat.h"

namespace ontime {

std::string OutcomeIdentity(std::string_view standard, const Outcome& outcome) {
  return absl::StrCat(std::string(standard), "/", outcome.contact_id, "/", outcome.episode, "/",
                      absl::ToUnixMicros(outcome.started));
}

void ToOutcomeRecord(const Engine& engine, const Outcome& outcome, const SourcePosition& at, v1::OutcomeRecord* out) {
  const Standard& standard = engine.standard(outcome.standard);
  const SymbolTable& symbols = engine.symbols();
  out->Clear();
  out->set_identity(OutcomeIdentity(standard.id, outcome));
  out->set_standard(standard.id);
  out->set_contact_id(outcome.contact_id);
  out->set_episode(outcome.episode);
  switch (outcome.verdict) {
    case Verdict::kMet: out->set_verdict(v1::OutcomeRecord::MET); break;
    case Verdict::kBreached: out->set_verdict(v1::OutcomeRecord::BREACHED); break;
    case Verdict::kExcluded: out->set_verdict(v1::OutcomeRecord::EXCLUDED); break;
  }
  out->set_measure(outcome.measure);
  out->set_started_us(absl::ToUnixMicros(outcome.started));
  out->set_decided_at_us(absl::ToUnixMicros(outcome.decided_at));
  // The engine's Channel numbers are the protocol's (static_asserted in
  // event_decoder).
  out->set_channel(static_cast<v1::Channel>(outcome.dimensions.channel));
  out->set_service(std::string(symbols.Name(outcome.dimensions.service)));
  out->set_customer_group(std::string(symbols.Name(outcome.dimensions.customer_group)));
  out->set_abandoned(outcome.abandoned);
  out->set_source_topic(std::string(at.topic));
  out->set_source_partition(at.partition);
  out->set_source_position(at.position);
}

StandardLookup::StandardLookup(const std::vector<Standard>& standards) {
  for (size_t i = 0; i < standards.size(); ++i) by_id_.emplace(standards[i].id, StandardAt(i));
}

std::optional<StandardIndex> StandardLookup::Find(std::string_view id) const {
  const auto it = by_id_.find(std::string(id));
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<DecodedOutcome> FromOutcomeRecord(const v1::OutcomeRecord& record, const StandardLookup& standards) {
  DecodedOutcome decoded;
  Outcome& o = decoded.outcome;
  const std::optional<StandardIndex> index = standards.Find(record.standard());
  if (!index) {
    return absl::NotFoundError(absl::StrCat("standard \"", record.standard(), "\" is not in the config"));
  }
  o.standard = *index;
  switch (record.verdict()) {
    case v1::OutcomeRecord::MET: o.verdict = Verdict::kMet; break;
    case v1::OutcomeRecord::BREACHED: o.verdict = Verdict::kBreached; break;
    case v1::OutcomeRecord::EXCLUDED: o.verdict = Verdict::kExcluded; break;
    default: return absl::InvalidArgumentError(absl::StrCat("unknown verdict ", record.verdict()));
  }
  if (record.channel() < 0 || record.channel() >= kChannelCount) {
    return absl::InvalidArgumentError(absl::StrCat("unknown channel ", record.channel()));
  }
  o.contact_id = record.contact_id();
  o.episode = record.episode();
  o.measure = record.measure();
  o.started = absl::FromUnixMicros(record.started_us());
  o.decided_at = absl::FromUnixMicros(record.decided_at_us());
  o.dimensions.channel = static_cast<Channel>(record.channel());
  o.abandoned = record.abandoned();
  decoded.service = record.service();
  decoded.customer_group = record.customer_group();
  return decoded;
}

}  // namespace ontime

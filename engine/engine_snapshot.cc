// Engine::Snapshot and Engine::Restore: the state to bytes and back.
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/engine.h"
#include "ontime/v1/snapshot.pb.h"

namespace ontime {

std::string Engine::Snapshot() const {
  v1::EngineSnapshot snapshot;
  snapshot.set_format(1);
  for (const Standard& standard : config_.standards) {
    snapshot.add_standard_ids(standard.id);
    snapshot.add_standard_filters(FilterFingerprint(standard.applies_to));
    v1::StandardFilterState* filter = snapshot.add_standard_filter_states();
    for (Channel c : standard.applies_to.channels) filter->add_channels(static_cast<uint32_t>(c));
    for (const std::string& v : standard.applies_to.contact_types) filter->add_contact_types(v);
    for (const std::string& v : standard.applies_to.services) filter->add_services(v);
    for (const std::string& v : standard.applies_to.priorities) filter->add_priorities(v);
  }
  snapshot.set_newest_event_us(newest_event_us_);
  snapshot.set_latest_event_us(latest_event_us_);
  snapshot.set_watermark_us(watermark_us_);
  snapshot.set_next_hour_drop_us(next_period_drop_us_);
  for (const std::string& name : symbols_.names()) snapshot.add_symbols(name);

  contacts_.ForEach([&](Slot slot) {
    const Contact& c = contacts_.at(slot);
    v1::ContactState* state = snapshot.add_contacts();
    state->set_contact_id(std::string(c.id.view()));
    v1::StoredEvents* events = state->mutable_events();
    for (const StoredEvent& e : c.events) {
      events->add_time_us(e.time_us);
      events->add_hash_and_type(e.hash_and_type);
      events->add_payload(e.payload);
    }
    state->set_channel(static_cast<uint32_t>(c.attributes.channel));
    state->set_attributes_from_start(c.attributes.from_start);
    state->set_contact_type(static_cast<uint32_t>(Index(c.attributes.contact_type)));
    state->set_service(static_cast<uint32_t>(Index(c.attributes.service)));
    state->set_priority(static_cast<uint32_t>(Index(c.attributes.priority)));
    state->set_customer_group(static_cast<uint32_t>(Index(c.attributes.customer_group)));
    state->set_signalled(c.signalled);
    state->set_emitted(c.emitted);
    state->set_episode(c.episode);
  });

  for (const auto& [key, cell] : aggregates_.cells()) {
    v1::AggregateState* state = snapshot.add_aggregates();
    state->set_standard(static_cast<uint32_t>(Index(key.standard)));
    state->set_period(static_cast<uint32_t>(key.period));
    state->set_period_start(key.period_start);
    state->set_channel(static_cast<uint32_t>(key.channel));
    state->set_service(static_cast<uint32_t>(Index(key.service)));
    state->set_customer_group(static_cast<uint32_t>(Index(key.customer_group)));
    state->set_met(cell.met);
    state->set_breached(cell.breached);
    state->set_excluded(cell.excluded);
    v1::SketchState* sketch = state->mutable_measures();
    sketch->set_first_index(cell.measures.first_index());
    for (uint32_t count : cell.measures.buckets()) sketch->add_buckets(count);
    sketch->set_zero_count(cell.measures.zero_count());
  }

  v1::CounterState* counters = snapshot.mutable_counters();
  for (uint64_t n : counters_.events) counters->add_events(n);
  for (uint64_t n : counters_.outcomes) counters->add_outcomes(n);
  for (uint64_t n : counters_.signals) counters->add_signals(n);
  for (uint64_t n : counters_.received_by_channel) counters->add_received_by_channel(n);
  counters->set_orphans(counters_.orphans);
  counters->set_standards_truncated(counters_.standards_truncated);
  for (const auto& [reason, n] : counters_.invalid_by_reason) {
    (*counters->mutable_invalid_by_reason())[reason] = n;
  }
  return snapshot.SerializeAsString();
}

absl::StatusOr<std::unique_ptr<Engine>> Engine::Restore(EngineConfig config,
                                                        std::string_view bytes) {
  v1::EngineSnapshot snapshot;
  if (!snapshot.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError("the snapshot is not an ontime.v1.EngineSnapshot");
  }
  if (snapshot.format() != 1) {
    return absl::FailedPreconditionError(
        absl::StrCat("snapshot format ", snapshot.format(), " is not supported"));
  }
  // The standards the snapshot was taken with. When they differ from the
  // config's (added, removed, reordered, filters changed), state carries
  // over by standard id: what a contact owes a kept standard stays, a new
  // standard judges open contacts from their events, a removed one's state
  // and aggregates go.
  const int old_count = snapshot.standard_ids_size();
  bool same = static_cast<size_t>(old_count) == config.standards.size();
  for (int i = 0; same && i < old_count; ++i) {
    const Standard& now = config.standards[static_cast<size_t>(i)];
    same = snapshot.standard_ids(i) == now.id &&
           (i >= snapshot.standard_filters_size() || snapshot.standard_filters(i) == FilterFingerprint(now.applies_to));
  }
  std::vector<Standard> old_standards(static_cast<size_t>(old_count));
  std::vector<int> new_index(static_cast<size_t>(old_count), -1);
  if (!same) {
    if (snapshot.standard_filter_states_size() != old_count) {
      return absl::FailedPreconditionError(
          "the snapshot was taken with different standards and predates carrying state across them");
    }
    for (int i = 0; i < old_count; ++i) {
      Standard& old = old_standards[static_cast<size_t>(i)];
      old.id = snapshot.standard_ids(i);
      const v1::StandardFilterState& f = snapshot.standard_filter_states(i);
      for (uint32_t c : f.channels()) {
        if (c >= static_cast<uint32_t>(kChannelCount)) return absl::DataLossError("the snapshot holds a bad filter");
        old.applies_to.channels.push_back(static_cast<Channel>(c));
      }
      old.applies_to.contact_types.assign(f.contact_types().begin(), f.contact_types().end());
      old.applies_to.services.assign(f.services().begin(), f.services().end());
      old.applies_to.priorities.assign(f.priorities().begin(), f.priorities().end());
      for (size_t j = 0; j < config.standards.size(); ++j) {
        if (config.standards[j].id == old.id) new_index[static_cast<size_t>(i)] = static_cast<int>(j);
      }
    }
  }
  absl::StatusOr<std::unique_ptr<Engine>> created = Create(std::move(config));
  if (!created.ok()) return created.status();
  Engine& engine = **created;

  engine.newest_event_us_ = snapshot.newest_event_us();
  // Snapshots before latest_event_us bounded nothing: the two were one.
  engine.latest_event_us_ = snapshot.has_latest_event_us() ? snapshot.latest_event_us() : snapshot.newest_event_us();
  engine.watermark_us_ = snapshot.watermark_us();
  engine.next_period_drop_us_ = snapshot.next_hour_drop_us();
  // The snapshot's symbol numbers are the old engine's; this engine has
  // interned its own config's filter values first, which differ when the
  // standards did. Every stored symbol is translated by name.
  std::vector<Symbol> symbol_of(static_cast<size_t>(std::max(snapshot.symbols_size(), 2)));
  symbol_of[Index(SymbolTable::kNone)] = SymbolTable::kNone;
  symbol_of[Index(SymbolTable::kOverflow)] = SymbolTable::kOverflow;
  {
    absl::flat_hash_set<std::string_view> seen;
    for (int i = 2; i < snapshot.symbols_size(); ++i) {
      if (!seen.insert(snapshot.symbols(i)).second) {
        return absl::DataLossError("the snapshot's symbol table has repeated entries");
      }
      symbol_of[static_cast<size_t>(i)] = engine.symbols_.Intern(snapshot.symbols(i));
    }
  }
  const auto symbol_ok = [&](uint32_t s) { return s < symbol_of.size(); };
  const auto symbol = [&](uint32_t s) { return symbol_of[s]; };

  for (const v1::ContactState& state : snapshot.contacts()) {
    const v1::StoredEvents& events = state.events();
    if (events.time_us_size() != events.hash_and_type_size() ||
        events.time_us_size() != events.payload_size() || events.time_us_size() == 0 ||
        state.channel() >= static_cast<uint32_t>(kChannelCount) ||
        !symbol_ok(state.contact_type()) || !symbol_ok(state.service()) ||
        !symbol_ok(state.priority()) || !symbol_ok(state.customer_group())) {
      return absl::DataLossError(
          absl::StrCat("the snapshot's contact ", state.contact_id(), " is malformed"));
    }
    if (engine.contacts_.Find(state.contact_id()) != nullptr) {
      return absl::DataLossError(
          absl::StrCat("the snapshot holds contact ", state.contact_id(), " twice"));
    }
    const Slot slot = engine.contacts_.Insert(state.contact_id());
    Contact& c = engine.contacts_.at(slot);
    for (int i = 0; i < events.time_us_size(); ++i) {
      c.events.push_back({events.time_us(i), events.hash_and_type(i), events.payload(i)});
    }
    c.attributes.channel = static_cast<Channel>(state.channel());
    c.attributes.from_start = state.attributes_from_start();
    c.attributes.contact_type = symbol(state.contact_type());
    c.attributes.service = symbol(state.service());
    c.attributes.priority = symbol(state.priority());
    c.attributes.customer_group = symbol(state.customer_group());
    c.signalled = state.signalled();
    c.emitted = static_cast<uint16_t>(state.emitted());
    c.episode = static_cast<uint16_t>(state.episode());
    if (!same) engine.CarryAcrossStandards(c, old_standards, new_index);
    if (IsHeld(c)) ++engine.held_;
    engine.Schedule(slot);
  }

  for (const v1::AggregateState& state : snapshot.aggregates()) {
    uint32_t standard = state.standard();
    if (!same) {
      if (standard >= new_index.size()) return absl::DataLossError("the snapshot holds a malformed aggregate");
      if (new_index[standard] < 0) continue;  // a standard no longer measured
      standard = static_cast<uint32_t>(new_index[standard]);
    }
    if (standard >= engine.config_.standards.size() ||
        state.period() >= static_cast<uint32_t>(kPeriodKindCount) ||
        state.channel() >= static_cast<uint32_t>(kChannelCount) ||
        !symbol_ok(state.service()) || !symbol_ok(state.customer_group())) {
      return absl::DataLossError("the snapshot holds a malformed aggregate");
    }
    const AggregateKey key{StandardAt(standard),
                           static_cast<PeriodKind>(state.period()),
                           state.period_start(),
                           static_cast<Channel>(state.channel()),
                           symbol(state.service()),
                           symbol(state.customer_group())};
    AggregateCell cell;
    cell.met = state.met();
    cell.breached = state.breached();
    cell.excluded = state.excluded();
    const v1::SketchState& sketch = state.measures();
    cell.measures = QuantileSketch::FromState(
        sketch.first_index(), {sketch.buckets().begin(), sketch.buckets().end()},
        sketch.zero_count());
    engine.aggregates_.Insert(key, std::move(cell));
  }

  const v1::CounterState& counters = snapshot.counters();
  for (int i = 0; i < counters.events_size() && i < kDispositionCount; ++i) {
    engine.counters_.events[static_cast<size_t>(i)] = counters.events(i);
  }
  for (int i = 0; i < counters.outcomes_size() && i < 3; ++i) {
    engine.counters_.outcomes[static_cast<size_t>(i)] = counters.outcomes(i);
  }
  for (int i = 0; i < counters.signals_size() && i < kSignalKindCount; ++i) {
    engine.counters_.signals[static_cast<size_t>(i)] = counters.signals(i);
  }
  for (int i = 0; i < counters.received_by_channel_size() && i < kChannelCount; ++i) {
    engine.counters_.received_by_channel[static_cast<size_t>(i)] = counters.received_by_channel(i);
  }
  engine.counters_.orphans = counters.orphans();
  engine.counters_.standards_truncated = counters.standards_truncated();
  for (const auto& [reason, n] : counters.invalid_by_reason()) {
    engine.counters_.invalid_by_reason[reason] = n;
  }
  return created;
}

void Engine::CarryAcrossStandards(Contact& contact, const std::vector<Standard>& old_standards,
                                  const std::vector<int>& new_index) {
  // Positions in the contact's applicable list, as ApplicableTo builds it,
  // under the old standards and the new.
  Applicable old_applicable;
  Applicability::Compute(old_standards, symbols_, contact.attributes, &old_applicable);
  const Applicable& now = ApplicableTo(contact.attributes);
  uint16_t emitted = 0;
  uint32_t signalled = 0;
  for (size_t old_pos = 0; old_pos < old_applicable.size(); ++old_pos) {
    const int standard = new_index[Index(old_applicable[old_pos])];
    if (standard < 0) continue;
    const auto it = std::find(now.begin(), now.end(), StandardAt(static_cast<size_t>(standard)));
    if (it == now.end()) continue;
    const size_t pos = static_cast<size_t>(it - now.begin());
    if (contact.emitted >> old_pos & 1) emitted |= static_cast<uint16_t>(1u << pos);
    signalled |= ((contact.signalled >> (2 * old_pos)) & 3u) << (2 * pos);
  }
  contact.emitted = emitted;
  contact.signalled = signalled;
}

}  // namespace ontime

// The engine: a value machine that measures contacts against standards.
//
//   Effects fx;
//   engine->Apply(event, fx);       // outcomes the event made final
//   engine->Advance(now, fx);       // at-risk and overdue signals due by now
//   std::string bytes = engine->Snapshot();
//   auto same = Engine::Restore(config, bytes);   // an identical engine
//
// Time comes in as values: event time on events, `now` on Advance. There is
// no clock, no I/O and no thread here, so a test can drive it to the
// microsecond and a replay gives exactly what the live run gave.
//
// Exactness in event time. The watermark is the newest event time seen minus
// the allowed lateness, where an event's time counts no later than its
// reference time (when it reached the log; see Event::reference_time). An event older than the watermark is late: counted,
// reported, never applied. An outcome decided at event time d is emitted once
// the watermark passes d; until then any event that could change it is still
// accepted. So every arrival order of the same events within the lateness,
// duplicates included, gives the same outcomes. Outcomes are driven by event
// time alone; only the live signals of Advance() read `now`.
//
// Outcomes are decided at the stop (the response, the resolution, ...), with
// the measure exact in the standard's clock, and belong to the periods of
// that stop. A contact still open past its deadline is reported live by an
// overdue signal; its outcome, breached, comes when it stops.
#ifndef ONTIME_ENGINE_ENGINE_H_
#define ONTIME_ENGINE_ENGINE_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/aggregates.h"
#include "engine/applicability.h"
#include "engine/calendar.h"
#include "engine/check.h"
#include "engine/clock.h"
#include "engine/contact_table.h"
#include "engine/deadline_index.h"
#include "engine/engine_config.h"
#include "engine/episode.h"
#include "engine/event.h"
#include "engine/judgement.h"
#include "engine/outcome.h"
#include "engine/portable_aggregates.h"
#include "engine/symbol_table.h"
#include "engine/waiting_counts.h"

namespace ontime {

struct EngineCounters {
  std::array<uint64_t, kDispositionCount> events{};
  std::array<uint64_t, 3> outcomes{};
  std::array<uint64_t, kSignalKindCount> signals{};
  // Receipts applied (each distinct receipt once), by channel.
  std::array<uint64_t, kChannelCount> received_by_channel{};
  uint64_t orphans = 0;
  // Events whose contact matched more standards than a contact can track
  // (kMaxStandardsPerContact); config validation makes this impossible.
  uint64_t standards_truncated = 0;
  absl::flat_hash_map<std::string, uint64_t> invalid_by_reason;

  // Adds another engine's counters (partitions, instances).
  void Merge(const EngineCounters& other);

  friend bool operator==(const EngineCounters&, const EngineCounters&) = default;
};

// An episode still waiting for its stop under a standard.
struct OpenEpisode {
  std::string_view contact_id;
  StandardIndex standard{};
  // The episode's start: the contact's receipt, or its latest reopening.
  absl::Time started;
  // Past its deadline as of the watermark (signalled overdue).
  bool overdue = false;
  Dimensions dimensions;
};

class Engine {
 public:
  // A contact tracks its standards in 16-bit masks.
  static constexpr size_t kMaxStandardsPerContact = Applicability::kMaxStandardsPerContact;

  static absl::StatusOr<std::unique_ptr<Engine>> Create(EngineConfig config);
  // The state in `snapshot`, under `config`. The standards may have changed
  // since: state carries over by standard id (kept standards keep what
  // each contact owes them; added ones judge open contacts from their
  // events; removed ones, and their aggregates, go).
  static absl::StatusOr<std::unique_ptr<Engine>> Restore(EngineConfig config,
                                                         std::string_view snapshot);

  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Applies one event; appends what it caused to `effects` and sets its
  // disposition.
  void Apply(const Event& event, Effects& effects);
  // Appends the at-risk and overdue signals that fell due by `now`, each
  // once, never early.
  void Advance(absl::Time now, Effects& effects);

  // The input is complete (a replayed file's end): moves the watermark past
  // the newest event and the hold, so every outcome decided so far is final
  // and held contacts expire. Any later event is late.
  void FinishInput(Effects& effects);

  // The whole state, as bytes (ontime.v1.EngineSnapshot).
  std::string Snapshot() const;

  const EngineConfig& config() const { return config_; }
  const Standard& standard(StandardIndex i) const {
    ONTIME_DCHECK(Index(i) < config_.standards.size());
    return config_.standards[Index(i)];
  }
  absl::TimeZone time_zone(StandardIndex i) const;
  const SymbolTable& symbols() const { return symbols_; }
  const Aggregates& aggregates() const { return aggregates_; }
  // The aggregates keyed by names, to merge with other engines' or export.
  PortableAggregates ExportAggregates() const;
  const EngineCounters& counters() const { return counters_; }
  absl::Time watermark() const { return absl::FromUnixMicros(watermark_us_); }
  // The newest event time the watermark follows (bounded by references).
  absl::Time newest_event_time() const { return absl::FromUnixMicros(newest_event_us_); }
  size_t open_contacts() const { return contacts_.size(); }
  size_t held_contacts() const { return held_; }
  // What is waiting now, per standard and channel: a walk over the open
  // contacts (about 10 ns each), for live gauges.
  void CountWaiting(absl::Time now, WaitingCounts* counts) const;
  // Every episode still waiting for its stop, one call per contact and
  // standard, as of the watermark (statements count those received in a
  // month: breached when overdue, pending otherwise).
  void ForEachOpen(absl::FunctionRef<void(const OpenEpisode&)> visit) const;

 private:
  struct StandardRuntime {
    const Calendar* calendar;
    std::unique_ptr<Clock> clock;
  };
  using Applicable = Applicability::List;
  using Judgements = absl::InlinedVector<Judgement, 8>;

  explicit Engine(EngineConfig config);
  absl::Status Init();

  const StandardRuntime& runtime(StandardIndex i) const {
    ONTIME_DCHECK(Index(i) < standards_.size());
    return standards_[Index(i)];
  }
  const Applicable& ApplicableTo(const ContactAttributes& attributes) {
    return applicability_.For(attributes, &counters_.standards_truncated);
  }
  void SetAttributes(Contact& contact, const Event& event);
  // Judges each applicable standard not yet emitted (emitted ones come back
  // not applicable).
  void Judge(const Episode& episode, const Applicable& applicable, uint16_t emitted,
             Judgements* judgements) const;
  // Re-judges the contact and (re)schedules its index entries.
  void Schedule(Slot slot);
  // The same, from judgements of the contact's current events.
  void Schedule(Slot slot, const Episode& episode, std::optional<size_t> reopening,
                const Judgements& judgements);
  void AdvanceWatermark(Effects& effects);
  void MoveWatermarkTo(int64_t watermark_us, Effects& effects);
  // Emits what the watermark made final; settles or removes the contact.
  void Finalize(Slot slot, Effects& effects);
  void EmitFinalScores(Contact& contact, Effects& effects);
  // `pos`: the standard's position among the contact's applicable ones, for
  // the signals that stood (nullopt for satisfaction scores, never signalled).
  void Emit(const Contact& contact, std::optional<size_t> pos, uint32_t episode, StandardIndex standard,
            const Judgement& judgement, Effects& effects);
  void DropClosedPeriods();
  // Restore into changed standards: re-maps the contact's per-standard bits
  // from the old standards' positions to the new ones', by standard id.
  void CarryAcrossStandards(Contact& contact, const std::vector<Standard>& old_standards,
                            const std::vector<int>& new_index);

  EngineConfig config_;
  std::vector<std::unique_ptr<Calendar>> calendars_;
  std::vector<StandardRuntime> standards_;
  SymbolTable symbols_;
  // Over config_.standards and symbols_.
  Applicability applicability_;

  ContactTable contacts_;
  // Instants (wall clock) at which a contact's next at-risk or overdue signal falls due.
  DeadlineIndex signal_index_;
  // Event times the watermark must pass for a contact's next outcome, settling
  // or orphan expiry.
  DeadlineIndex final_index_;
  size_t held_ = 0;

  // The newest event time the watermark follows: each applied event's time,
  // bounded by its reference time.
  int64_t newest_event_us_ = INT64_MIN;
  // The newest event time of all, future-stamped ones included: where a
  // finished input's watermark must go.
  int64_t latest_event_us_ = INT64_MIN;
  int64_t watermark_us_ = INT64_MIN;
  int64_t next_period_drop_us_ = INT64_MIN;

  Aggregates aggregates_;
  EngineCounters counters_;

  friend class EngineSnapshotCodec;
};

}  // namespace ontime

#endif  // ONTIME_ENGINE_ENGINE_H_

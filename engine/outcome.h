// What the engine tells the world: outcomes (final, once per contact,
// standard and episode) and signals (live warnings from advance()).
#ifndef ONTIME_ENGINE_OUTCOME_H_
#define ONTIME_ENGINE_OUTCOME_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "engine/event.h"

namespace ontime {

// A standard's position in EngineConfig::standards. Its own type: it does
// not convert to or from a Symbol or a plain integer; Index() and
// StandardAt() convert explicitly.
enum class StandardIndex : uint16_t {};
// Interned attribute value (service, customer group, ...); Symbol{} (0) is
// "none". Index() and SymbolAt() convert explicitly.
enum class Symbol : uint16_t {};

// Positions, to index vectors with (and to encode in snapshots).
constexpr size_t Index(StandardIndex i) { return static_cast<size_t>(i); }
constexpr size_t Index(Symbol s) { return static_cast<size_t>(s); }
// The standard at position `i`; the caller keeps `i` below 65536 (the
// engine refuses more standards).
constexpr StandardIndex StandardAt(size_t i) { return static_cast<StandardIndex>(i); }
// The symbol numbered `i`; the caller keeps `i` below 65536.
constexpr Symbol SymbolAt(size_t i) { return static_cast<Symbol>(i); }

enum class Verdict : uint8_t { kMet, kBreached, kExcluded };
std::string_view VerdictName(Verdict verdict);

// The attributes outcomes are grouped by.
struct Dimensions {
  Channel channel = Channel::kUnspecified;
  Symbol service{};
  Symbol customer_group{};
};

struct Outcome {
  std::string contact_id;
  StandardIndex standard{};
  // 0 for the contact's first episode; each reopening starts the next. A
  // reopening that arrives after the contact's earlier episodes have left
  // memory is numbered 1, so an outcome is identified by (contact_id,
  // standard, started): `started` tells such episodes apart. Satisfaction
  // outcomes are per score, numbered 0, identified by their time.
  uint32_t episode = 0;
  Verdict verdict = Verdict::kMet;
  // In the standard's unit (Standard::unit()).
  int64_t measure = 0;
  absl::Time started;
  // The event time the outcome was decided at (the stop); it places the
  // outcome in its hour, day, week and month.
  absl::Time decided_at;
  // The first instant at which a stop would have breached; InfiniteFuture for
  // untimed standards.
  absl::Time deadline = absl::InfiniteFuture();
  Dimensions dimensions;
  // The live signals standing about this contact, standard and episode when
  // it stopped (bits of 1 << SignalKind), so whoever alerted on them can
  // resolve (or, when it was met after all, withdraw) exactly those. An
  // at-risk signal stands until the overdue one supersedes it.
  uint8_t signalled = 0;
  // The customer gave up before the stop the standard measures (an
  // abandoned call): `measure` is how long they waited, not a response
  // time.
  bool abandoned = false;
};

enum class SignalKind : uint8_t {
  // Open, not breached, with warn_at of the allowed time used (CSE 5.2.5).
  kAtRisk,
  // Open past its deadline.
  kOverdue,
  // Open and over its deadline by more than the standard's escalate_after,
  // counted in its own clock ("2 working days over").
  kEscalated,
};
inline constexpr int kSignalKindCount = 3;
std::string_view SignalKindName(SignalKind kind);

struct Signal {
  SignalKind kind = SignalKind::kAtRisk;
  std::string contact_id;
  StandardIndex standard{};
  uint32_t episode = 0;
  // When the signal fell due (never after the `now` that reported it).
  absl::Time due;
  // The first breaching instant, and the end of the allowed time as people
  // are told it (see Judgement::due_by).
  absl::Time deadline;
  absl::Time due_by;
  Dimensions dimensions;
  // Overdue only: an at-risk signal was raised for this contact and
  // standard before (not when a contact goes straight to overdue, where the
  // at-risk one is never raised), so it now stands superseded.
  bool supersedes_at_risk = false;
};

// What became of an applied event.
enum class Disposition : uint8_t {
  kApplied,
  // Held until its contact's receipt arrives.
  kHeld,
  kDuplicate,
  // Older than the watermark: counted, not applied.
  kLate,
  // Its contact is unknown and the held-contact limit is reached, or its
  // contact already holds max_events_per_contact events.
  kRefused,
  // Missing or contradictory fields; see Effects::invalid_reason.
  kInvalid,
};
inline constexpr int kDispositionCount = 6;
std::string_view DispositionName(Disposition disposition);

// A held contact whose receipt never came within the hold.
struct Orphan {
  std::string contact_id;
  uint32_t events = 0;
};

// The effects of one Apply() or Advance() call. Reuse one across calls and
// Clear() it, so the hot path allocates nothing.
struct Effects {
  Disposition disposition = Disposition::kApplied;
  std::string_view invalid_reason;
  std::vector<Outcome> outcomes;
  std::vector<Signal> signals;
  std::vector<Orphan> orphans;

  void Clear() {
    disposition = Disposition::kApplied;
    invalid_reason = {};
    outcomes.clear();
    signals.clear();
    orphans.clear();
  }
};

}  // namespace ontime

#endif  // ONTIME_ENGINE_OUTCOME_H_

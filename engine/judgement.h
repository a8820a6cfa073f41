// Judges one episode against one standard: decided (met, breached,
// excluded) with its measure and the time it was decided at, or still open
// with the instants at which it will be at risk and breach. Pure: the same
// episode and standard always give the same judgement.
//
//   phone answer 60 s, received 09:00:00, answered 09:00:42
//     -> decided met, measure 42 s, decided at 09:00:42
//   same, not yet answered
//     -> open, at risk at 09:00:48 (warn_at 0.8), breaches at 09:01:00.000001
#ifndef ONTIME_ENGINE_JUDGEMENT_H_
#define ONTIME_ENGINE_JUDGEMENT_H_

#include <cstdint>

#include "absl/time/time.h"
#include "engine/clock.h"
#include "engine/episode.h"
#include "engine/outcome.h"
#include "engine/standard.h"

namespace ontime {

struct Judgement {
  enum class State : uint8_t {
    // The standard does not apply to this episode (a promise standard with
    // no promise made, a first response after a reopening, no score yet...).
    kNotApplicable,
    kOpen,
    kDecided,
  };
  State state = State::kNotApplicable;
  Verdict verdict = Verdict::kMet;
  int64_t measure = 0;
  absl::Time started;
  absl::Time decided_at = absl::InfiniteFuture();
  // Open or decided: the first instant a stop would breach (InfiniteFuture
  // while on hold, or for untimed standards).
  absl::Time deadline = absl::InfiniteFuture();
  // Open only: the end of the allowed time, as people are told it ("due by
  // Tuesday 17:00"): the last instant a stop is still met. For a business
  // clock that is the closing time the allowed hours run out at, where
  // `deadline` (the first breaching instant) is the next opening; for
  // working days it equals `deadline`, the end (local midnight) of the last
  // allowed day.
  absl::Time due_by = absl::InfiniteFuture();
  // Open only: when warn_at of the allowed time is used.
  absl::Time at_risk_at = absl::InfiniteFuture();
  // Open only: when it is over its deadline by more than the standard's
  // escalate_after (InfiniteFuture if the standard does not escalate).
  absl::Time escalate_at = absl::InfiniteFuture();
  // Decided by the customer giving up (an abandoned call), not by a
  // response: the measure is how long they waited.
  bool abandoned = false;
};

// Not applicable for satisfaction standards: see JudgeScore.
Judgement Judge(const Standard& standard, const Clock& clock, const Episode& episode);

// A satisfaction score given at `at`, against a satisfaction standard.
Judgement JudgeScore(const Standard& standard, absl::Time at, int32_t score);

}  // namespace ontime

#endif  // ONTIME_ENGINE_JUDGEMENT_H_

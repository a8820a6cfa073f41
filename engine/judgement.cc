#include "engine/judgement.h"

#include <algorithm>
#include <cmath>

namespace ontime {
namespace {

int64_t WarnThreshold(const Standard& standard) {
  return static_cast<int64_t>(
      std::floor(static_cast<double>(standard.threshold) * standard.warn_at));
}

Judgement Decided(Verdict verdict, int64_t measure, absl::Time started,
                  absl::Time decided_at, absl::Time deadline) {
  Judgement j;
  j.state = Judgement::State::kDecided;
  j.verdict = verdict;
  j.measure = measure;
  j.started = started;
  j.decided_at = decided_at;
  j.deadline = deadline;
  return j;
}

Verdict Within(int64_t measure, int64_t threshold) {
  return measure <= threshold ? Verdict::kMet : Verdict::kBreached;
}

// An open timed stage whose clock runs over `running` (open-ended).
Judgement OpenOn(const Standard& standard, const Clock& clock, absl::Time started,
                 absl::Span<const Interval> running) {
  Judgement j;
  j.state = Judgement::State::kOpen;
  j.started = started;
  j.deadline = clock.BreachesAt(running, standard.threshold);
  // Microsecond clocks breach one microsecond past the allowed time; the
  // last met instant is where the measure reaches the threshold.
  j.due_by = standard.unit() == MeasureUnit::kMicroseconds && standard.threshold > 0
                 ? clock.BreachesAt(running, standard.threshold - 1)
                 : j.deadline;
  j.at_risk_at = clock.BreachesAt(running, WarnThreshold(standard));
  if (standard.escalate_after > 0) {
    // Over by more than escalate_after: the measure passes threshold +
    // escalate_after, in the same clock as the deadline.
    j.escalate_at = clock.BreachesAt(running, standard.threshold + standard.escalate_after);
  }
  return j;
}

Judgement JudgeFirstResponse(const Standard& s, const Clock& clock, const Episode& e) {
  if (e.started_by_reopening) return {};
  const Interval from_start[] = {{e.start, absl::InfiniteFuture()}};
  const absl::Time deadline = clock.BreachesAt(from_start, s.threshold);
  if (e.first_response) {
    const Interval waited[] = {{e.start, *e.first_response}};
    const int64_t measure = clock.Measure(waited);
    return Decided(Within(measure, s.threshold), measure, e.start, *e.first_response,
                   deadline);
  }
  if (e.abandoned) {
    const Interval waited[] = {{e.start, *e.abandoned}};
    const int64_t measure = clock.Measure(waited);
    // Abandoned within the grace: the customer barely waited, so the call
    // says nothing about our timeliness.
    const absl::Duration waited_for = *e.abandoned - e.start;
    const bool within_grace =
        s.abandoned_grace_inclusive ? waited_for <= s.abandoned_grace : waited_for < s.abandoned_grace;
    const Verdict verdict =
        within_grace || s.abandoned_count_as == AbandonedCountAs::kExcluded
            ? Verdict::kExcluded
            : Verdict::kBreached;
    Judgement j = Decided(verdict, measure, e.start, *e.abandoned, deadline);
    j.abandoned = true;
    return j;
  }
  return OpenOn(s, clock, e.start, from_start);
}

Judgement JudgeResolution(const Standard& s, const Clock& clock, const Episode& e) {
  if (e.abandoned) {
    return Decided(Verdict::kExcluded, 0, e.start, *e.abandoned, absl::InfiniteFuture());
  }
  if (e.resolved) {
    const int64_t measure = clock.Measure(e.running);
    // The deadline as it stood at the close: pauses before it counted.
    absl::Time deadline = absl::InfiniteFuture();
    if (!e.on_hold) deadline = clock.BreachesAt(e.running, s.threshold);
    return Decided(Within(measure, s.threshold), measure, e.start, *e.resolved, deadline);
  }
  if (e.on_hold) {
    Judgement j;
    j.state = Judgement::State::kOpen;
    j.started = e.start;
    return j;
  }
  return OpenOn(s, clock, e.start, e.running);
}

Judgement JudgeUpdate(const Standard& s, const Clock& clock, const Episode& e) {
  if (e.abandoned) {
    return Decided(Verdict::kExcluded, 0, e.start, *e.abandoned, absl::InfiniteFuture());
  }
  absl::InlinedVector<absl::Time, 4> touches(e.touches.begin(), e.touches.end());
  std::sort(touches.begin(), touches.end());
  int64_t longest_gap = 0;
  absl::Time first_breach = absl::InfiniteFuture();
  for (size_t i = 0; i + 1 < touches.size(); ++i) {
    const Interval gap[] = {{touches[i], touches[i + 1]}};
    const int64_t measure = clock.Measure(gap);
    longest_gap = std::max(longest_gap, measure);
    if (measure > s.threshold && first_breach == absl::InfiniteFuture()) {
      const Interval from[] = {{touches[i], absl::InfiniteFuture()}};
      first_breach = clock.BreachesAt(from, s.threshold);
    }
  }
  const Interval from_last[] = {{touches.back(), absl::InfiniteFuture()}};
  if (e.resolved) {
    const Interval gap[] = {{touches.back(), *e.resolved}};
    const int64_t last_gap = clock.Measure(gap);
    if (last_gap > s.threshold && first_breach == absl::InfiniteFuture()) {
      first_breach = clock.BreachesAt(from_last, s.threshold);
    }
    longest_gap = std::max(longest_gap, last_gap);
    return Decided(Within(longest_gap, s.threshold), longest_gap, e.start, *e.resolved,
                   first_breach);
  }
  Judgement j = OpenOn(s, clock, e.start, from_last);
  j.deadline = std::min(j.deadline, first_breach);
  j.due_by = std::min(j.due_by, j.deadline);
  j.at_risk_at = std::min(j.at_risk_at, j.deadline);
  return j;
}

// Every promise must be kept: one superseded after its time had passed was
// broken, and the last one must be met by the resolution.
Judgement JudgePromise(const Standard& s, const Episode& e) {
  if (e.promises.empty()) return {};
  absl::InlinedVector<Promise, 2> promises(e.promises.begin(), e.promises.end());
  std::sort(promises.begin(), promises.end(),
            [](const Promise& a, const Promise& b) { return a.made < b.made; });
  // A stop at the due time keeps the promise; a microsecond later breaks it.
  absl::Time broken_at = absl::InfiniteFuture();
  for (size_t i = 0; i + 1 < promises.size(); ++i) {
    if (promises[i + 1].made > promises[i].due) {
      broken_at = promises[i].due + absl::Microseconds(1);
      break;
    }
  }
  const Promise& in_force = promises.back();
  const absl::Time deadline =
      std::min(broken_at, in_force.due + absl::Microseconds(1));
  if (e.abandoned) {
    return Decided(Verdict::kExcluded, 0, promises.front().made, *e.abandoned, deadline);
  }
  if (e.resolved) {
    const int64_t measure = absl::ToInt64Microseconds(*e.resolved - promises.front().made);
    const Verdict verdict = *e.resolved < deadline ? Verdict::kMet : Verdict::kBreached;
    return Decided(verdict, std::max<int64_t>(measure, 0), promises.front().made,
                   *e.resolved, deadline);
  }
  Judgement j;
  j.state = Judgement::State::kOpen;
  j.started = in_force.made;
  j.deadline = deadline;
  j.due_by = std::min(in_force.due, deadline);
  const absl::Duration allowed = in_force.due - in_force.made;
  j.at_risk_at = std::min(deadline, in_force.made + allowed * s.warn_at);
  // A promise's time is elapsed time: escalate_after is microseconds.
  if (s.escalate_after > 0) j.escalate_at = deadline + absl::Microseconds(s.escalate_after);
  return j;
}

Judgement JudgeAtResolution(const Standard& s, const Episode& e) {
  if (e.abandoned) {
    return Decided(Verdict::kExcluded, 0, e.start, *e.abandoned, absl::InfiniteFuture());
  }
  if (!e.resolved) {
    Judgement j;
    j.state = Judgement::State::kOpen;
    j.started = e.start;
    return j;
  }
  if (s.stage == Stage::kTransfers) {
    return Decided(Within(e.transfers, s.threshold), e.transfers, e.start, *e.resolved,
                   absl::InfiniteFuture());
  }
  // First-contact resolution: no hand-over and no "we will come back to you"
  // (CSE 5.2.4: a promise means it was not done at first contact).
  const bool first_contact = e.transfers == 0 && e.promises.empty();
  return Decided(first_contact ? Verdict::kMet : Verdict::kBreached,
                 absl::ToInt64Microseconds(*e.resolved - e.start), e.start, *e.resolved,
                 absl::InfiniteFuture());
}

}  // namespace

Judgement JudgeScore(const Standard& standard, absl::Time at, int32_t score) {
  if (standard.stage != Stage::kSatisfaction) return {};
  const Verdict verdict = score >= standard.threshold ? Verdict::kMet : Verdict::kBreached;
  return Decided(verdict, score, at, at, absl::InfiniteFuture());
}

Judgement Judge(const Standard& standard, const Clock& clock, const Episode& episode) {
  if (standard.stage == Stage::kSatisfaction || !episode.started) return {};
  switch (standard.stage) {
    case Stage::kFirstResponse: return JudgeFirstResponse(standard, clock, episode);
    case Stage::kResolution: return JudgeResolution(standard, clock, episode);
    case Stage::kUpdate: return JudgeUpdate(standard, clock, episode);
    case Stage::kPromise: return JudgePromise(standard, episode);
    case Stage::kFirstContactResolution:
    case Stage::kTransfers: return JudgeAtResolution(standard, episode);
    case Stage::kSatisfaction: break;
  }
  return {};
}

}  // namespace ontime

// A clock measures how much of a stage's time counts, in its own unit.
//
//   elapsed       wall time, in microseconds
//   business      only the calendar's opening hours, in microseconds
//   working_days  whole working days: a contact received on working day D0
//                 (after the cut-off or on a closed day: the next working day)
//                 and stopped at s measures k, the smallest j >= 0 with s
//                 before the end (local midnight) of the j-th working day
//                 after D0. "Within 10 working days" means k <= 10.
//
// A stage's clock runs over `running` segments: sorted, disjoint, half-open;
// the gaps between them are pauses (CSE: the customer's time is not ours).
// For working days a pause costs the working days it spans, measured the same
// way: k(resume) - k(pause).
//
// Example (elapsed, threshold 20 min): running = {[09:00, 09:10), [09:30, 09:35)}
// measures 15 min; with the clock still running from 09:30, a stop at
// 09:40:00 measures exactly 20 min and meets it, so BreachesAt = 09:40:00.000001.
#ifndef ONTIME_ENGINE_CLOCK_H_
#define ONTIME_ENGINE_CLOCK_H_

#include <cstdint>
#include <memory>

#include "absl/time/time.h"
#include "absl/types/span.h"
#include "engine/calendar.h"

namespace ontime {

enum class ClockKind : uint8_t { kElapsed, kBusiness, kWorkingDays };

class Clock {
 public:
  virtual ~Clock() = default;

  virtual ClockKind kind() const = 0;

  // The amount the clock counted over `running` (all segments finite).
  virtual int64_t Measure(absl::Span<const Interval> running) const = 0;

  // The first instant s such that a stop at s would measure more than
  // `threshold`, given that the clock runs from the last segment's begin on
  // (its end is ignored). A stop strictly before it meets the threshold.
  // InfiniteFuture when the calendar never opens again within ten years.
  virtual absl::Time BreachesAt(absl::Span<const Interval> running,
                                int64_t threshold) const = 0;
};

// `calendar` must outlive the clock; elapsed ignores it and may take null.
std::unique_ptr<Clock> MakeClock(ClockKind kind, const Calendar* calendar);

}  // namespace ontime

#endif  // ONTIME_ENGINE_CLOCK_H_

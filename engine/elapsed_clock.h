// Wall time, in microseconds: the clock for "answer within 60 seconds".
#ifndef ONTIME_ENGINE_ELAPSED_CLOCK_H_
#define ONTIME_ENGINE_ELAPSED_CLOCK_H_

#include "engine/clock.h"

namespace ontime {

class ElapsedClock final : public Clock {
 public:
  ClockKind kind() const override { return ClockKind::kElapsed; }
  int64_t Measure(absl::Span<const Interval> running) const override;
  absl::Time BreachesAt(absl::Span<const Interval> running,
                        int64_t threshold) const override;
};

}  // namespace ontime

#endif  // ONTIME_ENGINE_ELAPSED_CLOCK_H_

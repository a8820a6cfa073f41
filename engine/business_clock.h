// Business time: only the calendar's opening hours count, in microseconds.
// "Reply within 8 business hours" received Friday 16:00 with 09:00-17:00
// opening is due Monday 16:00 (1 h Friday + 7 h Monday).
#ifndef ONTIME_ENGINE_BUSINESS_CLOCK_H_
#define ONTIME_ENGINE_BUSINESS_CLOCK_H_

#include "engine/calendar.h"
#include "engine/clock.h"

namespace ontime {

class BusinessClock final : public Clock {
 public:
  explicit BusinessClock(const Calendar* calendar) : calendar_(calendar) {}

  ClockKind kind() const override { return ClockKind::kBusiness; }
  int64_t Measure(absl::Span<const Interval> running) const override;
  absl::Time BreachesAt(absl::Span<const Interval> running,
                        int64_t threshold) const override;

  // Business microseconds in [from, to).
  int64_t OpenMicros(absl::Time from, absl::Time to) const;

 private:
  const Calendar* calendar_;
};

}  // namespace ontime

#endif  // ONTIME_ENGINE_BUSINESS_CLOCK_H_

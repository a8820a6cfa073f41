// Working days: "resolve within 10 working days" means by the end (local
// midnight) of the 10th working day after the day of receipt, where a contact
// received after the cut-off or on a closed day counts as received on the
// next working day. Received Friday 16:59:59 (cut-off 17:00) with Monday a
// bank holiday: D0 = Friday, D1 = Tuesday; received Friday 17:00:00: D0 =
// Tuesday, D1 = Wednesday.
#ifndef ONTIME_ENGINE_WORKING_DAY_CLOCK_H_
#define ONTIME_ENGINE_WORKING_DAY_CLOCK_H_

#include "engine/calendar.h"
#include "engine/clock.h"

namespace ontime {

class WorkingDayClock final : public Clock {
 public:
  explicit WorkingDayClock(const Calendar* calendar) : calendar_(calendar) {}

  ClockKind kind() const override { return ClockKind::kWorkingDays; }
  int64_t Measure(absl::Span<const Interval> running) const override;
  absl::Time BreachesAt(absl::Span<const Interval> running,
                        int64_t threshold) const override;

  // The effective day of receipt for a contact received at `received`.
  absl::CivilDay ReceiptDay(absl::Time received) const;
  // The smallest j >= 0 such that `t` is before the end of the j-th working
  // day after `receipt_day`.
  int64_t DaysAfter(absl::CivilDay receipt_day, absl::Time t) const;
  // The end (local midnight) of the n-th working day after `receipt_day`.
  absl::Time EndOfNthWorkingDay(absl::CivilDay receipt_day, int64_t n) const;

 private:
  absl::CivilDay NextWorkingDay(absl::CivilDay day) const;

  const Calendar* calendar_;
  // A judgement asks for the same receipt several times in a row (deadline,
  // at-risk instant, measure): the last answer is kept.
  mutable absl::Time last_received_ = absl::InfinitePast();
  mutable absl::CivilDay last_receipt_day_;
};

}  // namespace ontime

#endif  // ONTIME_ENGINE_WORKING_DAY_CLOCK_H_

#include "engine/working_day_clock.h"

namespace ontime {
namespace {

// A calendar with no working day for this long never has one again; the
// clock then stands still (config validation refuses such calendars).
constexpr int kMaxDaysToWalk = 3660;

}  // namespace

absl::CivilDay WorkingDayClock::NextWorkingDay(absl::CivilDay day) const {
  for (int i = 0; i < kMaxDaysToWalk; ++i) {
    ++day;
    if (calendar_->IsWorkingDay(day)) return day;
  }
  return day;
}

absl::CivilDay WorkingDayClock::ReceiptDay(absl::Time received) const {
  if (received == last_received_) return last_receipt_day_;
  // One day of margin: in zones whose clocks go back across midnight an
  // instant's local day can precede the day whose cut-off it is before.
  absl::CivilDay day = calendar_->LocalDay(received) - 1;
  for (int i = 0; i < kMaxDaysToWalk; ++i, ++day) {
    if (calendar_->IsWorkingDay(day) && received < calendar_->CutOff(day)) break;
  }
  last_received_ = received;
  last_receipt_day_ = day;
  return day;
}

int64_t WorkingDayClock::DaysAfter(absl::CivilDay receipt_day,
                                   absl::Time t) const {
  int64_t j = 0;
  absl::CivilDay day = receipt_day;
  while (!(t < calendar_->DayStart(day + 1)) && j < kMaxDaysToWalk) {
    day = NextWorkingDay(day);
    ++j;
  }
  return j;
}

absl::Time WorkingDayClock::EndOfNthWorkingDay(absl::CivilDay receipt_day,
                                               int64_t n) const {
  absl::CivilDay day = receipt_day;
  for (int64_t j = 0; j < n && j < kMaxDaysToWalk; ++j) day = NextWorkingDay(day);
  return calendar_->DayStart(day + 1);
}

int64_t WorkingDayClock::Measure(absl::Span<const Interval> running) const {
  if (running.empty()) return 0;
  const absl::CivilDay d0 = ReceiptDay(running.front().begin);
  int64_t total = DaysAfter(d0, running.back().end);
  for (size_t i = 0; i + 1 < running.size(); ++i) {
    total -= DaysAfter(d0, running[i + 1].begin) - DaysAfter(d0, running[i].end);
  }
  return total;
}

absl::Time WorkingDayClock::BreachesAt(absl::Span<const Interval> running,
                                       int64_t threshold) const {
  if (running.empty()) return absl::InfiniteFuture();
  const absl::CivilDay d0 = ReceiptDay(running.front().begin);
  int64_t paused_days = 0;
  for (size_t i = 0; i + 1 < running.size(); ++i) {
    paused_days += DaysAfter(d0, running[i + 1].begin) - DaysAfter(d0, running[i].end);
  }
  return EndOfNthWorkingDay(d0, threshold + paused_days);
}

}  // namespace ontime

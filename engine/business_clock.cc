#include "engine/business_clock.h"

#include <algorithm>

namespace ontime {
namespace {

// A calendar with no opening hours for this long never opens again.
constexpr int kMaxDaysToWalk = 3660;

}  // namespace

int64_t BusinessClock::OpenMicros(absl::Time from, absl::Time to) const {
  if (!(from < to)) return 0;
  int64_t total = 0;
  // A day's opening intervals lie within [DayStart(d), DayStart(d + 1)), and
  // the local day of an instant can be one off from that in zones whose
  // clocks go back across midnight: one day of margin each side covers it.
  const absl::CivilDay last = calendar_->LocalDay(to) + 1;
  for (absl::CivilDay day = calendar_->LocalDay(from) - 1; day <= last; ++day) {
    for (const Interval& open : calendar_->OpenIntervals(day)) {
      const absl::Time begin = std::max(open.begin, from);
      const absl::Time end = std::min(open.end, to);
      if (begin < end) total += absl::ToInt64Microseconds(end - begin);
    }
  }
  return total;
}

int64_t BusinessClock::Measure(absl::Span<const Interval> running) const {
  int64_t total = 0;
  for (const Interval& segment : running) {
    total += OpenMicros(segment.begin, segment.end);
  }
  return total;
}

absl::Time BusinessClock::BreachesAt(absl::Span<const Interval> running,
                                     int64_t threshold) const {
  if (running.empty()) return absl::InfiniteFuture();
  int64_t counted = 0;
  for (size_t i = 0; i + 1 < running.size(); ++i) {
    counted += OpenMicros(running[i].begin, running[i].end);
  }
  // Walk forward from the last segment's begin until one microsecond more
  // than the threshold has counted.
  int64_t remaining = threshold + 1 - counted;
  const absl::Time from = running.back().begin;
  if (remaining <= 0) return from;
  const absl::CivilDay first = calendar_->LocalDay(from) - 1;
  for (absl::CivilDay day = first; day - first < kMaxDaysToWalk; ++day) {
    for (const Interval& open : calendar_->OpenIntervals(day)) {
      const absl::Time begin = std::max(open.begin, from);
      if (!(begin < open.end)) continue;
      const int64_t available = absl::ToInt64Microseconds(open.end - begin);
      if (available >= remaining) return begin + absl::Microseconds(remaining);
      remaining -= available;
    }
  }
  return absl::InfiniteFuture();
}

}  // namespace ontime

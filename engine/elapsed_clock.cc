#include "engine/elapsed_clock.h"

namespace ontime {

int64_t ElapsedClock::Measure(absl::Span<const Interval> running) const {
  int64_t total = 0;
  for (const Interval& segment : running) {
    total += absl::ToInt64Microseconds(segment.end - segment.begin);
  }
  return total;
}

absl::Time ElapsedClock::BreachesAt(absl::Span<const Interval> running,
                                    int64_t threshold) const {
  if (running.empty()) return absl::InfiniteFuture();
  int64_t before_last = 0;
  for (size_t i = 0; i + 1 < running.size(); ++i) {
    before_last += absl::ToInt64Microseconds(running[i].end - running[i].begin);
  }
  // The first microsecond past the threshold: a stop there measures threshold+1.
  return running.back().begin + absl::Microseconds(threshold - before_last + 1);
}

}  // namespace ontime

// The daemon's now: the wall clock, or, with the embedded simulator,
// simulated time running `speed_up` times faster from the simulation's
// start. Everything that reads "now" (signals, the event-time sanity check,
// today and this month in reports) reads it here, so a simulated month
// behaves like a real one.
#ifndef ONTIME_DAEMON_DAEMON_CLOCK_H_
#define ONTIME_DAEMON_DAEMON_CLOCK_H_

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace ontime {

class DaemonClock {
 public:
  static DaemonClock Wall() { return DaemonClock(); }
  static DaemonClock Simulated(absl::Time start, double speed_up) {
    DaemonClock clock;
    clock.simulated_start_ = start;
    clock.wall_start_ = absl::Now();
    clock.speed_up_ = speed_up;
    return clock;
  }

  absl::Time Now() const {
    if (speed_up_ == 0) return absl::Now();
    return simulated_start_ + (absl::Now() - wall_start_) * speed_up_;
  }
  bool simulated() const { return speed_up_ != 0; }

 private:
  DaemonClock() = default;

  absl::Time simulated_start_;
  absl::Time wall_start_;
  double speed_up_ = 0;
};

}  // namespace ontime

#endif  // ONTIME_DAEMON_DAEMON_CLOCK_H_

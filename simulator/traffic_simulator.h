// Realistic traffic for a council's contact centre, as contact events: the
// source for the demo, the benchmarks and the exactness tests.
//
// Deterministic: the same options give the same events, byte for byte.
//
//   calls      arrivals shaped by hour of day and weekday, in the phone
//              line's hours; queue waits that grow with load; abandons that
//              grow with the wait; a few transfers, holds and call-backs
//   emails     any time of day, answered and resolved in working hours
//   letters    in the morning post, replied to within days
//   visitors   at the counter, seen within minutes
//   complaints acknowledged, updated, some with promised dates
//   scores     a satisfaction score after some resolutions
// and delivery as a real pipeline does it: some events late (minutes),
// some out of order, some twice.
#ifndef ONTIME_SIMULATOR_TRAFFIC_SIMULATOR_H_
#define ONTIME_SIMULATOR_TRAFFIC_SIMULATOR_H_

#include <cstdint>
#include <functional>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "ontime/v1/contact_event.pb.h"

namespace ontime {

struct SimulationOptions {
  absl::CivilDay first_day{2026, 10, 1};
  int days = 31;
  std::string time_zone = "Europe/London";
  // Calls on an ordinary weekday; the other channels scale from it.
  int calls_per_weekday = 900;
  uint64_t seed = 1;
  // Shares of events delivered late (up to lateness), out of order (up to a
  // few seconds) and twice.
  double late_share = 0.01;
  absl::Duration lateness = absl::Minutes(3);
  double duplicate_share = 0.005;
  // Put before every contact id, so runs over different days can share a
  // topic without their contacts meeting.
  std::string contact_id_prefix;
};

struct SimulatedEvent {
  // When the event reaches the pipeline (its delivery order).
  absl::Time delivered;
  v1::ContactEvent event;
};

// Calls `sink` for every event in delivery order. Returns the number of
// contacts simulated.
int64_t Simulate(const SimulationOptions& options,
                 const std::function<void(const SimulatedEvent&)>& sink);

}  // namespace ontime

#endif  // ONTIME_SIMULATOR_TRAFFIC_SIMULATOR_H_

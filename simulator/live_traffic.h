// The simulated council without an end: traffic generated a week at a time
// (each week its own seed and contact ids) and handed out in delivery order
// as simulated time passes. The daemon's embedded default feeds it to Kafka
// at a speed-up; it has no clock of its own.
//
//   LiveTraffic traffic(options);             // from options.first_day on
//   traffic.TakeDue(simulated_now, &events);  // everything delivered by then
#ifndef ONTIME_SIMULATOR_LIVE_TRAFFIC_H_
#define ONTIME_SIMULATOR_LIVE_TRAFFIC_H_

#include <cstdint>
#include <queue>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "simulator/traffic_simulator.h"

namespace ontime {

// The demo's default first day: the first Monday to Friday of the month
// before `today`, so a newcomer's simulated clock opens on a working day
// whatever the calendar says (1 November 2026 is a Sunday).
absl::CivilDay DemoFirstDay(absl::CivilDay today);

// When the demo's simulated clock starts on `first_day`: 08:00, half an
// hour before the phone lines open, so the first answered calls come within
// seconds at the shipped speed-up.
absl::Time DemoClockStart(absl::CivilDay first_day, absl::TimeZone zone);

class LiveTraffic {
 public:
  explicit LiveTraffic(SimulationOptions options, int days_per_window = 7);

  // Appends, in delivery order, every event delivered at or before `until`
  // and not taken before.
  void TakeDue(absl::Time until, std::vector<SimulatedEvent>* out);

  // Midnight of the first simulated day.
  absl::Time start() const { return start_; }
  int64_t contacts() const { return contacts_; }

 private:
  struct Pending {
    SimulatedEvent event;
    uint64_t sequence;  // keeps equal delivery times in generation order
  };
  struct LaterFirst {
    bool operator()(const Pending& a, const Pending& b) const {
      return a.event.delivered != b.event.delivered ? a.event.delivered > b.event.delivered
                                                    : a.sequence > b.sequence;
    }
  };

  void GenerateWindow();

  SimulationOptions options_;
  int days_per_window_;
  absl::TimeZone zone_;
  absl::Time start_;
  int windows_ = 0;
  absl::Time next_window_;
  uint64_t sequence_ = 0;
  int64_t contacts_ = 0;
  std::priority_queue<Pending, std::vector<Pending>, LaterFirst> pending_;
};

}  // namespace ontime

#endif  // ONTIME_SIMULATOR_LIVE_TRAFFIC_H_

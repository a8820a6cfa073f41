// Dips (CSE 4.3.1): a standard whose compliance over a live window falls
// below its target, with at least its min_volume judged outcomes, fires a
// dip alert; it resolves at the target plus a hysteresis margin (see
// dip_detector.h), so a standard hovering at its target does not flap.
//
// Windows count the standard's own time. A window is "today", "this week"
// (from Monday, local midnight), or a length ("1h", "8h") counted in the
// standard's clock: for a business-hours or working-days standard, "8h" is
// the last 8 opening hours of its calendar, so on Monday at 09:00 it is
// Monday's first half hour and Friday's last 7.5 hours, never the closed
// weekend; for an elapsed standard it is the last 8 hours.
//
// Pure: outcomes and the time to judge at (the watermark: outcomes are
// final up to it) come in as values, dip alert records go out.
#ifndef ONTIME_ALERTS_DIP_WATCH_H_
#define ONTIME_ALERTS_DIP_WATCH_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "alerts/dip_detector.h"
#include "config/alert_settings.h"
#include "config/dip_window.h"
#include "engine/calendar.h"
#include "engine/engine_config.h"
#include "engine/outcome.h"
#include "ontime/v1/alert.pb.h"

namespace ontime {

// Where `window` starts if it ends at `now`: for a length in opening time,
// walking back over the calendar's opening hours (holidays and clock
// changes as the calendar has them); InfinitePast if the calendar has not
// been open that long in the last 400 days.
absl::Time WindowStart(const DipWindow& window, bool opening_time, const Calendar& calendar, absl::Time now);

class DipWatch {
 public:
  // Watches every standard with dip_windows, with hysteresis `hysteresis`.
  DipWatch(const EngineConfig& config, const AlertLevels& levels, double hysteresis = 0.02);

  // A final outcome (met and breached count; excluded ones do not).
  void Record(const Outcome& outcome);
  // Judges every window ending at `now`; appends the dips that fired or
  // resolved.
  void Evaluate(absl::Time now, std::vector<v1::Alert>* out);

 private:
  struct Watched {
    size_t standard;
    DipWindow window;
    DipDetector detector;
    absl::Time fired_at = absl::InfinitePast();
  };
  struct Counts {
    uint64_t met = 0;
    uint64_t judged = 0;
  };

  const EngineConfig& config_;
  const AlertLevels& levels_;
  std::vector<std::unique_ptr<Calendar>> calendars_;
  // Per standard: its calendar (24/7 UTC if none) and whether lengths count
  // opening time.
  std::vector<const Calendar*> calendar_of_;
  std::vector<bool> opening_time_;
  std::vector<Watched> watched_;
  // Per standard: outcomes by decision time (microseconds), summed per instant.
  std::vector<std::map<int64_t, Counts>> outcomes_;
};

}  // namespace ontime

#endif  // ONTIME_ALERTS_DIP_WATCH_H_

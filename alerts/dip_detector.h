// Whether a standard is dipping over a live window (CSE 4.3.1): compliance
// below its target, with at least its minimum volume of judged outcomes,
// fires; it resolves only once compliance is back at or above the target
// plus a hysteresis margin, so a standard hovering at its target does not
// flap. The window's counts come in as values; which window (the last
// hour, today, the last 8 opening hours) is the caller's.
//
//   DipDetector dip({.target = 0.8, .hysteresis = 0.02, .min_volume = 30});
//   dip.Observe(70, 100);  // 70 % < 80 %: kFired
//   dip.Observe(81, 100);  // 81 % < 82 %: kNone, still firing
//   dip.Observe(82, 100);  // 82 % >= 82 %: kResolved
//
// Conventions a reader could get wrong:
// - Exactly at the target is not below it (80 of 100 against 80 % does not
//   fire). Comparisons are exact: met / judged against the target in
//   millionths, in integers.
// - A window with fewer judged outcomes than the minimum volume changes
//   nothing: it neither fires (too few to call a dip) nor resolves (no
//   evidence of recovery either).
#ifndef ONTIME_ALERTS_DIP_DETECTOR_H_
#define ONTIME_ALERTS_DIP_DETECTOR_H_

#include <cstdint>

namespace ontime {

struct DipSettings {
  // The published target, as a ratio (0.8 = 80 %).
  double target = 0.9;
  // Resolve at target + hysteresis (0.02 = 2 points).
  double hysteresis = 0.02;
  // Fewer judged outcomes than this are never called a dip.
  uint64_t min_volume = 0;
};

enum class DipTransition : uint8_t { kNone, kFired, kResolved };

class DipDetector {
 public:
  explicit DipDetector(const DipSettings& settings);

  // The window's counts now: met, and met + breached.
  DipTransition Observe(uint64_t met, uint64_t judged);
  bool firing() const { return firing_; }

 private:
  double fire_below_;
  double resolve_at_;
  uint64_t min_volume_;
  bool firing_ = false;
};

}  // namespace ontime

#endif  // ONTIME_ALERTS_DIP_DETECTOR_H_

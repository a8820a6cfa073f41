#include "alerts/dip_detector.h"

#include <algorithm>

#include "statements/plain_figures.h"

namespace ontime {

DipDetector::DipDetector(const DipSettings& settings)
    : fire_below_(settings.target),
      resolve_at_(settings.target + std::max(0.0, settings.hysteresis)),
      min_volume_(std::max<uint64_t>(settings.min_volume, 1)) {}

DipTransition DipDetector::Observe(uint64_t met, uint64_t judged) {
  if (judged < min_volume_) return DipTransition::kNone;
  met = std::min(met, judged);
  if (!firing_ && ShareBelow(met, judged, fire_below_)) {
    firing_ = true;
    return DipTransition::kFired;
  }
  if (firing_ && !ShareBelow(met, judged, resolve_at_)) {
    firing_ = false;
    return DipTransition::kResolved;
  }
  return DipTransition::kNone;
}

}  // namespace ontime

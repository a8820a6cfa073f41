#include "alerts/dip_detector.h"

#include <algorithm>
#include <cmath>

#include "absl/numeric/int128.h"

namespace ontime {
namespace {

int64_t Ppm(double ratio) { return std::clamp<int64_t>(std::llround(ratio * 1e6), 0, 1'000'000); }

}  // namespace

DipDetector::DipDetector(const DipSettings& settings)
    : fire_below_ppm_(Ppm(settings.target)),
      resolve_at_ppm_(Ppm(settings.target + std::max(0.0, settings.hysteresis))),
      min_volume_(std::max<uint64_t>(settings.min_volume, 1)) {}

bool DipDetector::Below(uint64_t met, uint64_t judged, int64_t ppm) {
  return absl::uint128(met) * 1'000'000 < absl::uint128(judged) * static_cast<uint64_t>(ppm);
}

DipTransition DipDetector::Observe(uint64_t met, uint64_t judged) {
  if (judged < min_volume_) return DipTransition::kNone;
  met = std::min(met, judged);
  if (!firing_ && Below(met, judged, fire_below_ppm_)) {
    firing_ = true;
    return DipTransition::kFired;
  }
  if (firing_ && !Below(met, judged, resolve_at_ppm_)) {
    firing_ = false;
    return DipTransition::kResolved;
  }
  return DipTransition::kNone;
}

}  // namespace ontime

#include "statements/fair_treatment.h"

#include <algorithm>
#include <cmath>

namespace ontime {

ConfidenceInterval WilsonInterval(uint64_t successes, uint64_t trials, double z) {
  if (trials == 0) return {0, 1};
  const double n = static_cast<double>(trials);
  const double x = static_cast<double>(std::min(successes, trials));
  const double z2 = z * z;
  const double centre = (x + z2 / 2) / (n + z2);
  const double half = z * std::sqrt(x * (n - x) / n + z2 / 4) / (n + z2);
  // At 0 or n successes one bound is exactly 0 or 1; rounding must not
  // leave it a hair outside.
  return {x == 0 ? 0.0 : std::max(0.0, centre - half), x == n ? 1.0 : std::min(1.0, centre + half)};
}

ConfidenceInterval NewcombeDifference(uint64_t successes1, uint64_t trials1, uint64_t successes2, uint64_t trials2,
                            double z) {
  if (trials1 == 0 || trials2 == 0) return {-1, 1};
  const double p1 = static_cast<double>(std::min(successes1, trials1)) / static_cast<double>(trials1);
  const double p2 = static_cast<double>(std::min(successes2, trials2)) / static_cast<double>(trials2);
  const ConfidenceInterval w1 = WilsonInterval(successes1, trials1, z);
  const ConfidenceInterval w2 = WilsonInterval(successes2, trials2, z);
  const double difference = p1 - p2;
  return {difference - std::hypot(p1 - w1.low, w2.high - p2), difference + std::hypot(w1.high - p1, p2 - w2.low)};
}

GroupComparison CompareGroup(const Share& group, const Share& rest, uint64_t min_volume, double z) {
  GroupComparison comparison;
  comparison.group = WilsonInterval(group.met, group.judged, z);
  if (group.judged < std::max<uint64_t>(min_volume, 1) || rest.judged < std::max<uint64_t>(min_volume, 1)) {
    comparison.finding = GapFinding::kTooFewToCompare;
    return comparison;
  }
  comparison.gap = NewcombeDifference(group.met, group.judged, rest.met, rest.judged, z);
  if (comparison.gap.high < 0) {
    comparison.finding = GapFinding::kBelowOthers;
  } else if (comparison.gap.low > 0) {
    comparison.finding = GapFinding::kAboveOthers;
  } else {
    comparison.finding = GapFinding::kNoClearGap;
  }
  return comparison;
}

}  // namespace ontime

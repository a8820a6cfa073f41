// Dips: fire below target with enough volume, resolve only past target plus
// the hysteresis, never flap on a stream that hovers at the target, exact
// at the boundaries.
#include "alerts/dip_detector.h"

#include <cmath>
#include <random>

#include "gtest/gtest.h"

namespace ontime {
namespace {

TEST(DipDetector, FiresBelowTargetAndResolvesPastTheMargin) {
  DipDetector dip({.target = 0.8, .hysteresis = 0.02, .min_volume = 30});
  EXPECT_EQ(dip.Observe(85, 100), DipTransition::kNone);
  EXPECT_EQ(dip.Observe(70, 100), DipTransition::kFired);
  EXPECT_TRUE(dip.firing());
  EXPECT_EQ(dip.Observe(60, 100), DipTransition::kNone) << "fires once";
  EXPECT_EQ(dip.Observe(81, 100), DipTransition::kNone) << "above target, under the margin: still firing";
  EXPECT_EQ(dip.Observe(82, 100), DipTransition::kResolved) << "exactly target + margin resolves";
  EXPECT_FALSE(dip.firing());
}

TEST(DipDetector, ExactlyAtTargetIsNotADip) {
  DipDetector dip({.target = 0.8, .hysteresis = 0.02, .min_volume = 1});
  EXPECT_EQ(dip.Observe(80, 100), DipTransition::kNone);
  EXPECT_EQ(dip.Observe(4, 5), DipTransition::kNone);
  EXPECT_EQ(dip.Observe(799999, 1000000), DipTransition::kFired) << "one in a million under";
  // 0.975 has no exact binary form; the comparison is still exact.
  DipDetector strict({.target = 0.975, .hysteresis = 0, .min_volume = 1});
  EXPECT_EQ(strict.Observe(39, 40), DipTransition::kNone);
  EXPECT_EQ(strict.Observe(38, 40), DipTransition::kFired);
  EXPECT_EQ(strict.Observe(39, 40), DipTransition::kResolved);
}

TEST(DipDetector, TooFewOutcomesChangeNothing) {
  DipDetector dip({.target = 0.9, .hysteresis = 0.02, .min_volume = 30});
  EXPECT_EQ(dip.Observe(0, 29), DipTransition::kNone) << "0 of 29 is striking, but not a dip";
  EXPECT_FALSE(dip.firing());
  EXPECT_EQ(dip.Observe(20, 30), DipTransition::kFired);
  EXPECT_EQ(dip.Observe(29, 29), DipTransition::kNone) << "no evidence of recovery either";
  EXPECT_TRUE(dip.firing());
  EXPECT_EQ(dip.Observe(0, 0), DipTransition::kNone);
  EXPECT_EQ(dip.Observe(28, 30), DipTransition::kResolved);
}

// A standard hovering at its target: each window's compliance is the
// target plus noise of up to 1.5 points either way.
std::vector<std::pair<uint64_t, uint64_t>> Hovering(uint32_t seed, int windows) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> noise(-0.015, 0.015);
  std::vector<std::pair<uint64_t, uint64_t>> stream;
  for (int i = 0; i < windows; ++i) {
    const uint64_t judged = 1000;
    stream.emplace_back(static_cast<uint64_t>(std::llround((0.8 + noise(random)) * judged)), judged);
  }
  return stream;
}

TEST(DipDetector, AStandardHoveringAtItsTargetDoesNotFlap) {
  for (uint32_t seed = 1; seed <= 50; ++seed) {
    int transitions = 0;
    DipDetector dip({.target = 0.8, .hysteresis = 0.02, .min_volume = 30});
    for (const auto& [met, judged] : Hovering(seed, 500)) {
      if (dip.Observe(met, judged) != DipTransition::kNone) ++transitions;
    }
    // It dips below once and, never reaching 82 %, stays firing.
    EXPECT_EQ(transitions, 1) << "seed " << seed;
  }
  // Without a margin the same stream flaps: the margin is what stops it.
  int transitions = 0;
  DipDetector flapping({.target = 0.8, .hysteresis = 0, .min_volume = 30});
  for (const auto& [met, judged] : Hovering(1, 500)) {
    if (flapping.Observe(met, judged) != DipTransition::kNone) ++transitions;
  }
  EXPECT_GT(transitions, 100);
}

TEST(DipDetector, TransitionsAlternateAndFollowTheRule) {
  std::mt19937 random(7);
  DipDetector dip({.target = 0.9, .hysteresis = 0.03, .min_volume = 20});
  bool firing = false;
  for (int i = 0; i < 100000; ++i) {
    const uint64_t judged = random() % 60;
    const uint64_t met = judged == 0 ? 0 : random() % (judged + 1);
    const DipTransition t = dip.Observe(met, judged);
    const double share = judged == 0 ? 0 : static_cast<double>(met) / static_cast<double>(judged);
    if (t == DipTransition::kFired) {
      ASSERT_FALSE(firing);
      ASSERT_GE(judged, 20u);
      ASSERT_LT(share, 0.9);
      firing = true;
    } else if (t == DipTransition::kResolved) {
      ASSERT_TRUE(firing);
      ASSERT_GE(judged, 20u);
      ASSERT_GE(share, 0.93 - 1e-12);
      firing = false;
    }
    ASSERT_EQ(dip.firing(), firing);
  }
}

}  // namespace
}  // namespace ontime

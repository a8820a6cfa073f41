// The sketch against exact quantiles of random samples: relative error
// within 1 %, and merging equals one sketch over everything.
#include "engine/quantile_sketch.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace ontime {
namespace {

// The reference: nearest rank, ceil(q * n), counted from 1.
double ExactQuantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(values.size()) - 1e-9));
  rank = std::max<size_t>(rank, 1);
  return values[rank - 1];
}

TEST(QuantileSketch, RelativeErrorWithinOnePercentOnRandomDistributions) {
  std::mt19937_64 rng(42);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<double> values;
    QuantileSketch sketch;
    const int n = 1 + static_cast<int>(rng() % 5000);
    std::lognormal_distribution<double> lognormal(std::log(30.0), 1.0 + trial % 3);
    std::uniform_real_distribution<double> uniform(0.001, 1e6);
    for (int i = 0; i < n; ++i) {
      const double v = trial % 2 ? lognormal(rng) : uniform(rng);
      values.push_back(v);
      sketch.Add(v);
    }
    for (double q : {0.0, 0.1, 0.5, 0.9, 0.95, 0.99, 1.0}) {
      const double exact = ExactQuantile(values, q);
      EXPECT_NEAR(sketch.Quantile(q), exact, exact * QuantileSketch::kRelativeAccuracy * 1.0001)
          << "trial " << trial << " q " << q;
    }
  }
}

TEST(QuantileSketch, MergeEqualsOneSketchOverAllValues) {
  std::mt19937_64 rng(7);
  QuantileSketch a, b, all;
  for (int i = 0; i < 10000; ++i) {
    const double v = static_cast<double>(rng() % 100000) / 10.0;
    (i % 3 ? a : b).Add(v);
    all.Add(v);
  }
  a.Merge(b);
  EXPECT_EQ(a.count(), all.count());
  for (double q : {0.01, 0.5, 0.9, 0.999}) EXPECT_DOUBLE_EQ(a.Quantile(q), all.Quantile(q));
}

TEST(QuantileSketch, NearestRankOnSmallCounts) {
  QuantileSketch four;
  for (double v : {1.0, 2.0, 3.0, 4.0}) four.Add(v);
  EXPECT_NEAR(four.Quantile(0.5), 2, 0.02);  // rank ceil(2) = 2: the lower median
  QuantileSketch ten;
  for (int v = 1; v <= 10; ++v) ten.Add(v);
  EXPECT_NEAR(ten.Quantile(0.9), 9, 0.09);   // rank 9, where 0.9 * (n - 1) gives 8.1 -> 9 by luck
  EXPECT_NEAR(ten.Quantile(0.91), 10, 0.1);  // rank ceil(9.1) = 10
  QuantileSketch thirty;
  for (int v = 1; v <= 30; ++v) thirty.Add(v);
  EXPECT_NEAR(thirty.Quantile(0.9), 27, 0.27);  // 0.9 * 30 is 27.000000000000004 in floating point
}

// Working days are whole numbers: below 50 each has a bucket of its own, so
// a quantile rounds back to the exact day, as a statement prints it.
TEST(QuantileSketch, WholeNumbersBelowFiftyRoundBackExactly) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<double> values;
    QuantileSketch sketch;
    const int n = 1 + static_cast<int>(rng() % 400);
    for (int i = 0; i < n; ++i) {
      const double days = static_cast<double>(rng() % 50);
      values.push_back(days);
      sketch.Add(days);
    }
    for (double q : {0.0, 0.25, 0.5, 0.9, 0.95, 1.0}) {
      EXPECT_EQ(std::round(sketch.Quantile(q)), ExactQuantile(values, q)) << "trial " << trial << " q " << q;
    }
  }
}

TEST(QuantileSketch, ZerosAndEmpty) {
  QuantileSketch sketch;
  EXPECT_EQ(sketch.Quantile(0.5), 0);
  sketch.Add(0);
  sketch.Add(0);
  sketch.Add(10);
  EXPECT_EQ(sketch.Quantile(0.5), 0);
  EXPECT_NEAR(sketch.Quantile(1), 10, 0.1);
  const QuantileSketch copy =
      QuantileSketch::FromState(sketch.first_index(), sketch.buckets(), sketch.zero_count());
  EXPECT_EQ(copy, sketch);
}

}  // namespace
}  // namespace ontime

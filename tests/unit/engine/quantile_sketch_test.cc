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

double ExactQuantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<size_t>(std::floor(q * static_cast<double>(values.size() - 1)));
  return values[rank];
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

// Wilson and Newcombe intervals against Newcombe's published tables
// (Statistics in Medicine 1998: "Two-sided confidence intervals for the
// single proportion", Table I; "Interval estimation for the difference
// between independent proportions", Table II, method 10), their
// symmetries, their exact coverage, and how a group comparison is called.
#include "statements/fair_treatment.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"

namespace ontime {
namespace {

// The tables give four decimals.
void ExpectInterval(const ConfidenceInterval& got, double low, double high) {
  EXPECT_NEAR(got.low, low, 0.00005);
  EXPECT_NEAR(got.high, high, 0.00005);
}

TEST(WilsonInterval, NewcombesSingleProportionExamples) {
  ExpectInterval(WilsonInterval(81, 263), 0.2553, 0.3662);
  ExpectInterval(WilsonInterval(15, 148), 0.0624, 0.1605);
  ExpectInterval(WilsonInterval(0, 20), 0.0, 0.1611);
  ExpectInterval(WilsonInterval(1, 29), 0.0061, 0.1718);
  ExpectInterval(WilsonInterval(29, 29), 0.8830, 1.0);
}

TEST(WilsonInterval, NothingJudgedSaysNothing) {
  const ConfidenceInterval none = WilsonInterval(0, 0);
  EXPECT_EQ(none.low, 0.0);
  EXPECT_EQ(none.high, 1.0);
}

TEST(WilsonInterval, HoldsTheShareStaysInsideZeroToOneAndMirrors) {
  for (uint64_t n = 1; n <= 300; n += (n < 40 ? 1 : 13)) {
    for (uint64_t x = 0; x <= n; ++x) {
      const ConfidenceInterval i = WilsonInterval(x, n);
      const double p = static_cast<double>(x) / static_cast<double>(n);
      ASSERT_LE(0.0, i.low);
      ASSERT_LE(i.low, p);
      ASSERT_LE(p, i.high);
      ASSERT_LE(i.high, 1.0);
      // Met and breached swap places: the interval mirrors.
      const ConfidenceInterval mirrored = WilsonInterval(n - x, n);
      ASSERT_NEAR(i.low, 1 - mirrored.high, 1e-12) << x << "/" << n;
      // One more met never lowers either bound.
      if (x < n) {
        const ConfidenceInterval more = WilsonInterval(x + 1, n);
        ASSERT_GE(more.low, i.low);
        ASSERT_GE(more.high, i.high);
      }
    }
  }
}

// The probability that the interval holds the true share, summed exactly
// over the binomial distribution.
double Coverage(uint64_t n, double p) {
  double covered = 0;
  for (uint64_t x = 0; x <= n; ++x) {
    const double log_pmf = std::lgamma(n + 1.0) - std::lgamma(x + 1.0) - std::lgamma(n - x + 1.0) +
                           x * std::log(p) + (n - x) * std::log1p(-p);
    const ConfidenceInterval i = WilsonInterval(x, n);
    if (i.low <= p && p <= i.high) covered += std::exp(log_pmf);
  }
  return covered;
}

TEST(WilsonInterval, CoversTheTrueShareAboutNinetyFivePercentOfTheTime) {
  for (uint64_t n : {20, 50, 200, 1000}) {
    double sum = 0;
    int points = 0;
    for (double p = 0.05; p < 0.96; p += 0.01) {
      sum += Coverage(n, p);
      ++points;
    }
    const double mean = sum / points;
    EXPECT_GT(mean, 0.94) << "n=" << n;
    EXPECT_LT(mean, 0.96) << "n=" << n;
  }
}

TEST(NewcombeDifference, NewcombesMethodTenExamples) {
  ExpectInterval(NewcombeDifference(56, 70, 48, 80), 0.0524, 0.3339);
  ExpectInterval(NewcombeDifference(9, 10, 3, 10), 0.1705, 0.8090);
  ExpectInterval(NewcombeDifference(6, 7, 2, 7), 0.0582, 0.8062);
  ExpectInterval(NewcombeDifference(5, 56, 0, 29), -0.0381, 0.1926);
  ExpectInterval(NewcombeDifference(0, 10, 0, 20), -0.1611, 0.2775);
  ExpectInterval(NewcombeDifference(0, 10, 0, 10), -0.2775, 0.2775);
  ExpectInterval(NewcombeDifference(10, 10, 0, 20), 0.6791, 1.0);
  ExpectInterval(NewcombeDifference(10, 10, 0, 10), 0.6075, 1.0);
}

TEST(NewcombeDifference, SwappingTheGroupsNegatesTheInterval) {
  for (uint64_t n1 : {7, 30, 120}) {
    for (uint64_t n2 : {9, 45}) {
      for (uint64_t x1 = 0; x1 <= n1; x1 += 3) {
        for (uint64_t x2 = 0; x2 <= n2; x2 += 4) {
          const ConfidenceInterval ab = NewcombeDifference(x1, n1, x2, n2);
          const ConfidenceInterval ba = NewcombeDifference(x2, n2, x1, n1);
          ASSERT_NEAR(ab.low, -ba.high, 1e-12);
          ASSERT_NEAR(ab.high, -ba.low, 1e-12);
          const double d = static_cast<double>(x1) / n1 - static_cast<double>(x2) / n2;
          ASSERT_LE(ab.low, d + 1e-12);
          ASSERT_GE(ab.high, d - 1e-12);
        }
      }
    }
  }
}

TEST(CompareGroup, CallsAGapOnlyWhenItsIntervalExcludesZero) {
  // 50 % against 90 %: clearly below.
  GroupComparison below = CompareGroup({.met = 40, .judged = 80}, {.met = 900, .judged = 1000}, 30);
  EXPECT_EQ(below.finding, GapFinding::kBelowOthers);
  EXPECT_LT(below.gap.high, 0);
  // 86 % against 90 % on 50 contacts: could be chance.
  EXPECT_EQ(CompareGroup({.met = 43, .judged = 50}, {.met = 900, .judged = 1000}, 30).finding,
            GapFinding::kNoClearGap);
  // Better than the rest, and sure of it.
  EXPECT_EQ(CompareGroup({.met = 990, .judged = 1000}, {.met = 800, .judged = 1000}, 30).finding,
            GapFinding::kAboveOthers);
}

TEST(CompareGroup, TooFewIsNeverRanked) {
  // 0 of 12 met is striking, but 12 is under the minimum volume.
  const GroupComparison few = CompareGroup({.met = 0, .judged = 12}, {.met = 900, .judged = 1000}, 30);
  EXPECT_EQ(few.finding, GapFinding::kTooFewToCompare);
  ExpectInterval(few.group, 0.0, 0.2425);
  // The rest too small: nothing to compare against.
  EXPECT_EQ(CompareGroup({.met = 40, .judged = 80}, {.met = 5, .judged = 10}, 30).finding,
            GapFinding::kTooFewToCompare);
  // Nothing judged at all, even with no minimum.
  EXPECT_EQ(CompareGroup({.met = 0, .judged = 0}, {.met = 5, .judged = 10}, 0).finding,
            GapFinding::kTooFewToCompare);
}

}  // namespace
}  // namespace ontime

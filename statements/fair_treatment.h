// Is a customer group served as well as everyone else? The statement's fair
// treatment section (CSE 2.1.4, 1.3.2) shows each group's compliance with a
// 95 % confidence interval, and the gap to all other contacts with an
// interval for the difference. A gap is called only when its interval
// excludes zero; a group (or the rest) below a minimum volume is "too few
// to compare", never ranked.
//
//   ConfidenceInterval i = WilsonInterval(81, 263);            // [0.2553, 0.3662]
//   ConfidenceInterval d = NewcombeDifference(56, 70, 48, 80);  // [0.0524, 0.3339]
//   CompareGroup({.met = 40, .judged = 80}, {.met = 900, .judged = 1000}, 30).finding
//       == GapFinding::kBelowOthers
//
// Wilson's score interval (1927) stays inside [0, 1] and behaves at 0 and
// n successes, where the textbook p ± z·sqrt(p(1-p)/n) gives nonsense; the
// difference uses Newcombe's hybrid score interval (1998, his method 10),
// built from the two Wilson intervals. Both are what statisticians
// recommend for published proportions; the tests check them against
// Newcombe's published tables.
#ifndef ONTIME_STATEMENTS_FAIR_TREATMENT_H_
#define ONTIME_STATEMENTS_FAIR_TREATMENT_H_

#include <cstdint>

namespace ontime {

// The two-sided 95 % normal quantile.
inline constexpr double kZ95 = 1.959963984540054;

struct ConfidenceInterval {
  double low = 0;
  double high = 1;
};

// The share `successes` / `trials` with its interval; trials == 0 gives
// [0, 1] (nothing is known).
ConfidenceInterval WilsonInterval(uint64_t successes, uint64_t trials, double z = kZ95);

// p1 - p2 for two independent shares, each with at least one trial.
ConfidenceInterval NewcombeDifference(uint64_t successes1, uint64_t trials1, uint64_t successes2, uint64_t trials2,
                            double z = kZ95);

struct Share {
  uint64_t met = 0;
  uint64_t judged = 0;  // met + breached
  double value() const { return judged == 0 ? 0 : static_cast<double>(met) / static_cast<double>(judged); }
};

enum class GapFinding {
  kTooFewToCompare,  // the group or the rest has fewer than the minimum volume
  kNoClearGap,       // the difference's interval holds zero
  kBelowOthers,      // the whole interval is below zero
  kAboveOthers,      // the whole interval is above zero
};

struct GroupComparison {
  GapFinding finding = GapFinding::kTooFewToCompare;
  ConfidenceInterval group;  // the group's compliance
  ConfidenceInterval gap;    // group minus the rest (only when compared)
};

// One group against every other contact of the same standard and period.
GroupComparison CompareGroup(const Share& group, const Share& rest, uint64_t min_volume, double z = kZ95);

}  // namespace ontime

#endif  // ONTIME_STATEMENTS_FAIR_TREATMENT_H_

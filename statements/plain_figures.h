// Figures in the words a customer reads, as published statements give them
// (HMRC's monthly update, council performance reports): "18,204 calls",
// "83.1%", "2.1 working days", "up 2.1 points", "not met for the third
// month running". Field names and raw units never reach a statement.
//
//   Thousands(18204)                          // "18,204"
//   Percent(15117, 18204)                     // "83.0%"
//   MeasureInWords(letter_reply, 2.1)         // "2.1 working days"
//   MeasureInWords(phone_answer, 21.4)        // "21 seconds"
//   ChangeInWords(0.810, 0.831)               // "up 2.1 points"
//   RunInWords(3, /*met=*/false)              // "not met for the third month running"
//   MonthInWords(absl::CivilMonth(2026, 10))  // "October 2026"
//
// Conventions, written here because a reader could get them wrong:
// - Percentages have one decimal, rounded half up from the exact counts
//   (1663 of 2000 is 83.15% and reads "83.2%"; no binary rounding). A
//   change is the difference of the unrounded shares, in percentage points,
//   so "up 2.1 points" may differ by 0.1 from the difference of the two
//   rounded percentages shown.
// - A share is below a target only when it is exactly below it: 80 of 100
//   against 80 % is met (ShareBelow).
// - Measures are the standard's own: seconds of elapsed time, time of
//   opening hours for a business-hours standard ("12 minutes of opening
//   hours"), working days, scores, transfers. Promise and
//   first-contact-resolution standards are yes/no: they have no measure to
//   show (nullopt).
#ifndef ONTIME_STATEMENTS_PLAIN_FIGURES_H_
#define ONTIME_STATEMENTS_PLAIN_FIGURES_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "engine/standard.h"

namespace ontime {

std::string Thousands(uint64_t n);
// part / whole as a percentage with one decimal ("83.1%"); "-" when whole
// is 0 (nothing to measure, which is not 0%).
std::string Percent(uint64_t part, uint64_t whole);
// A ratio (a target, an interval's end) the same way: 0.8 is "80.0%".
std::string RatioPercent(double ratio);
// A measure in the standard's unit (as the aggregates' sketches hold it:
// seconds for timed standards), or nullopt for a yes/no standard.
std::optional<std::string> MeasureInWords(const Standard& standard, double value);
// From one share to the next, in percentage points: "up 2.1 points",
// "down 0.4 points", "no change" (under 0.05 points either way).
std::string ChangeInWords(double before, double after);
// A run of `months` months in the same state, this one included: "" for a
// single month, else "met for the second month running".
std::string RunInWords(int months, bool met);
std::string MonthInWords(absl::CivilMonth month);
// "April" for 4.
std::string MonthName(int month);
// "Wednesday 14 October 2026".
std::string DayInWords(absl::CivilDay day);

// Whether met / judged is below `ratio` (0.8 = 80 %), exactly: the ratio is
// taken to a millionth and compared in integers, so 80 of 100 is not below
// 80 % (a binary fraction never decides a published verdict or an alert).
bool ShareBelow(uint64_t met, uint64_t judged, double ratio);

}  // namespace ontime

#endif  // ONTIME_STATEMENTS_PLAIN_FIGURES_H_

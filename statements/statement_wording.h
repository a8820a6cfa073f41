// A standard's month in one sentence a customer reads, built from the
// standard itself (stage, channels, threshold and clock):
//
//   by receipt:  "Of the 2,310 letters received in October 2026, we replied to
//                 93.0% within 10 working days."
//   by decision: "In October 2026 we answered 83.1% of 18,204 calls within 60 seconds."
//
// Nothing to measure: "No calls were received in October 2026." (or "No
// calls were answered ...", by decision). A year reads "from April 2026 to
// March 2027".
#ifndef ONTIME_STATEMENTS_STATEMENT_WORDING_H_
#define ONTIME_STATEMENTS_STATEMENT_WORDING_H_

#include <cstdint>
#include <string>

#include "absl/time/civil_time.h"
#include "config/statement_settings.h"
#include "engine/standard.h"
#include "statements/statement_period.h"

namespace ontime {

// What the standard's contacts are called: "calls", "letters", "visitors",
// "contacts" when it covers several kinds.
std::string ContactNoun(const Standard& standard);

// met of judged, in the period, as a sentence.
std::string AchievementSentence(const Standard& standard, Cohort cohort, const StatementPeriod& period, uint64_t met,
                                uint64_t judged);
// For a year: "met in 9 of the 12 months measured"; empty when none was.
std::string MonthsMetInWords(int met, int measured);

}  // namespace ontime

#endif  // ONTIME_STATEMENTS_STATEMENT_WORDING_H_

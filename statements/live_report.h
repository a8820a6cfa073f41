// The live line per standard that ontimed prints every few seconds, in the
// metrics' own terms: judged (met + breached), the share of those within
// the standard, and the excluded (in neither) apart:
//
//   phone-answer   today    412 judged  81.3 % within,    14 excluded   month   4318 judged  78.4 % within,   191 excluded   target 80 %
#ifndef ONTIME_STATEMENTS_LIVE_REPORT_H_
#define ONTIME_STATEMENTS_LIVE_REPORT_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "engine/engine_config.h"
#include "engine/figures.h"

namespace ontime {

// One line per standard.
std::string LiveReport(const EngineConfig& config, const std::vector<StandardToDate>& to_date);

}  // namespace ontime

#endif  // ONTIME_STATEMENTS_LIVE_REPORT_H_

// The live line per standard that ontimed prints every few seconds, in the
// metrics' own terms: judged (met + breached), the share of those within
// the standard, and the excluded (in neither) apart:
//
//   phone-answer   today    412 judged  81.3 % within,    14 excluded   month   4318 judged  78.4 % within,   191 excluded   target 80 %
#ifndef ONTIME_DAEMON_LIVE_REPORT_H_
#define ONTIME_DAEMON_LIVE_REPORT_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "engine/aggregates.h"
#include "engine/engine_config.h"

namespace ontime {

// Totals of one standard for today and this month, in its calendar's zone.
struct StandardToDate {
  AggregateCell today;
  AggregateCell month;
};

// Where today and this month start for each standard, in its calendar's
// zone (seconds since the civil epoch, as aggregate keys have them).
struct ToDateStarts {
  std::vector<int64_t> day;
  std::vector<int64_t> month;
};
ToDateStarts StartsAt(const EngineConfig& config, absl::Time now);

// Adds one engine's own aggregates: no names, no copies, so the daemon can
// do it every second over every partition.
void AddToDate(const Aggregates& aggregates, const ToDateStarts& starts, std::vector<StandardToDate>* totals);

// One line per standard.
std::string LiveReport(const EngineConfig& config, const std::vector<StandardToDate>& to_date);

}  // namespace ontime

#endif  // ONTIME_DAEMON_LIVE_REPORT_H_

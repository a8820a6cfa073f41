// The live line per standard that ontimed prints every few seconds:
//
//   phone-answer        today  1,204 within 81.3 % (target 80 %)   month 18,330 within 79.8 %
#ifndef ONTIME_DAEMON_LIVE_REPORT_H_
#define ONTIME_DAEMON_LIVE_REPORT_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "engine/engine_config.h"
#include "engine/portable_aggregates.h"

namespace ontime {

// Totals of one standard for today and this month, in its calendar's zone.
struct StandardToDate {
  AggregateCell today;
  AggregateCell month;
};

std::vector<StandardToDate> ToDate(const EngineConfig& config, const PortableAggregates& aggregates,
                                   absl::Time now);

// One line per standard.
std::string LiveReport(const EngineConfig& config, const std::vector<StandardToDate>& to_date);

}  // namespace ontime

#endif  // ONTIME_DAEMON_LIVE_REPORT_H_

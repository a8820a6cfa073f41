// The figures commands print: a table per standard (volume, met,
// breached, excluded, % within against target, median and p90), and every
// aggregate cell as a JSON line, exact, for comparing runs.
#ifndef ONTIME_STATEMENTS_FIGURES_REPORT_H_
#define ONTIME_STATEMENTS_FIGURES_REPORT_H_

#include <ostream>
#include <vector>

#include "engine/portable_aggregates.h"
#include "engine/standard.h"

namespace ontime {

// Month totals per standard, summed over every month and dimension.
void PrintSummary(const std::vector<Standard>& standards, const PortableAggregates& aggregates,
                  std::ostream& out);

// One JSON object per cell, in key order: counts and the sketch's buckets.
void WriteAggregatesJson(const PortableAggregates& aggregates, std::ostream& out);

}  // namespace ontime

#endif  // ONTIME_STATEMENTS_FIGURES_REPORT_H_

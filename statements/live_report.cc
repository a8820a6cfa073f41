#include "statements/live_report.h"

#include "absl/strings/str_format.h"

namespace ontime {
namespace {

// What the metrics say, in the same words: judged (met + breached), the
// share of those within the standard, and the excluded apart, for they are
// in neither (an abandon within the grace says nothing of timeliness).
std::string Judged(const AggregateCell& cell) {
  const uint64_t judged = cell.met + cell.breached;
  const std::string within = judged == 0 ? std::string("     -  ") : absl::StrFormat("%5.1f %%", cell.compliance() * 100);
  return absl::StrFormat("%6d judged %s within, %5d excluded", judged, within, cell.excluded);
}

}  // namespace

std::string LiveReport(const EngineConfig& config, const std::vector<StandardToDate>& to_date) {
  std::string report;
  for (size_t i = 0; i < config.standards.size() && i < to_date.size(); ++i) {
    const Standard& standard = config.standards[i];
    absl::StrAppendFormat(&report, "%-28s today %s   month %s   target %.0f %%\n", standard.id,
                          Judged(to_date[i].today), Judged(to_date[i].month), standard.target * 100);
  }
  return report;
}

}  // namespace ontime

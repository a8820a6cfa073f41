#include "statements/figures_report.h"

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "statements/outcome_json.h"

namespace ontime {
namespace {

std::string FormatMeasure(const Standard& standard, double value) {
  switch (standard.unit()) {
    case MeasureUnit::kMicroseconds:
      if (value >= 86400 * 2) return absl::StrFormat("%.1f d", value / 86400);
      if (value >= 7200) return absl::StrFormat("%.1f h", value / 3600);
      if (value >= 120) return absl::StrFormat("%.1f min", value / 60);
      return absl::StrFormat("%.1f s", value);
    case MeasureUnit::kWorkingDays: return absl::StrFormat("%.0f wd", value);
    case MeasureUnit::kScore: return absl::StrFormat("%.0f", value);
    case MeasureUnit::kCount: return absl::StrFormat("%.0f", value);
  }
  return "";
}

}  // namespace

void PrintSummary(const std::vector<Standard>& standards, const PortableAggregates& aggregates,
                  std::ostream& out) {
  out << absl::StrFormat("%-28s %8s %8s %8s %8s %8s %7s %9s %9s\n", "standard", "volume", "met",
                         "breached", "excluded", "within", "target", "median", "p90");
  for (const Standard& standard : standards) {
    AggregateCell total;
    for (const auto& [key, cell] : aggregates.cells()) {
      if (key.standard == standard.id && key.period == PeriodKind::kMonth) total.Merge(cell);
    }
    const uint64_t volume = total.met + total.breached + total.excluded;
    const bool judged = total.met + total.breached > 0;
    out << absl::StrFormat(
        "%-28s %8d %8d %8d %8d %8s %6.1f%% %9s %9s\n", standard.id, volume, total.met,
        total.breached, total.excluded,
        judged ? absl::StrFormat("%.1f%%", total.compliance() * 100) : "-",
        standard.target * 100,
        judged ? FormatMeasure(standard, total.measures.Quantile(0.5)) : "-",
        judged ? FormatMeasure(standard, total.measures.Quantile(0.9)) : "-");
  }
}

void WriteAggregatesJson(const PortableAggregates& aggregates, std::ostream& out) {
  for (const auto& [key, cell] : aggregates.cells()) {
    out << absl::StrFormat(
        "{\"standard\":%s,\"period\":\"%s\",\"start\":\"%s\",\"channel\":%d,"
        "\"service\":%s,\"customer_group\":%s,\"met\":%d,\"breached\":%d,"
        "\"excluded\":%d,\"sketch\":{\"first\":%d,\"zero\":%d,\"buckets\":[%s]}}\n",
        JsonString(key.standard), PeriodKindName(key.period),
        absl::FormatCivilTime(absl::CivilSecond(1970, 1, 1) + key.period_start),
        static_cast<int>(key.channel), JsonString(key.service), JsonString(key.customer_group), cell.met, cell.breached,
        cell.excluded, cell.measures.first_index(), cell.measures.zero_count(),
        absl::StrJoin(cell.measures.buckets(), ","));
  }
}

}  // namespace ontime

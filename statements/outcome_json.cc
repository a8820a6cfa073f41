#include "statements/outcome_json.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace ontime {

std::string Rfc3339(absl::Time t) {
  if (t == absl::InfiniteFuture()) return "null";
  return absl::StrCat("\"", absl::FormatTime("%Y-%m-%dT%H:%M:%E*SZ", t, absl::UTCTimeZone()),
                      "\"");
}

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += absl::StrFormat("\\u%04x", static_cast<int>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string OutcomeJson(const Engine& engine, const Outcome& outcome) {
  const Standard& standard = engine.standard(outcome.standard);
  std::string measure;
  switch (standard.unit()) {
    case MeasureUnit::kMicroseconds:
      measure = absl::StrCat("\"duration_seconds\":",
                             absl::StrFormat("%.6f", static_cast<double>(outcome.measure) / 1e6));
      break;
    case MeasureUnit::kWorkingDays:
      measure = absl::StrCat("\"working_days\":", outcome.measure);
      break;
    case MeasureUnit::kScore: measure = absl::StrCat("\"score\":", outcome.measure); break;
    case MeasureUnit::kCount: measure = absl::StrCat("\"transfers\":", outcome.measure); break;
  }
  return absl::StrCat("{\"contact_id\":", JsonString(outcome.contact_id),
                      ",\"standard\":", JsonString(standard.id), ",\"episode\":", outcome.episode,
                      ",\"outcome\":\"", std::string(VerdictName(outcome.verdict)), "\",", measure,
                      ",\"started_at\":", Rfc3339(outcome.started),
                      ",\"decided_at\":", Rfc3339(outcome.decided_at),
                      ",\"deadline\":", Rfc3339(outcome.deadline), "}");
}

}  // namespace ontime

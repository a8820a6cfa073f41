#include "daemon/replay_command.h"

#include <fstream>
#include <ostream>

#include "absl/strings/str_format.h"
#include "collectors/event_file.h"
#include "config/config_loader.h"
#include "daemon/outcome_json.h"
#include "engine/engine.h"

namespace ontime {
namespace {

// Bad lines are listed up to this many; the rest are only counted.
constexpr int kMaxReportedBadRecords = 20;

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

void PrintSummary(const Engine& engine, std::ostream& out) {
  out << absl::StrFormat("%-28s %8s %8s %8s %8s %8s %7s %9s %9s\n", "standard", "volume", "met",
                         "breached", "excluded", "within", "target", "median", "p90");
  for (size_t i = 0; i < engine.config().standards.size(); ++i) {
    const Standard& standard = engine.config().standards[i];
    AggregateCell total;
    for (const auto& [key, cell] : engine.aggregates().cells()) {
      if (key.standard == i && key.period == PeriodKind::kMonth) total.Merge(cell);
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

}  // namespace

int RunReplay(const ReplayOptions& options, std::ostream& out, std::ostream& err) {
  ConfigResult loaded = LoadConfigFile(options.config_path);
  if (!loaded.ok()) {
    for (const ConfigError& e : loaded.errors) err << e.ToString() << "\n";
    return 2;
  }
  auto engine = Engine::Create(std::move(loaded.config.engine));
  if (!engine.ok()) {
    err << options.config_path << ": " << engine.status().message() << "\n";
    return 2;
  }
  EventFileReader reader;
  if (absl::Status s = reader.Open(options.events_path); !s.ok()) {
    err << s.message() << "\n";
    return 1;
  }
  std::ofstream outcomes;
  if (!options.outcomes_path.empty()) {
    outcomes.open(options.outcomes_path, std::ios::trunc);
    if (!outcomes) {
      err << "cannot write " << options.outcomes_path << "\n";
      return 1;
    }
  }

  Effects effects;
  uint64_t records = 0, bad_records = 0, at_risk = 0, overdue = 0;
  auto drain = [&] {
    if (outcomes.is_open()) {
      for (const Outcome& outcome : effects.outcomes) {
        outcomes << OutcomeJson(**engine, outcome) << "\n";
      }
    }
    for (const Signal& signal : effects.signals) {
      (signal.kind == SignalKind::kAtRisk ? at_risk : overdue)++;
    }
    effects.Clear();
  };
  while (std::optional<EventRecord> record = reader.Next()) {
    ++records;
    if (!record->status.ok()) {
      if (++bad_records <= kMaxReportedBadRecords) {
        err << options.events_path << ": " << record->position << ": " << record->status.message()
            << " (skipped)\n";
      }
      continue;
    }
    (*engine)->Apply(record->event, effects);
    if (effects.disposition == Disposition::kInvalid) {
      if (++bad_records <= kMaxReportedBadRecords) {
        err << options.events_path << ": " << record->position << ": " << effects.invalid_reason
            << " (skipped)\n";
      }
    }
    // Replay's clock is event time: signals fall due as the events pass them.
    (*engine)->Advance((*engine)->newest_event_time(), effects);
    drain();
  }
  (*engine)->FinishInput(effects);
  drain();
  if (bad_records > kMaxReportedBadRecords) {
    err << options.events_path << ": " << bad_records - kMaxReportedBadRecords
        << " more bad records skipped\n";
  }

  const EngineCounters& c = (*engine)->counters();
  auto n = [&](Disposition d) { return c.events[static_cast<size_t>(d)]; };
  out << absl::StrFormat(
      "%d records: %d applied, %d duplicate, %d late, %d held for their receipt "
      "(%d contacts orphaned), %d refused, %d bad\n",
      records, n(Disposition::kApplied), n(Disposition::kDuplicate), n(Disposition::kLate),
      n(Disposition::kHeld), c.orphans, n(Disposition::kRefused), bad_records);
  out << absl::StrFormat("%d contacts still open; %d at-risk and %d overdue signals on the way\n",
                         (*engine)->open_contacts(), at_risk, overdue);
  PrintSummary(**engine, out);
  return 0;
}

}  // namespace ontime

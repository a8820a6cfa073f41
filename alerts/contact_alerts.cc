#include "alerts/contact_alerts.h"

#include <array>
#include <cmath>
#include <optional>

#include "absl/strings/str_cat.h"
#include "statements/plain_figures.h"

namespace ontime {
namespace {

bool Stood(const Outcome& outcome, SignalKind kind) { return outcome.signalled >> static_cast<int>(kind) & 1; }

// How long a contact at risk has left, in the standard's own clock: the
// share of the allowed time past warn_at (exact: the engine warns at the
// same floor of threshold x warn_at).
std::string TimeLeft(const Standard& standard, const Signal& signal) {
  std::optional<std::string> words;
  if (standard.stage == Stage::kPromise) {
    words = MeasureInWords(standard, absl::ToDoubleSeconds(signal.due_by - signal.due));
  } else {
    const int64_t warn = static_cast<int64_t>(std::floor(static_cast<double>(standard.threshold) * standard.warn_at));
    const int64_t left = standard.threshold - warn;
    words = MeasureInWords(standard, MeasureValue(standard, left));
  }
  return words.value_or("little time");
}

std::string EscalateAfterInWords(const Standard& standard) {
  return MeasureInWords(standard, MeasureValue(standard, standard.escalate_after)).value_or("the set time");
}

// Why an alert that stood ended, from the outcome.
std::string EndedBecause(const Outcome& outcome) {
  if (outcome.abandoned) return "abandoned";
  switch (outcome.verdict) {
    case Verdict::kMet:
      return "answered in time";
    case Verdict::kBreached:
      return "answered late";
    case Verdict::kExcluded:
      return "no longer counted";
  }
  return "stopped";
}

// "letter HX-1 (housing, letters)": how a summary names the contact.
std::string Naming(const Dimensions& dimensions, const std::string& contact, std::string_view service,
                   const Standard& standard) {
  return absl::StrCat(std::string(ChannelName(dimensions.channel)), " ", contact, " (", std::string(service), ", ",
                      standard.id, ")");
}

}  // namespace

std::string DueByInWords(const Standard& standard, absl::Time due_by, absl::TimeZone zone) {
  if (due_by == absl::InfiniteFuture()) return "no time limit";
  if (standard.unit() == MeasureUnit::kWorkingDays) {
    // Midnight ends the last allowed day: that day is the one before it.
    return absl::StrCat("the end of ", DayInWords(absl::ToCivilDay(due_by - absl::Microseconds(1), zone)));
  }
  const absl::CivilSecond local = absl::ToCivilSecond(due_by, zone);
  // By hand: FormatTime costs more than the rest of an alert together.
  const char clock[] = {static_cast<char>('0' + local.hour() / 10), static_cast<char>('0' + local.hour() % 10), ':',
                        static_cast<char>('0' + local.minute() / 10), static_cast<char>('0' + local.minute() % 10)};
  return absl::StrCat(DayInWords(absl::CivilDay(local)), ", ", std::string(clock, sizeof clock));
}

ContactAlerts::ContactAlerts(const EngineConfig& config, const AlertLevels& levels)
    : config_(config), levels_(levels) {
  for (const Standard& standard : config_.standards) {
    absl::TimeZone zone = absl::UTCTimeZone();
    for (const CalendarSpec& calendar : config_.calendars) {
      if (calendar.name == standard.calendar) zone = calendar.time_zone;
    }
    zones_.push_back(zone);
  }
}

std::string ContactAlerts::Identity(std::string_view contact, std::string_view standard_id, uint32_t episode,
                                    SignalKind state) {
  return absl::StrCat("contact/", std::string(contact), "/", std::string(standard_id), "/", episode, "/",
                      std::string(SignalKindName(state)));
}

const std::string& ContactAlerts::LevelOf(SignalKind kind) const {
  switch (kind) {
    case SignalKind::kAtRisk:
      return levels_.at_risk;
    case SignalKind::kOverdue:
      return levels_.overdue;
    case SignalKind::kEscalated:
      return levels_.escalated;
  }
  return levels_.overdue;
}

v1::Alert ContactAlerts::Base(std::string_view contact, StandardIndex standard_index, uint32_t episode,
                              const Dimensions& dimensions, std::string_view service, SignalKind state) const {
  const Standard& standard = config_.standards[Index(standard_index)];
  v1::Alert alert;
  alert.set_identity(Identity(contact, standard.id, episode, state));
  alert.set_kind(v1::Alert::CONTACT);
  alert.set_state(std::string(SignalKindName(state)));
  alert.set_level(LevelOf(state));
  alert.set_service(std::string(service));
  alert.set_standard_id(standard.id);
  alert.set_standard_wording(standard.wording);
  alert.set_contact_reference(std::string(contact));
  alert.set_channel(std::string(ChannelName(dimensions.channel)));
  alert.set_episode(episode);
  alert.set_target(standard.target);
  return alert;
}

void ContactAlerts::OnSignal(const Signal& signal, std::string_view service, std::vector<v1::Alert>* out) const {
  const Standard& standard = config_.standards[Index(signal.standard)];
  const absl::TimeZone zone = zones_[Index(signal.standard)];
  const std::string due_by = DueByInWords(standard, signal.due_by, zone);
  v1::Alert& alert = out->emplace_back(
      Base(signal.contact_id, signal.standard, signal.episode, signal.dimensions, service, signal.kind));
  alert.set_status(v1::Alert::FIRING);
  alert.set_due_by_us(absl::ToUnixMicros(signal.due_by));
  alert.set_due_by_text(due_by);
  alert.set_since_us(absl::ToUnixMicros(signal.due));
  const std::string what = Naming(signal.dimensions, signal.contact_id, service, standard);
  switch (signal.kind) {
    case SignalKind::kAtRisk:
      alert.set_summary(absl::StrCat(what, " is at risk: due by ", due_by, ", ", TimeLeft(standard, signal),
                                     " left. Advise the customer if it will be late."));
      break;
    case SignalKind::kOverdue:
      alert.set_summary(absl::StrCat(what, " is overdue: it was due by ", due_by,
                                     ". Advise the customer and say when to expect an answer."));
      break;
    case SignalKind::kEscalated:
      alert.set_summary(absl::StrCat(what, " is more than ", EscalateAfterInWords(standard), " overdue: it was due by ",
                                     due_by, "."));
      break;
  }
  if (signal.kind == SignalKind::kOverdue && signal.supersedes_at_risk) {
    // No longer at risk: overdue. The at-risk alert (if one was raised)
    // ends here, so a team lead's list holds only contacts still savable.
    v1::Alert& superseded = out->emplace_back(
        Base(signal.contact_id, signal.standard, signal.episode, signal.dimensions, service, SignalKind::kAtRisk));
    superseded.set_status(v1::Alert::RESOLVED);
    superseded.set_due_by_us(absl::ToUnixMicros(signal.due_by));
    superseded.set_due_by_text(due_by);
    superseded.set_ended_us(absl::ToUnixMicros(signal.due));
    superseded.set_reason("now overdue");
    superseded.set_summary(absl::StrCat(what, " is no longer at risk: it is overdue."));
  }
}

void ContactAlerts::OnOutcome(const Outcome& outcome, std::string_view service, std::vector<v1::Alert>* out) const {
  if (outcome.signalled == 0) return;
  const Standard& standard = config_.standards[Index(outcome.standard)];
  const std::string what = Naming(outcome.dimensions, outcome.contact_id, service, standard);
  for (const SignalKind state : {SignalKind::kAtRisk, SignalKind::kOverdue, SignalKind::kEscalated}) {
    if (!Stood(outcome, state)) continue;
    v1::Alert& alert = out->emplace_back(
        Base(outcome.contact_id, outcome.standard, outcome.episode, outcome.dimensions, service, state));
    // Overdue, then met after all: a late event moved the stop before the
    // deadline. The alert was not true; it is taken back, not resolved.
    const bool withdrawn = state != SignalKind::kAtRisk && outcome.verdict == Verdict::kMet;
    alert.set_status(withdrawn ? v1::Alert::WITHDRAWN : v1::Alert::RESOLVED);
    alert.set_ended_us(absl::ToUnixMicros(outcome.decided_at));
    alert.set_reason(withdrawn ? "met after all" : EndedBecause(outcome));
    alert.set_summary(absl::StrCat(what, withdrawn ? ": withdrawn, it was met after all." : absl::StrCat(": ", alert.reason(), ".")));
  }
}

}  // namespace ontime

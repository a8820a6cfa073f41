#include "alerts/dip_watch.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "statements/plain_figures.h"

namespace ontime {

absl::Time WindowStart(const DipWindow& window, bool opening_time, const Calendar& calendar, absl::Time now) {
  const absl::CivilDay today = calendar.LocalDay(now);
  switch (window.kind) {
    case DipWindow::Kind::kToday:
      return calendar.DayStart(today);
    case DipWindow::Kind::kThisWeek: {
      absl::CivilDay monday = today;
      while (absl::GetWeekday(monday) != absl::Weekday::monday) --monday;
      return calendar.DayStart(monday);
    }
    case DipWindow::Kind::kLength:
      break;
  }
  if (!opening_time) return now - window.length;
  absl::Duration left = window.length;
  absl::CivilDay day = today;
  for (int i = 0; i < 400; ++i, --day) {
    const absl::Span<const Interval> open = calendar.OpenIntervals(day);
    for (auto it = open.rbegin(); it != open.rend(); ++it) {
      if (it->begin >= now) continue;
      const absl::Time end = std::min(it->end, now);
      if (end - it->begin >= left) return end - left;
      left -= end - it->begin;
    }
  }
  return absl::InfinitePast();
}

DipWatch::DipWatch(const EngineConfig& config, const AlertLevels& levels, double hysteresis)
    : config_(config), levels_(levels) {
  calendars_.push_back(std::make_unique<Calendar>(AlwaysOpenUtc()));
  for (const CalendarSpec& spec : config_.calendars) calendars_.push_back(std::make_unique<Calendar>(spec));
  outcomes_.resize(config_.standards.size());
  for (size_t i = 0; i < config_.standards.size(); ++i) {
    const Standard& standard = config_.standards[i];
    const Calendar* calendar = calendars_.front().get();
    for (const auto& c : calendars_) {
      if (!standard.calendar.empty() && c->name() == standard.calendar) calendar = c.get();
    }
    calendar_of_.push_back(calendar);
    opening_time_.push_back(standard.clock != ClockKind::kElapsed);
    for (const std::string& text : standard.dip_windows) {
      absl::StatusOr<DipWindow> window = ParseDipWindow(text);
      if (!window.ok()) continue;  // the config reader refused it already
      watched_.push_back({i, *window,
                          DipDetector({.target = standard.target,
                                       .hysteresis = hysteresis,
                                       .min_volume = static_cast<uint64_t>(std::max<int64_t>(standard.min_volume, 1))})});
    }
  }
}

void DipWatch::Record(const Outcome& outcome) {
  if (outcome.verdict == Verdict::kExcluded || Index(outcome.standard) >= outcomes_.size()) return;
  Counts& counts = outcomes_[Index(outcome.standard)][absl::ToUnixMicros(outcome.decided_at)];
  ++counts.judged;
  if (outcome.verdict == Verdict::kMet) ++counts.met;
}

void DipWatch::Evaluate(absl::Time now, std::vector<v1::Alert>* out) {
  std::vector<int64_t> keep_from(outcomes_.size(), INT64_MAX);
  for (Watched& w : watched_) {
    const Standard& standard = config_.standards[w.standard];
    const absl::Time start = WindowStart(w.window, opening_time_[w.standard], *calendar_of_[w.standard], now);
    const int64_t from = start == absl::InfinitePast() ? INT64_MIN : absl::ToUnixMicros(start);
    keep_from[w.standard] = std::min(keep_from[w.standard], from);
    const std::map<int64_t, Counts>& outcomes = outcomes_[w.standard];
    Counts sum;
    const int64_t to = absl::ToUnixMicros(now);
    for (auto it = outcomes.lower_bound(from); it != outcomes.end() && it->first < to; ++it) {
      sum.met += it->second.met;
      sum.judged += it->second.judged;
    }
    const DipTransition transition = w.detector.Observe(sum.met, sum.judged);
    if (transition == DipTransition::kNone) continue;
    v1::Alert& alert = out->emplace_back();
    alert.set_identity(absl::StrCat("dip/", standard.id, "/", w.window.name));
    alert.set_kind(v1::Alert::DIP);
    alert.set_state("dip");
    alert.set_level(levels_.dip);
    alert.set_standard_id(standard.id);
    alert.set_standard_wording(standard.wording);
    alert.set_window(w.window.name);
    alert.set_window_met(sum.met);
    alert.set_window_judged(sum.judged);
    alert.set_target(standard.target);
    const std::string window_words =
        w.window.kind == DipWindow::Kind::kLength
            ? absl::StrCat("the last ", w.window.name, opening_time_[w.standard] ? " of opening time" : "")
            : w.window.name;
    const std::string figures = absl::StrCat(Percent(sum.met, sum.judged), " of ", Thousands(sum.judged),
                                             " within the standard, against a target of ",
                                             Percent(static_cast<uint64_t>(standard.target * 1000000), 1000000));
    if (transition == DipTransition::kFired) {
      w.fired_at = now;
      alert.set_status(v1::Alert::FIRING);
      alert.set_since_us(absl::ToUnixMicros(now));
      alert.set_summary(absl::StrCat(standard.id, " is below its target over ", window_words, ": ", figures, "."));
    } else {
      alert.set_status(v1::Alert::RESOLVED);
      if (w.fired_at != absl::InfinitePast()) alert.set_since_us(absl::ToUnixMicros(w.fired_at));
      alert.set_ended_us(absl::ToUnixMicros(now));
      alert.set_reason("back above target");
      alert.set_summary(absl::StrCat(standard.id, " is back above its target over ", window_words, ": ", figures, "."));
    }
  }
  // Outcomes older than every window of their standard are not needed.
  for (size_t i = 0; i < outcomes_.size(); ++i) {
    std::map<int64_t, Counts>& outcomes = outcomes_[i];
    outcomes.erase(outcomes.begin(), outcomes.lower_bound(keep_from[i]));
  }
}

}  // namespace ontime

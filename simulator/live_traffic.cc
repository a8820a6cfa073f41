#include "simulator/live_traffic.h"

#include "absl/strings/str_cat.h"

namespace ontime {

absl::CivilDay DemoFirstDay(absl::CivilDay today) {
  absl::CivilDay day(absl::CivilMonth(today) - 1);
  while (absl::GetWeekday(day) == absl::Weekday::saturday || absl::GetWeekday(day) == absl::Weekday::sunday) {
    ++day;
  }
  return day;
}

absl::Time DemoClockStart(absl::CivilDay first_day, absl::TimeZone zone) {
  return absl::FromCivil(absl::CivilHour(first_day) + 8, zone);
}

LiveTraffic::LiveTraffic(SimulationOptions options, int days_per_window)
    : options_(std::move(options)), days_per_window_(days_per_window) {
  absl::LoadTimeZone(options_.time_zone, &zone_);
  start_ = absl::FromCivil(options_.first_day, zone_);
  next_window_ = start_;
}

void LiveTraffic::GenerateWindow() {
  SimulationOptions window = options_;
  window.first_day = options_.first_day + static_cast<int64_t>(windows_) * days_per_window_;
  window.days = days_per_window_;
  window.seed = options_.seed + static_cast<uint64_t>(windows_);
  window.contact_id_prefix = absl::StrCat(options_.contact_id_prefix, "W", windows_, "-");
  contacts_ += Simulate(window, [&](const SimulatedEvent& e) { pending_.push({e, sequence_++}); });
  ++windows_;
  next_window_ = absl::FromCivil(window.first_day + days_per_window_, zone_);
}

void LiveTraffic::TakeDue(absl::Time until, std::vector<SimulatedEvent>* out) {
  // A window's events are all delivered after it starts, so it is generated
  // only once simulated time reaches it.
  while (until >= next_window_) GenerateWindow();
  while (!pending_.empty() && pending_.top().event.delivered <= until) {
    out->push_back(pending_.top().event);
    pending_.pop();
  }
}

}  // namespace ontime

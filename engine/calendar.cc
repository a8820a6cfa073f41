#include "engine/calendar.h"

#include <utility>

namespace ontime {
namespace {

int WeekdayIndex(absl::CivilDay day) {
  switch (absl::GetWeekday(day)) {
    case absl::Weekday::monday: return 0;
    case absl::Weekday::tuesday: return 1;
    case absl::Weekday::wednesday: return 2;
    case absl::Weekday::thursday: return 3;
    case absl::Weekday::friday: return 4;
    case absl::Weekday::saturday: return 5;
    case absl::Weekday::sunday: return 6;
  }
  return 0;
}

}  // namespace

CalendarSpec AlwaysOpenUtc() {
  CalendarSpec spec;
  spec.name = "always";
  spec.time_zone = absl::UTCTimeZone();
  for (auto& day : spec.opening_hours) day = {OpeningSpan{0, 86400}};
  return spec;
}

Calendar::Calendar(CalendarSpec spec) : spec_(std::move(spec)) {}

absl::Time Calendar::InstantOf(absl::CivilSecond local) const {
  const absl::TimeZone::TimeInfo info = spec_.time_zone.At(local);
  switch (info.kind) {
    case absl::TimeZone::TimeInfo::UNIQUE: return info.pre;
    // The clock jumped over `local`: the first instant showing a later time
    // is the transition itself.
    case absl::TimeZone::TimeInfo::SKIPPED: return info.trans;
    // The clock shows `local` twice: the first time counts.
    case absl::TimeZone::TimeInfo::REPEATED: return info.pre;
  }
  return info.pre;
}

absl::CivilDay Calendar::LocalDay(absl::Time t) const {
  return absl::ToCivilDay(t, spec_.time_zone);
}

bool Calendar::IsWorkingDay(absl::CivilDay day) const {
  return Lookup(day).working;
}

absl::Span<const Interval> Calendar::OpenIntervals(absl::CivilDay day) const {
  return Lookup(day).open;
}

absl::Time Calendar::DayStart(absl::CivilDay day) const {
  return Lookup(day).start;
}

absl::Time Calendar::CutOff(absl::CivilDay day) const {
  return Lookup(day).cut_off;
}

const Calendar::Day& Calendar::Lookup(absl::CivilDay day) const {
  auto it = days_.find(day);
  if (it != days_.end()) return it->second;
  Day d;
  const absl::CivilSecond midnight(day);
  d.start = InstantOf(midnight);
  d.cut_off = InstantOf(midnight + spec_.cut_off_second);
  if (!spec_.holidays.contains(day)) {
    for (const OpeningSpan& span : spec_.opening_hours[WeekdayIndex(day)]) {
      const Interval open{InstantOf(midnight + span.begin_second),
                          InstantOf(midnight + span.end_second)};
      // A span wholly inside a skipped hour is empty: never open.
      if (open.begin < open.end) d.open.push_back(open);
    }
  }
  d.working = !d.open.empty();
  return days_.emplace(day, std::move(d)).first->second;
}

}  // namespace ontime

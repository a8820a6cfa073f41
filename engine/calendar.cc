#include "engine/calendar.h"

#include <utility>

#include "engine/civil_days.h"

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
  for (const SteadyDay& d : steady_) {
    if (d.begin <= t && t < d.end) return d.day;
  }
  const absl::CivilDay day = absl::ToCivilDay(t, spec_.time_zone);
  RememberSteadyDay(day);
  return day;
}

absl::CivilSecond Calendar::ToLocal(absl::Time t) const {
  for (const SteadyDay& d : steady_) {
    if (d.begin <= t && t < d.end) {
      return absl::CivilSecond(d.day) + absl::ToInt64Seconds(absl::Floor(t - d.begin, absl::Seconds(1)));
    }
  }
  const absl::CivilSecond local = absl::ToCivilSecond(t, spec_.time_zone);
  RememberSteadyDay(absl::CivilDay(local));
  return local;
}

void Calendar::RememberSteadyDay(absl::CivilDay day) const {
  const absl::Time begin = DayStart(day);
  const absl::Time end = DayStart(day + 1);
  // A day on which the clocks change goes the slow way every time. (Two
  // changes that cancel out within one day would pass this test; no zone
  // has had them.)
  const bool changes = spec_.time_zone.At(begin).offset !=
                       spec_.time_zone.At(end - absl::Nanoseconds(1)).offset;
  if (changes || end - begin != absl::Hours(24)) return;
  steady_[steady_next_] = {begin, end, day};
  steady_next_ = (steady_next_ + 1) % steady_.size();
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
  const int64_t key = DaysSinceEpoch(day);
  Recent& recent = recent_[static_cast<size_t>(key) & (recent_.size() - 1)];
  if (recent.key == key) return *recent.day;
  auto it = days_.find(key);
  if (it != days_.end()) {
    recent = {key, &it->second};
    return it->second;
  }
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
  // An insertion may rehash and move entries: the front cache forgets them.
  recent_.fill(Recent{});
  const Day& inserted = days_.emplace(key, std::move(d)).first->second;
  return inserted;
}

}  // namespace ontime

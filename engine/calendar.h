// A service's calendar: its time zone, opening hours per weekday, holidays and
// the daily cut-off. The business and working-day clocks count time through it.
//
// Local times become instants by one rule, used everywhere: a local time T
// maps to the first instant at which the local clock shows T or later. So an
// office that opens at 02:30 on a spring-forward night (02:00-03:00 skipped)
// opens at the transition, and one that closes at 01:30 on a fall-back night
// (01:00-02:00 repeated) closes at the first 01:30. Because the rule is
// monotone, consecutive days tile time with no gap and no overlap: a 24/7
// calendar counts exactly 23 h on a spring-forward day and 25 h on fall-back.
//
// Example: Europe/London, Mon-Fri 09:00-17:00, 2026-12-25 a holiday:
//   OpenIntervals(2026-12-24) = {[09:00Z, 17:00Z)}
//   OpenIntervals(2026-12-25) = {}          (holiday)
//
// Not thread-safe: day look-ups are memoised in a mutable cache (a pure
// function of the calendar, so it changes no result).
#ifndef ONTIME_ENGINE_CALENDAR_H_
#define ONTIME_ENGINE_CALENDAR_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

namespace ontime {

// A half-open span of time, [begin, end).
struct Interval {
  absl::Time begin;
  absl::Time end;
};

// Opening hours on one weekday, as seconds since local midnight; end may be
// 86400 (24:00). Sorted and disjoint (the config loader guarantees it).
struct OpeningSpan {
  int32_t begin_second = 0;
  int32_t end_second = 0;
};

struct CalendarSpec {
  std::string name;
  absl::TimeZone time_zone;
  // Indexed by absl::Weekday order: monday = 0 ... sunday = 6.
  std::array<std::vector<OpeningSpan>, 7> opening_hours;
  absl::flat_hash_set<absl::CivilDay> holidays;
  // Seconds since local midnight; contacts received at or after it count as
  // received on the next working day. 86400 means no cut-off.
  int32_t cut_off_second = 86400;
};

// The canonical 24/7 calendar in UTC: every second counts.
CalendarSpec AlwaysOpenUtc();

class Calendar {
 public:
  explicit Calendar(CalendarSpec spec);
  // The caches point into each other.
  Calendar(const Calendar&) = delete;
  Calendar& operator=(const Calendar&) = delete;

  const CalendarSpec& spec() const { return spec_; }
  const std::string& name() const { return spec_.name; }
  absl::TimeZone time_zone() const { return spec_.time_zone; }

  // The first instant at which the local clock shows `local` or later.
  absl::Time InstantOf(absl::CivilSecond local) const;
  // The local calendar day of an instant.
  absl::CivilDay LocalDay(absl::Time t) const;
  // The local time of an instant, to the second (floor).
  absl::CivilSecond ToLocal(absl::Time t) const;

  // Not a holiday and has opening hours.
  bool IsWorkingDay(absl::CivilDay day) const;
  // The day's opening hours as instants, in order.
  absl::Span<const Interval> OpenIntervals(absl::CivilDay day) const;
  // Local midnight starting `day`, as an instant.
  absl::Time DayStart(absl::CivilDay day) const;
  // The cut-off on `day`, as an instant.
  absl::Time CutOff(absl::CivilDay day) const;

 private:
  struct Day {
    absl::InlinedVector<Interval, 2> open;
    absl::Time start;
    absl::Time cut_off;
    bool working = false;
  };
  const Day& Lookup(absl::CivilDay day) const;

  CalendarSpec spec_;
  // Keyed by days since 1970-01-01. Entries are never removed, so the
  // pointers in recent_ stay valid; a few thousand days cover years.
  mutable absl::flat_hash_map<int64_t, Day> days_;
  // Most look-ups are for the same few days: a direct-mapped front cache
  // saves the hash look-up.
  struct Recent {
    int64_t key = INT64_MIN;
    const Day* day = nullptr;
  };
  mutable std::array<Recent, 8> recent_;
  // The last local day looked up by instant, when the clocks do not change
  // during it: an instant in [begin, end) is on that day, at local midnight
  // plus (t - begin). Saves a time-zone look-up per call.
  struct SteadyDay {
    absl::Time begin = absl::InfiniteFuture();
    absl::Time end = absl::InfinitePast();
    absl::CivilDay day;
  };
  // Two: clocks often look up a span's first and last day in turn.
  mutable std::array<SteadyDay, 2> steady_;
  mutable size_t steady_next_ = 0;
  void RememberSteadyDay(absl::CivilDay day) const;
};

}  // namespace ontime

#endif  // ONTIME_ENGINE_CALENDAR_H_

// Days since 1970-01-01 for a civil date, by Howard Hinnant's
// days_from_civil: plain integer arithmetic, several times cheaper than
// subtracting absl civil times (which normalises both sides), and it is on
// the hot path of every calendar and aggregate look-up.
#ifndef ONTIME_ENGINE_CIVIL_DAYS_H_
#define ONTIME_ENGINE_CIVIL_DAYS_H_

#include <cstdint>

#include "absl/time/civil_time.h"

namespace ontime {

constexpr int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

inline int64_t DaysSinceEpoch(absl::CivilDay day) {
  return DaysFromCivil(day.year(), day.month(), day.day());
}

// Seconds since 1970-01-01T00:00:00 civil.
inline int64_t SecondsSinceEpoch(absl::CivilSecond t) {
  return DaysFromCivil(t.year(), t.month(), t.day()) * 86400 + t.hour() * 3600 +
         t.minute() * 60 + t.second();
}

static_assert(DaysFromCivil(1970, 1, 1) == 0);
static_assert(DaysFromCivil(2000, 3, 1) == 11017);
static_assert(DaysFromCivil(1969, 12, 31) == -1);

}  // namespace ontime

#endif  // ONTIME_ENGINE_CIVIL_DAYS_H_

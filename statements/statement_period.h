// The months a statement covers: one month, or the organisation's year
// (twelve months from the month its year starts).
//
//   StatementPeriod october{.first = absl::CivilMonth(2026, 10), .months = 1};
//   PeriodInWords(october)   // "October 2026"
//   StatementPeriod year{.first = absl::CivilMonth(2026, 4), .months = 12};
//   PeriodInWords(year)      // "April 2026 to March 2027"
//   PeriodIso(year)          // "2026-04/2027-03" (ISO 8601 interval)
#ifndef ONTIME_STATEMENTS_STATEMENT_PERIOD_H_
#define ONTIME_STATEMENTS_STATEMENT_PERIOD_H_

#include <string>

#include "absl/time/civil_time.h"

namespace ontime {

struct StatementPeriod {
  absl::CivilMonth first;
  int months = 1;

  absl::CivilMonth last() const { return first + (months - 1); }
  bool contains(absl::CivilMonth m) const { return m >= first && m <= last(); }
  bool is_year() const { return months > 1; }
  // The period as long before this one ends where it starts.
  StatementPeriod previous() const { return {.first = first - months, .months = months}; }
  friend bool operator==(const StatementPeriod&, const StatementPeriod&) = default;
};

// The organisation's year that starts in `year` (in the month year_starts).
StatementPeriod OrganisationYear(int64_t year, int year_starts);

// "October 2026"; "April 2026 to March 2027"; "2026" for a calendar year.
std::string PeriodInWords(const StatementPeriod& period);
// "in October 2026"; "from April 2026 to March 2027"; "in 2026".
std::string DuringPeriod(const StatementPeriod& period);
// "2026-10"; "2026-04/2027-03".
std::string PeriodIso(const StatementPeriod& period);
// For file names: "2026-10"; "2026-04-to-2027-03".
std::string PeriodSlug(const StatementPeriod& period);

}  // namespace ontime

#endif  // ONTIME_STATEMENTS_STATEMENT_PERIOD_H_

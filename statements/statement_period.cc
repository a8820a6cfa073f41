#include "statements/statement_period.h"

#include "absl/strings/str_cat.h"
#include "statements/plain_figures.h"

namespace ontime {

StatementPeriod OrganisationYear(int64_t year, int year_starts) {
  return {.first = absl::CivilMonth(year, year_starts), .months = 12};
}

namespace {
bool IsCalendarYear(const StatementPeriod& p) { return p.months == 12 && p.first.month() == 1; }
}  // namespace

std::string PeriodInWords(const StatementPeriod& period) {
  if (!period.is_year()) return MonthInWords(period.first);
  if (IsCalendarYear(period)) return std::to_string(period.first.year());
  return absl::StrCat(MonthInWords(period.first), " to ", MonthInWords(period.last()));
}

std::string DuringPeriod(const StatementPeriod& period) {
  if (period.is_year() && !IsCalendarYear(period)) return absl::StrCat("from ", PeriodInWords(period));
  return absl::StrCat("in ", PeriodInWords(period));
}

std::string PeriodIso(const StatementPeriod& period) {
  if (!period.is_year()) return absl::FormatCivilTime(period.first);
  return absl::StrCat(absl::FormatCivilTime(period.first), "/", absl::FormatCivilTime(period.last()));
}

std::string PeriodSlug(const StatementPeriod& period) {
  if (!period.is_year()) return absl::FormatCivilTime(period.first);
  return absl::StrCat(absl::FormatCivilTime(period.first), "-to-", absl::FormatCivilTime(period.last()));
}

}  // namespace ontime

#include "statements/plain_figures.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "absl/numeric/int128.h"
#include "absl/strings/str_format.h"

namespace ontime {
namespace {

// One decimal, without a trailing ".0": "3.5", "3".
std::string OneDecimal(double value) {
  const double rounded = std::round(value * 10) / 10;
  if (rounded == std::floor(rounded)) return absl::StrFormat("%.0f", rounded);
  return absl::StrFormat("%.1f", rounded);
}

std::string Plural(const std::string& number, const char* one, const char* many) {
  return number + " " + (number == "1" ? one : many);
}

std::string TimeInWords(double seconds) {
  if (seconds < 120) return Plural(absl::StrFormat("%.0f", std::round(seconds)), "second", "seconds");
  if (seconds < 2 * 3600) return Plural(OneDecimal(seconds / 60), "minute", "minutes");
  if (seconds < 48 * 3600) return Plural(OneDecimal(seconds / 3600), "hour", "hours");
  return Plural(OneDecimal(seconds / 86400), "day", "days");
}

}  // namespace

std::string Thousands(uint64_t n) {
  std::string digits = absl::StrFormat("%d", n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string Percent(uint64_t part, uint64_t whole) {
  if (whole == 0) return "-";
  // Tenths of a percent, rounded half up, in integers: exact.
  const absl::uint128 tenths = (absl::uint128(part) * 2000 + whole) / (absl::uint128(whole) * 2);
  const auto value = absl::Uint128Low64(tenths);
  return absl::StrFormat("%d.%d%%", value / 10, value % 10);
}

std::string RatioPercent(double ratio) {
  return Percent(static_cast<uint64_t>(std::llround(ratio * 1e6)), 1'000'000);
}

std::optional<std::string> MeasureInWords(const Standard& standard, double value) {
  switch (standard.stage) {
    case Stage::kPromise:
    case Stage::kFirstContactResolution:
      return std::nullopt;
    case Stage::kSatisfaction:
      return OneDecimal(value) + " out of " + absl::StrFormat("%d", standard.score_scale);
    case Stage::kTransfers:
      return Plural(OneDecimal(value), "transfer", "transfers");
    case Stage::kFirstResponse:
    case Stage::kResolution:
    case Stage::kUpdate:
      break;
  }
  switch (standard.clock) {
    case ClockKind::kWorkingDays: return Plural(OneDecimal(value), "working day", "working days");
    case ClockKind::kBusiness: return TimeInWords(value) + " of opening hours";
    case ClockKind::kElapsed: break;
  }
  return TimeInWords(value);
}

std::string ChangeInWords(double before, double after) {
  const double points = (after - before) * 100;
  if (std::fabs(points) < 0.05) return "no change";
  const std::string size = absl::StrFormat("%.1f", std::round(std::fabs(points) * 10) / 10);
  return (points > 0 ? "up " : "down ") + size + (size == "1.0" ? " point" : " points");
}

std::string RunInWords(int months, bool met) {
  if (months <= 1) return "";
  static constexpr std::array<const char*, 13> kOrdinals = {
      "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
      "eleventh", "twelfth"};
  std::string ordinal;
  if (months < static_cast<int>(kOrdinals.size())) {
    ordinal = kOrdinals[static_cast<size_t>(months)];
  } else {
    const int last_two = months % 100;
    const char* suffix = (last_two >= 11 && last_two <= 13) ? "th"
                         : months % 10 == 1                 ? "st"
                         : months % 10 == 2                 ? "nd"
                         : months % 10 == 3                 ? "rd"
                                                            : "th";
    ordinal = absl::StrFormat("%d%s", months, suffix);
  }
  return std::string(met ? "met" : "not met") + " for the " + ordinal + " month running";
}

constexpr std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",
                                                 "May",     "June",     "July",      "August",
                                                 "September", "October", "November", "December"};
constexpr std::array<const char*, 7> kWeekdays = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                                  "Friday", "Saturday", "Sunday"};

std::string MonthName(int month) { return kMonths[static_cast<size_t>((month + 11) % 12)]; }

std::string MonthInWords(absl::CivilMonth month) {
  return absl::StrFormat("%s %d", MonthName(month.month()), month.year());
}

std::string DayInWords(absl::CivilDay day) {
  return absl::StrFormat("%s %d %s %d", kWeekdays[static_cast<size_t>(absl::GetWeekday(day))], day.day(),
                         MonthName(day.month()), day.year());
}

bool ShareBelow(uint64_t met, uint64_t judged, double ratio) {
  const int64_t ppm = std::clamp<int64_t>(std::llround(ratio * 1e6), 0, 1'000'000);
  return absl::uint128(met) * 1'000'000 < absl::uint128(judged) * static_cast<uint64_t>(ppm);
}

}  // namespace ontime

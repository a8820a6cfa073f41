#include "config/calendars_reader.h"

#include <algorithm>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace ontime {
namespace {

constexpr std::string_view kWeekdays[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                           "friday", "saturday", "sunday"};

// "08:30" -> 30600; "24:00" allowed.
bool ParseTimeOfDay(absl::string_view text, int32_t* seconds) {
  const std::vector<std::string> parts = absl::StrSplit(absl::StripAsciiWhitespace(text), ':');
  if (parts.size() != 2 || parts[0].empty() || parts[1].size() != 2) return false;
  int hours, minutes;
  if (!absl::SimpleAtoi(parts[0], &hours) || !absl::SimpleAtoi(parts[1], &minutes)) return false;
  if (hours < 0 || minutes < 0 || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) {
    return false;
  }
  *seconds = hours * 3600 + minutes * 60;
  return true;
}

void ReadOpeningHours(YamlReader& r, const YAML::Node& node, const std::string& calendar,
                      CalendarSpec* spec) {
  if (!r.IsMap(node, "opening_hours")) return;
  r.CheckKeys(node, "opening_hours", {"monday", "tuesday", "wednesday", "thursday", "friday",
                                      "saturday", "sunday"});
  for (int d = 0; d < 7; ++d) {
    const YAML::Node day = node[std::string(kWeekdays[d])];
    if (!day) continue;
    if (day.IsNull()) continue;
    if (!day.IsSequence()) {
      r.Error(day, absl::StrCat(std::string(kWeekdays[d]),
                                " must be a list of opening times like [\"09:00-17:00\"], "
                                "or [] when closed"));
      continue;
    }
    auto& spans = spec->opening_hours[static_cast<size_t>(d)];
    for (const YAML::Node& item : day) {
      std::string text;
      if (!r.Scalar(item, "an opening time", &text)) continue;
      const std::vector<std::string> ends = absl::StrSplit(text, '-');
      OpeningSpan span;
      if (ends.size() != 2 || !ParseTimeOfDay(ends[0], &span.begin_second) ||
          !ParseTimeOfDay(ends[1], &span.end_second)) {
        r.Error(item, absl::StrCat("opening time \"", text, "\" on ", std::string(kWeekdays[d]),
                                   " in calendar ", calendar,
                                   " should look like \"09:00-17:00\" (24-hour clock)"));
        continue;
      }
      if (span.begin_second >= span.end_second) {
        r.Error(item, absl::StrCat("opening time \"", text, "\" closes before it opens"));
        continue;
      }
      spans.push_back(span);
    }
    std::sort(spans.begin(), spans.end(),
              [](const OpeningSpan& a, const OpeningSpan& b) { return a.begin_second < b.begin_second; });
    for (size_t i = 1; i < spans.size(); ++i) {
      if (spans[i].begin_second < spans[i - 1].end_second) {
        r.Error(day, absl::StrCat("opening times on ", std::string(kWeekdays[d]), " in calendar ",
                                  calendar, " overlap"));
        break;
      }
    }
  }
}

void ReadHolidays(YamlReader& r, const YAML::Node& holidays, CalendarSpec* spec) {
  if (!holidays.IsSequence()) {
    r.Error(holidays, "holidays must be a list of dates like [2026-12-25, 2026-12-28]");
    return;
  }
  for (const YAML::Node& item : holidays) {
    std::string text;
    absl::CivilDay day;
    if (!r.Scalar(item, "a holiday", &text)) continue;
    if (!absl::ParseCivilTime(text, &day)) {
      r.Error(item, absl::StrCat("holiday \"", text, "\" is not a date; write it as YYYY-MM-DD"));
      continue;
    }
    spec->holidays.insert(day);
  }
}

// False if `body` is not a map, so there is no calendar to keep.
bool ReadCalendar(YamlReader& r, const YAML::Node& body, CalendarSpec* spec) {
  if (!r.IsMap(body, absl::StrCat("calendar ", spec->name))) return false;
  r.CheckKeys(body, absl::StrCat("calendar ", spec->name),
              {"time_zone", "opening_hours", "holidays", "cut_off"});
  std::string zone;
  if (!body["time_zone"]) {
    r.Error(body, absl::StrCat("calendar ", spec->name, " needs a time_zone, like Europe/London"));
  } else if (r.Scalar(body["time_zone"], "time_zone", &zone) &&
             !absl::LoadTimeZone(zone, &spec->time_zone)) {
    r.Error(body["time_zone"],
            absl::StrCat("time zone \"", zone, "\" is unknown; use an IANA name like Europe/London"));
  }
  if (body["opening_hours"]) {
    ReadOpeningHours(r, body["opening_hours"], spec->name, spec);
  } else {
    r.Error(body, absl::StrCat("calendar ", spec->name, " needs opening_hours"));
  }
  bool any_open = false;
  for (const auto& day : spec->opening_hours) any_open |= !day.empty();
  if (body["opening_hours"] && !any_open) {
    r.Error(body["opening_hours"],
            absl::StrCat("calendar ", spec->name, " is never open: give it opening hours"));
  }
  if (const YAML::Node holidays = body["holidays"]) ReadHolidays(r, holidays, spec);
  if (body["cut_off"]) {
    std::string text;
    if (r.Scalar(body["cut_off"], "cut_off", &text) && !ParseTimeOfDay(text, &spec->cut_off_second)) {
      r.Error(body["cut_off"], absl::StrCat("cut_off \"", text, "\" should be a time like \"17:00\""));
    }
  }
  return true;
}

}  // namespace

bool HasCalendar(const std::vector<CalendarSpec>& calendars, const std::string& name) {
  return std::any_of(calendars.begin(), calendars.end(),
                     [&](const CalendarSpec& c) { return c.name == name; });
}

void ReadCalendars(YamlReader& r, const YAML::Node& node, std::vector<CalendarSpec>* calendars) {
  if (!r.IsMap(node, "calendars")) return;
  for (const auto& entry : node) {
    CalendarSpec spec;
    spec.name = entry.first.Scalar();
    if (HasCalendar(*calendars, spec.name)) {
      r.Error(entry.first, absl::StrCat("two calendars are called ", spec.name));
    }
    if (ReadCalendar(r, entry.second, &spec)) calendars->push_back(std::move(spec));
  }
}

}  // namespace ontime

#include "config/config_loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "config/daemon_settings_reader.h"
#include "config/yaml_reader.h"

namespace ontime {
namespace {

constexpr std::string_view kWeekdays[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                           "friday", "saturday", "sunday"};

// "10 working days" -> 10.
bool ParseWorkingDays(absl::string_view text, int64_t* out) {
  absl::string_view rest = absl::StripAsciiWhitespace(text);
  if (!absl::ConsumeSuffix(&rest, "working days") && !absl::ConsumeSuffix(&rest, "working day")) {
    return false;
  }
  return absl::SimpleAtoi(std::string(absl::StripAsciiWhitespace(rest)), out) && *out >= 0 &&
         *out <= 2600;  // ten years of working days
}

// "0.9" or "90%" -> 0.9.
bool ParseRatio(absl::string_view text, double* out) {
  absl::string_view rest = absl::StripAsciiWhitespace(text);
  const bool percent = absl::ConsumeSuffix(&rest, "%");
  if (!absl::SimpleAtod(std::string(absl::StripAsciiWhitespace(rest)), out)) return false;
  if (percent) *out /= 100;
  return *out >= 0 && *out <= 1;
}

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

void ReadEngine(YamlReader& r, const YAML::Node& node, EngineConfig* config) {
  if (!r.IsMap(node, "engine")) return;
  r.CheckKeys(node, "engine",
              {"allowed_lateness", "hold_unknown_for", "max_held_contacts",
               "max_events_per_contact", "hourly_retention"});
  r.Duration(node, "allowed_lateness", &config->allowed_lateness);
  r.Duration(node, "hold_unknown_for", &config->hold_unknown_for);
  r.Duration(node, "hourly_retention", &config->hourly_retention);
  r.Count(node, "max_held_contacts", 0, &config->max_held_contacts);
  r.Count(node, "max_events_per_contact", 2, &config->max_events_per_contact);
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

void ReadCalendars(YamlReader& r, const YAML::Node& node, EngineConfig* config) {
  if (!r.IsMap(node, "calendars")) return;
  for (const auto& entry : node) {
    CalendarSpec spec;
    spec.name = entry.first.Scalar();
    if (std::any_of(config->calendars.begin(), config->calendars.end(),
                    [&](const CalendarSpec& c) { return c.name == spec.name; })) {
      r.Error(entry.first, absl::StrCat("two calendars are called ", spec.name));
    }
    const YAML::Node& body = entry.second;
    if (!r.IsMap(body, absl::StrCat("calendar ", spec.name))) continue;
    r.CheckKeys(body, absl::StrCat("calendar ", spec.name),
                {"time_zone", "opening_hours", "holidays", "cut_off"});
    std::string zone;
    if (!body["time_zone"]) {
      r.Error(body, absl::StrCat("calendar ", spec.name,
                                 " needs a time_zone, like Europe/London"));
    } else if (r.Scalar(body["time_zone"], "time_zone", &zone) &&
               !absl::LoadTimeZone(zone, &spec.time_zone)) {
      r.Error(body["time_zone"],
              absl::StrCat("time zone \"", zone,
                           "\" is unknown; use an IANA name like Europe/London"));
    }
    if (body["opening_hours"]) {
      ReadOpeningHours(r, body["opening_hours"], spec.name, &spec);
    } else {
      r.Error(body, absl::StrCat("calendar ", spec.name, " needs opening_hours"));
    }
    bool any_open = false;
    for (const auto& day : spec.opening_hours) any_open |= !day.empty();
    if (body["opening_hours"] && !any_open) {
      r.Error(body["opening_hours"],
              absl::StrCat("calendar ", spec.name, " is never open: give it opening hours"));
    }
    if (const YAML::Node holidays = body["holidays"]) {
      if (!holidays.IsSequence()) {
        r.Error(holidays, "holidays must be a list of dates like [2026-12-25, 2026-12-28]");
      } else {
        for (const YAML::Node& item : holidays) {
          std::string text;
          absl::CivilDay day;
          if (!r.Scalar(item, "a holiday", &text)) continue;
          if (!absl::ParseCivilTime(text, &day)) {
            r.Error(item, absl::StrCat("holiday \"", text,
                                       "\" is not a date; write it as YYYY-MM-DD"));
            continue;
          }
          spec.holidays.insert(day);
        }
      }
    }
    if (body["cut_off"]) {
      std::string text;
      if (r.Scalar(body["cut_off"], "cut_off", &text) &&
          !ParseTimeOfDay(text, &spec.cut_off_second)) {
        r.Error(body["cut_off"],
                absl::StrCat("cut_off \"", text, "\" should be a time like \"17:00\""));
      }
    }
    config->calendars.push_back(std::move(spec));
  }
}


void ReadFilter(YamlReader& r, const YAML::Node& node, StandardFilter* filter) {
  if (!r.IsMap(node, "applies_to")) return;
  r.CheckKeys(node, "applies_to", {"channel", "contact_type", "service", "priority"});
  if (node["channel"]) {
    std::vector<std::string> names;
    r.StringList(node["channel"], "channel", &names);
    for (const std::string& name : names) {
      Channel channel;
      if (!ParseChannel(name, &channel)) {
        r.Error(node["channel"],
                absl::StrCat("channel \"", name,
                             "\" is unknown; channels are phone, email, letter, web_form, "
                             "chat, text, social and visit"));
        continue;
      }
      filter->channels.push_back(channel);
    }
  }
  if (node["contact_type"]) r.StringList(node["contact_type"], "contact_type", &filter->contact_types);
  if (node["service"]) r.StringList(node["service"], "service", &filter->services);
  if (node["priority"]) r.StringList(node["priority"], "priority", &filter->priorities);
}

void ReadThreshold(YamlReader& r, const YAML::Node& node, Standard* s) {
  std::string text;
  if (!r.Scalar(node, "threshold", &text)) return;
  switch (s->stage) {
    case Stage::kSatisfaction:
    case Stage::kTransfers: {
      int64_t n;
      if (!absl::SimpleAtoi(text, &n) || n < 0) {
        r.Error(node, absl::StrCat("threshold for a ", std::string(StageName(s->stage)),
                                   " standard is a whole number (",
                                   s->stage == Stage::kSatisfaction ? "the lowest satisfied score"
                                                                    : "the most transfers allowed",
                                   "), not \"", text, "\""));
      }
      s->threshold = n;
      return;
    }
    case Stage::kPromise:
    case Stage::kFirstContactResolution:
      r.Error(node, absl::StrCat("a ", std::string(StageName(s->stage)),
                                 " standard has no threshold; remove it"));
      return;
    case Stage::kFirstResponse:
    case Stage::kResolution:
    case Stage::kUpdate:
      break;
  }
  int64_t days;
  absl::Duration duration;
  if (ParseWorkingDays(text, &days)) {
    if (s->clock != ClockKind::kWorkingDays) {
      r.Error(node, absl::StrCat("threshold \"", text,
                                 "\" counts working days, so the clock must be working_days"));
    }
    s->threshold = days;
  } else if (ParseHumanDuration(text, &duration)) {
    if (s->clock == ClockKind::kWorkingDays) {
      r.Error(node, absl::StrCat("the working_days clock counts whole days: write the threshold "
                                 "like \"10 working days\", not \"", text, "\""));
    }
    s->threshold = absl::ToInt64Microseconds(duration);
  } else {
    r.Error(node, absl::StrCat("threshold \"", text,
                               "\" is not a duration of at most ten years; write it like 60s, 5m, 4h or "
                               "10 working days"));
  }
}

void ReadStandard(YamlReader& r, const YAML::Node& node, const EngineConfig& config,
                  std::set<std::string>* ids, Standard* s) {
  r.CheckKeys(node, "a standard",
              {"id", "wording", "applies_to", "stage", "threshold", "clock", "calendar", "target",
               "warn_at", "abandoned", "min_volume", "score_scale"});
  std::string text;
  if (!node["id"]) {
    r.Error(node, "every standard needs an id");
  } else if (r.Scalar(node["id"], "id", &s->id)) {
    if (s->id.empty()) r.Error(node["id"], "a standard's id cannot be empty");
    if (!ids->insert(s->id).second) {
      r.Error(node["id"], absl::StrCat("two standards have the id \"", s->id, "\""));
    }
  }
  if (node["wording"]) r.Scalar(node["wording"], "wording", &s->wording);
  if (node["applies_to"]) ReadFilter(r, node["applies_to"], &s->applies_to);
  if (!node["stage"]) {
    r.Error(node, absl::StrCat("standard ", s->id, " needs a stage"));
  } else if (r.Scalar(node["stage"], "stage", &text) && !ParseStage(text, &s->stage)) {
    r.Error(node["stage"], absl::StrCat("stage \"", text,
                                        "\" is unknown; stages are first_response, resolution, "
                                        "update, promise, first_contact_resolution, "
                                        "satisfaction and transfers"));
  }
  if (node["clock"] && r.Scalar(node["clock"], "clock", &text) && !ParseClock(text, &s->clock)) {
    r.Error(node["clock"],
            absl::StrCat("clock \"", text, "\" is unknown; clocks are elapsed, business and "
                                           "working_days"));
  }
  if (node["calendar"] && r.Scalar(node["calendar"], "calendar", &s->calendar)) {
    const bool known = std::any_of(config.calendars.begin(), config.calendars.end(),
                                   [&](const CalendarSpec& c) { return c.name == s->calendar; });
    if (!known) {
      r.Error(node["calendar"],
              absl::StrCat("calendar \"", s->calendar, "\" is not defined under calendars"));
    }
  } else if (s->clock != ClockKind::kElapsed && IsTimed(s->stage) &&
             s->stage != Stage::kPromise) {
    r.Error(node, absl::StrCat("standard ", s->id, " uses the ", std::string(ClockName(s->clock)),
                               " clock, which needs a calendar"));
  }
  const bool needs_threshold = s->stage != Stage::kPromise &&
                               s->stage != Stage::kFirstContactResolution;
  if (node["threshold"]) {
    ReadThreshold(r, node["threshold"], s);
  } else if (needs_threshold) {
    r.Error(node, absl::StrCat("standard ", s->id, " needs a threshold"));
  }
  auto ratio = [&](const char* key, double* out) {
    if (node[key] && r.Scalar(node[key], key, &text) && !ParseRatio(text, out)) {
      r.Error(node[key], absl::StrCat(key, " \"", text,
                                      "\" should be a share like 0.9 or 90%, between 0 and 1"));
    }
  };
  if (!node["target"]) r.Error(node, absl::StrCat("standard ", s->id, " needs a target, like 90%"));
  ratio("target", &s->target);
  ratio("warn_at", &s->warn_at);
  if (const YAML::Node abandoned = node["abandoned"]) {
    if (r.IsMap(abandoned, "abandoned")) {
      r.CheckKeys(abandoned, "abandoned", {"count_as", "grace", "grace_boundary"});
      if (abandoned["grace_boundary"] && r.Scalar(abandoned["grace_boundary"], "grace_boundary", &text)) {
        if (text == "inclusive") {
          s->abandoned_grace_inclusive = true;
        } else if (text == "exclusive") {
          s->abandoned_grace_inclusive = false;
        } else {
          r.Error(abandoned["grace_boundary"],
                  "grace_boundary is inclusive (a wait equal to the grace is within it) or exclusive");
        }
      }
      if (abandoned["count_as"] && r.Scalar(abandoned["count_as"], "count_as", &text)) {
        if (text == "breached") {
          s->abandoned_count_as = AbandonedCountAs::kBreached;
        } else if (text == "excluded") {
          s->abandoned_count_as = AbandonedCountAs::kExcluded;
        } else {
          r.Error(abandoned["count_as"], "count_as is either breached or excluded");
        }
      }
      if (abandoned["grace"] && r.Scalar(abandoned["grace"], "grace", &text) &&
          !ParseHumanDuration(text, &s->abandoned_grace)) {
        r.Error(abandoned["grace"],
                absl::StrCat("grace \"", text, "\" is not a duration; write it like 5s"));
      }
    }
  }
  if (node["min_volume"] && r.Scalar(node["min_volume"], "min_volume", &text) &&
      (!absl::SimpleAtoi(text, &s->min_volume) || s->min_volume < 0)) {
    r.Error(node["min_volume"], "min_volume must be a whole number, 0 or more");
  }
  if (node["score_scale"] && r.Scalar(node["score_scale"], "score_scale", &text) &&
      (!absl::SimpleAtoi(text, &s->score_scale) || s->score_scale <= 0)) {
    r.Error(node["score_scale"], "score_scale must be a whole number above 0");
  }
  if (s->stage == Stage::kSatisfaction && s->threshold > s->score_scale) {
    r.Error(node, absl::StrCat("standard ", s->id, ": the threshold ", s->threshold,
                               " is above the top of the score scale (", s->score_scale, ")"));
  }
}

}  // namespace

std::string ConfigError::ToString() const {
  if (line == 0) return absl::StrCat(file, ": ", reason);
  return absl::StrCat(file, ":", line, ":", column, ": ", reason);
}

ConfigResult ParseConfig(std::string_view yaml, const std::string& file_name) {
  ConfigResult result;
  YamlReader r(file_name);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    r.Error(e.mark, absl::StrCat("this is not valid YAML: ", e.msg));
    result.errors = std::move(r.errors());
    return result;
  }
  try {
    if (!root.IsMap()) {
      result.errors.push_back({file_name, 0, 0, "the file is empty or is not a YAML map of settings"});
      return result;
    }
    r.CheckKeys(root, "the file",
                {"engine", "calendars", "standards", "kafka", "ingest", "daemon", "simulator"});
    ReadDaemonSettings(r, root, &result.config.runtime);
    EngineConfig& config = result.config.engine;
    if (root["engine"]) ReadEngine(r, root["engine"], &config);
    if (root["calendars"]) ReadCalendars(r, root["calendars"], &config);
    const YAML::Node standards = root["standards"];
    if (!standards || !standards.IsSequence() || standards.size() == 0) {
      r.Error(standards ? standards : root, "the file needs a list of standards");
    } else {
      std::set<std::string> ids;
      for (const YAML::Node& node : standards) {
        if (!r.IsMap(node, "a standard")) continue;
        Standard standard;
        ReadStandard(r, node, config, &ids, &standard);
        config.standards.push_back(std::move(standard));
      }
    }
  } catch (const YAML::Exception& e) {
    r.Error(e.mark, absl::StrCat("unexpected structure: ", e.msg));
  }
  result.errors = std::move(r.errors());
  return result;
}

ConfigResult LoadConfigFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ConfigResult result;
    result.errors.push_back({path, 0, 0, "cannot open the file"});
    return result;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseConfig(buffer.str(), path);
}

}  // namespace ontime

#include "config/dip_window.h"
#include "config/standards_reader.h"

#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "config/calendars_reader.h"
#include "engine/event.h"

namespace ontime {
namespace {

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

// How far over its deadline an open contact escalates, in the standard's own
// clock: "2 working days" for a working-days standard, "4h" otherwise.
void ReadEscalateAfter(YamlReader& r, const YAML::Node& node, Standard* s) {
  std::string text;
  if (!r.Scalar(node, "escalate_after", &text)) return;
  if (!IsTimed(s->stage) || s->stage == Stage::kFirstContactResolution) {
    r.Error(node, absl::StrCat("a ", std::string(StageName(s->stage)),
                               " standard has no deadline to escalate past; remove escalate_after"));
    return;
  }
  int64_t days;
  absl::Duration duration;
  if (ParseWorkingDays(text, &days) && days > 0) {
    if (s->clock != ClockKind::kWorkingDays) {
      r.Error(node, absl::StrCat("escalate_after \"", text,
                                 "\" counts working days, so the clock must be working_days"));
    }
    s->escalate_after = days;
  } else if (ParseHumanDuration(text, &duration) && duration > absl::ZeroDuration()) {
    if (s->clock == ClockKind::kWorkingDays) {
      r.Error(node, absl::StrCat("the working_days clock counts whole days: write escalate_after "
                                 "like \"2 working days\", not \"", text, "\""));
    }
    s->escalate_after = absl::ToInt64Microseconds(duration);
  } else {
    r.Error(node, absl::StrCat("escalate_after \"", text,
                               "\" is not a duration above zero; write it like 30m, 4h or 2 working days"));
  }
}

void ReadAbandoned(YamlReader& r, const YAML::Node& abandoned, Standard* s) {
  if (!r.IsMap(abandoned, "abandoned")) return;
  r.CheckKeys(abandoned, "abandoned", {"count_as", "grace", "grace_boundary"});
  std::string text;
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
    r.Error(abandoned["grace"], absl::StrCat("grace \"", text, "\" is not a duration; write it like 5s"));
  }
}

void ReadStandard(YamlReader& r, const YAML::Node& node, const std::vector<CalendarSpec>& calendars,
                  std::set<std::string>* ids, Standard* s) {
  r.CheckKeys(node, "a standard",
              {"id", "wording", "applies_to", "stage", "threshold", "clock", "calendar", "target",
               "warn_at", "abandoned", "min_volume", "score_scale", "escalate_after", "dip_windows", "floor"});
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
    if (!HasCalendar(calendars, s->calendar)) {
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
  ratio("floor", &s->floor);
  if (s->floor > s->target) {
    r.Error(node["floor"], absl::StrCat("standard ", s->id, ": the floor (the amber line) must be at or "
                                        "below the target, ", s->target));
  }
  if (const YAML::Node abandoned = node["abandoned"]) ReadAbandoned(r, abandoned, s);
  if (node["min_volume"] && r.Scalar(node["min_volume"], "min_volume", &text) &&
      (!absl::SimpleAtoi(text, &s->min_volume) || s->min_volume < 0)) {
    r.Error(node["min_volume"], "min_volume must be a whole number, 0 or more");
  }
  if (node["escalate_after"]) ReadEscalateAfter(r, node["escalate_after"], s);
  if (node["dip_windows"]) {
    r.StringList(node["dip_windows"], "dip_windows", &s->dip_windows);
    for (const std::string& window : s->dip_windows) {
      if (absl::StatusOr<DipWindow> parsed = ParseDipWindow(window); !parsed.ok()) {
        r.Error(node["dip_windows"], std::string(parsed.status().message()));
      }
    }
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

void ReadStandards(YamlReader& r, const YAML::Node& node, const std::vector<CalendarSpec>& calendars,
                   std::vector<Standard>* standards) {
  std::set<std::string> ids;
  for (const YAML::Node& item : node) {
    if (!r.IsMap(item, "a standard")) continue;
    Standard standard;
    ReadStandard(r, item, calendars, &ids, &standard);
    standards->push_back(std::move(standard));
  }
}

}  // namespace ontime

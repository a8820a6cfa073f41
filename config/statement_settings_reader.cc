#include "config/statement_settings_reader.h"

#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace ontime {

std::string_view CohortName(Cohort cohort) { return cohort == Cohort::kReceipt ? "receipt" : "decision"; }

bool ParseCohort(std::string_view name, Cohort* cohort) {
  if (name == "receipt") {
    *cohort = Cohort::kReceipt;
  } else if (name == "decision") {
    *cohort = Cohort::kDecision;
  } else {
    return false;
  }
  return true;
}

namespace {

constexpr std::array<std::string_view, 12> kMonthNames = {"january", "february", "march",     "april",
                                                          "may",     "june",     "july",      "august",
                                                          "september", "october", "november", "december"};

}  // namespace

void ReadStatementSettings(YamlReader& r, const YAML::Node& node, StatementSettings* settings) {
  if (!r.IsMap(node, "statements")) return;
  r.CheckKeys(node, "statements",
              {"organisation", "count_by", "open_past_deadline", "year_starts", "min_group_volume", "explanations",
               "archive"});
  std::string text;
  if (node["organisation"]) r.Scalar(node["organisation"], "organisation", &settings->organisation);
  if (node["count_by"] && r.Scalar(node["count_by"], "count_by", &text) && !ParseCohort(text, &settings->count_by)) {
    r.Error(node["count_by"], absl::StrCat("count_by \"", text,
                                           "\" is unknown; write receipt (the month a contact was received) "
                                           "or decision (the month its outcome was decided)"));
  }
  if (node["open_past_deadline"] && r.Scalar(node["open_past_deadline"], "open_past_deadline", &text)) {
    if (text == "breached" || text == "left_out") {
      settings->open_past_deadline_breached = text == "breached";
    } else {
      r.Error(node["open_past_deadline"],
              absl::StrCat("open_past_deadline \"", text, "\" is unknown; write breached or left_out"));
    }
  }
  if (node["year_starts"] && r.Scalar(node["year_starts"], "year_starts", &text)) {
    const std::string month = absl::AsciiStrToLower(text);
    int found = 0;
    for (size_t i = 0; i < kMonthNames.size(); ++i) {
      if (kMonthNames[i] == month) found = static_cast<int>(i) + 1;
    }
    if (found == 0) {
      r.Error(node["year_starts"], absl::StrCat("year_starts \"", text, "\" is not a month; write e.g. april"));
    } else {
      settings->year_starts = found;
    }
  }
  r.Count(node, "min_group_volume", 1, &settings->min_group_volume);
  if (node["explanations"]) r.Scalar(node["explanations"], "explanations", &settings->explanations);
  if (node["archive"] && r.Scalar(node["archive"], "archive", &settings->archive) && settings->archive.empty()) {
    r.Error(node["archive"], "archive names a folder (relative to this file's), e.g. published");
  }
}

}  // namespace ontime

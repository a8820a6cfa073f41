#include "statements/statement_archive.h"

#include <simdjson.h>

#include "absl/strings/str_cat.h"

namespace ontime {
namespace {

absl::Status Bad(std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("not a published statement: ", std::string(what)));
}

bool ReadCount(simdjson::dom::element figure, const char* key, uint64_t* out) {
  return figure[key].get_uint64().get(*out) == simdjson::SUCCESS;
}

}  // namespace

absl::StatusOr<PublishedStatement> ParsePublishedStatement(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(simdjson::padded_string(json)).get(doc) != simdjson::SUCCESS) return Bad("not JSON");
  std::string_view schema, period_text, made_text, organisation;
  if (doc["schema"].get_string().get(schema) != simdjson::SUCCESS || schema != "ontime.statement.v1") {
    return Bad("no schema ontime.statement.v1");
  }
  PublishedStatement published;
  if (doc["organisation"].get_string().get(organisation) == simdjson::SUCCESS) {
    published.organisation = std::string(organisation);
  }
  int64_t months = 0;
  if (doc["period"].get_string().get(period_text) != simdjson::SUCCESS ||
      doc["months"].get_int64().get(months) != simdjson::SUCCESS || (months != 1 && months != 12) ||
      !absl::ParseCivilTime(std::string(period_text.substr(0, 7)), &published.period.first)) {
    return Bad("no period");
  }
  published.period.months = static_cast<int>(months);
  if (PeriodIso(published.period) != period_text) return Bad("a period that does not add up");
  std::string problem;
  if (doc["made_at"].get_string().get(made_text) == simdjson::SUCCESS &&
      !absl::ParseTime(absl::RFC3339_full, std::string(made_text), &published.made_at, &problem)) {
    return Bad("made_at is not a time");
  }
  simdjson::dom::array standards;
  if (doc["standards"].get_array().get(standards) != simdjson::SUCCESS) return Bad("no standards");
  for (simdjson::dom::element s : standards) {
    std::string_view id, wording;
    simdjson::dom::element figure;
    PublishedStandard standard;
    if (s["id"].get_string().get(id) != simdjson::SUCCESS || s["figure"].get(figure) != simdjson::SUCCESS ||
        s["target"].get_double().get(standard.target) != simdjson::SUCCESS) {
      return Bad("a standard without id, target or figure");
    }
    if (s["wording"].get_string().get(wording) == simdjson::SUCCESS) standard.wording = std::string(wording);
    PeriodFigure& f = standard.figure;
    if (!ReadCount(figure, "met", &f.met) || !ReadCount(figure, "not_met", &f.not_met) ||
        !ReadCount(figure, "excluded", &f.excluded) || !ReadCount(figure, "pending", &f.pending) ||
        !ReadCount(figure, "open_past_deadline", &f.open_overdue)) {
      return Bad(absl::StrCat("the figure of ", std::string(id)));
    }
    published.standards[std::string(id)] = std::move(standard);
  }
  return published;
}

std::string ArchiveFileName(const StatementPeriod& period, absl::Time made_at) {
  return absl::StrCat("statement-", PeriodSlug(period), "-made-",
                      absl::FormatTime("%Y%m%dT%H%M%SZ", made_at, absl::UTCTimeZone()), ".json");
}

}  // namespace ontime

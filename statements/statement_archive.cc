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

absl::StatusOr<PublishedMonth> ParsePublishedStatement(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(simdjson::padded_string(json)).get(doc) != simdjson::SUCCESS) return Bad("not JSON");
  std::string_view schema, month_text, made_text;
  if (doc["schema"].get_string().get(schema) != simdjson::SUCCESS || schema != "ontime.statement.v1") {
    return Bad("no schema ontime.statement.v1");
  }
  PublishedMonth published;
  if (doc["month"].get_string().get(month_text) != simdjson::SUCCESS ||
      !absl::ParseCivilTime(std::string(month_text), &published.month)) {
    return Bad("no month");
  }
  std::string problem;
  if (doc["made_at"].get_string().get(made_text) != simdjson::SUCCESS ||
      !absl::ParseTime(absl::RFC3339_full, std::string(made_text), &published.made_at, &problem)) {
    return Bad("no made_at");
  }
  simdjson::dom::array standards;
  if (doc["standards"].get_array().get(standards) != simdjson::SUCCESS) return Bad("no standards");
  for (simdjson::dom::element s : standards) {
    std::string_view id;
    simdjson::dom::element figure;
    if (s["id"].get_string().get(id) != simdjson::SUCCESS || s["month"].get(figure) != simdjson::SUCCESS) {
      return Bad("a standard without id or month");
    }
    PeriodFigure f;
    if (!ReadCount(figure, "met", &f.met) || !ReadCount(figure, "not_met", &f.not_met) ||
        !ReadCount(figure, "excluded", &f.excluded) || !ReadCount(figure, "pending", &f.pending) ||
        !ReadCount(figure, "open_past_deadline", &f.open_overdue)) {
      return Bad(absl::StrCat("the figure of ", std::string(id)));
    }
    published.figures[std::string(id)] = f;
  }
  return published;
}

std::string ArchiveFileName(absl::CivilMonth month, absl::Time made_at) {
  return absl::StrCat("statement-", absl::FormatCivilTime(month), "-made-",
                      absl::FormatTime("%Y%m%dT%H%M%SZ", made_at, absl::UTCTimeZone()), ".json");
}

}  // namespace ontime

#include "config/yaml_reader.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace ontime {

void YamlReader::Error(const YAML::Node& at, std::string reason) {
  const YAML::Mark mark = at.Mark();
  errors_.push_back({file_, mark.line < 0 ? 0 : mark.line + 1, mark.column < 0 ? 0 : mark.column + 1,
                     std::move(reason)});
}

void YamlReader::Error(const YAML::Mark& mark, std::string reason) {
  errors_.push_back({file_, mark.line + 1, mark.column + 1, std::move(reason)});
}

bool YamlReader::Parse(std::string_view yaml, YAML::Node* root) {
  try {
    *root = YAML::Load(std::string(yaml));
    return true;
  } catch (const YAML::ParserException& e) {
    Error(e.mark, absl::StrCat("this is not valid YAML: ", e.msg));
    return false;
  }
}

void YamlReader::CheckKeys(const YAML::Node& map, std::string_view where,
                       std::initializer_list<std::string_view> known) {
  for (const auto& entry : map) {
    const std::string key = entry.first.Scalar();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      std::string list;
      for (std::string_view k : known) absl::StrAppend(&list, list.empty() ? "" : ", ", std::string(k));
      Error(entry.first, absl::StrCat("unknown setting \"", key, "\" in ", std::string(where),
                                      "; the settings here are: ", list));
    }
  }
}

bool YamlReader::IsMap(const YAML::Node& node, std::string_view what) {
  if (node.IsMap()) return true;
  Error(node, absl::StrCat(std::string(what), " must be a list of settings (key: value)"));
  return false;
}

bool YamlReader::Scalar(const YAML::Node& node, std::string_view what, std::string* out) {
  if (!node.IsScalar()) {
    Error(node, absl::StrCat(std::string(what), " must be a single value"));
    return false;
  }
  *out = node.Scalar();
  return true;
}

void YamlReader::Duration(const YAML::Node& node, const char* key, absl::Duration* out) {
  if (!node[key]) return;
  std::string text;
  if (!Scalar(node[key], key, &text)) return;
  if (!ParseHumanDuration(text, out)) {
    Error(node[key], absl::StrCat(key, " \"", text,
                                  "\" is not a duration of at most ten years; write it like 90s, 5m or 2h"));
  }
}

void YamlReader::Count(const YAML::Node& node, const char* key, int64_t minimum, int64_t* out) {
  if (!node[key]) return;
  std::string text;
  if (Scalar(node[key], key, &text) && (!absl::SimpleAtoi(text, out) || *out < minimum)) {
    Error(node[key], absl::StrCat(key, " must be a whole number, ", minimum, " or more"));
  }
}

// "60s", "5 min", "4h", "2 days": a duration. Returns false if it is not one.
bool ParseHumanDuration(absl::string_view text, absl::Duration* out) {
  text = absl::StripAsciiWhitespace(text);
  size_t digits = 0;
  while (digits < text.size() &&
         (absl::ascii_isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.')) {
    ++digits;
  }
  double amount;
  if (digits == 0 || !absl::SimpleAtod(std::string(text.substr(0, digits)), &amount)) return false;
  const std::string unit(absl::StripAsciiWhitespace(text.substr(digits)));
  absl::Duration scale;
  if (unit == "ms" || unit == "millisecond" || unit == "milliseconds") {
    scale = absl::Milliseconds(1);
  } else if (unit == "s" || unit == "sec" || unit == "second" || unit == "seconds") {
    scale = absl::Seconds(1);
  } else if (unit == "m" || unit == "min" || unit == "minute" || unit == "minutes") {
    scale = absl::Minutes(1);
  } else if (unit == "h" || unit == "hour" || unit == "hours") {
    scale = absl::Hours(1);
  } else if (unit == "d" || unit == "day" || unit == "days") {
    scale = absl::Hours(24);
  } else {
    return false;
  }
  // Ten years bounds every duration ontime uses, and keeps microsecond
  // arithmetic far from overflow.
  if (!(amount >= 0) || scale * amount > absl::Hours(24 * 3653)) return false;
  *out = scale * amount;
  return true;
}

void YamlReader::StringList(const YAML::Node& node, const char* what, std::vector<std::string>* out) {
  if (node.IsScalar()) {
    out->push_back(node.Scalar());
    return;
  }
  if (!node.IsSequence()) {
    Error(node, absl::StrCat(what, " must be a list like [a, b]"));
    return;
  }
  for (const YAML::Node& item : node) {
    std::string text;
    if (Scalar(item, what, &text)) out->push_back(text);
  }
}

}  // namespace ontime

#include "config/dip_explanations.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "config/yaml_reader.h"

namespace ontime {

const DipExplanation* DipExplanations::Find(std::string_view standard, PeriodKind period,
                                            absl::CivilDay start) const {
  for (const DipExplanation& e : explanations) {
    if (e.standard == standard && e.period == period && e.start == start) return &e;
  }
  return nullptr;
}

namespace {

void ReadEntry(YamlReader& r, const YAML::Node& node, const std::vector<std::string>& standards,
               DipExplanations* out) {
  if (!r.IsMap(node, "an explanation")) return;
  r.CheckKeys(node, "an explanation", {"standard", "day", "week", "explanation", "action"});
  DipExplanation e;
  bool ok = true;
  if (!node["standard"]) {
    r.Error(node, "an explanation needs the standard it explains");
    ok = false;
  } else if (r.Scalar(node["standard"], "standard", &e.standard) &&
             std::find(standards.begin(), standards.end(), e.standard) == standards.end()) {
    r.Error(node["standard"], absl::StrCat("standard \"", e.standard, "\" is not in the config"));
    ok = false;
  }
  if (static_cast<bool>(node["day"]) == static_cast<bool>(node["week"])) {
    r.Error(node, "an explanation names one day (day: 2026-10-14) or one week (week: 2026-10-12, its Monday)");
    ok = false;
  } else {
    const bool week = static_cast<bool>(node["week"]);
    const YAML::Node when = week ? node["week"] : node["day"];
    std::string text;
    if (!r.Scalar(when, week ? "week" : "day", &text) || !absl::ParseCivilTime(text, &e.start)) {
      r.Error(when, absl::StrCat("\"", text, "\" is not a date; write it as YYYY-MM-DD"));
      ok = false;
    } else if (week && absl::GetWeekday(e.start) != absl::Weekday::monday) {
      r.Error(when, absl::StrCat("a week is named by its Monday; ", text, " is not a Monday"));
      ok = false;
    }
    e.period = week ? PeriodKind::kWeek : PeriodKind::kDay;
  }
  for (auto [key, field] : {std::pair{"explanation", &e.explanation}, {"action", &e.action}}) {
    if (!node[key]) {
      r.Error(node, absl::StrCat("an explanation needs `", key, "`: ",
                                 std::string_view(key) == "action" ? "what was done about it"
                                                                   : "what caused the dip"));
      ok = false;
    } else if (!r.Scalar(node[key], key, field) || field->empty()) {
      r.Error(node[key], absl::StrCat("`", key, "` cannot be empty"));
      ok = false;
    }
  }
  if (ok && out->Find(e.standard, e.period, e.start) != nullptr) {
    r.Error(node, absl::StrCat("this ", e.period == PeriodKind::kWeek ? "week" : "day", " of ", e.standard,
                               " is explained twice"));
    ok = false;
  }
  if (ok) out->explanations.push_back(std::move(e));
}

}  // namespace

DipExplanations ParseDipExplanations(std::string_view yaml, const std::string& file_name,
                                     const std::vector<std::string>& standards) {
  DipExplanations result;
  YamlReader r(file_name);
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    if (root.IsNull()) return result;
    if (!root.IsSequence()) {
      r.Error(root, "the explanations file is a list of explanations (- standard: ..., day: ..., ...)");
    } else {
      for (const YAML::Node& entry : root) ReadEntry(r, entry, standards, &result);
    }
  } catch (const YAML::ParserException& e) {
    r.Error(e.mark, absl::StrCat("this is not valid YAML: ", e.msg));
  } catch (const YAML::Exception& e) {
    r.Error(e.mark, absl::StrCat("unexpected structure: ", e.msg));
  }
  result.errors = std::move(r.errors());
  return result;
}

DipExplanations LoadDipExplanations(const std::string& path, const std::vector<std::string>& standards) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    DipExplanations result;
    if (std::filesystem::exists(path)) result.errors.push_back({path, 0, 0, "cannot read the file"});
    return result;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseDipExplanations(buffer.str(), path, standards);
}

std::string DipExplanationYaml(const DipExplanation& e) {
  YAML::Emitter out;
  out << YAML::BeginSeq << YAML::BeginMap;
  out << YAML::Key << "standard" << YAML::Value << e.standard;
  out << YAML::Key << (e.period == PeriodKind::kWeek ? "week" : "day") << YAML::Value
      << absl::FormatCivilTime(e.start);
  out << YAML::Key << "explanation" << YAML::Value << e.explanation;
  out << YAML::Key << "action" << YAML::Value << e.action;
  out << YAML::EndMap << YAML::EndSeq;
  return absl::StrCat(out.c_str(), "\n");
}

std::string DipExplanationsPath(const std::string& config_path, const std::string& configured) {
  const std::filesystem::path folder = std::filesystem::path(config_path).parent_path();
  const std::filesystem::path name = configured.empty() ? "explanations.yaml" : configured;
  return name.is_absolute() ? name.string() : (folder / name).string();
}

}  // namespace ontime

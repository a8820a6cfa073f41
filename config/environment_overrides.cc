#include "config/environment_overrides.h"

#include <yaml-cpp/yaml.h>

#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

extern char** environ;

namespace ontime {
namespace {

constexpr std::string_view kPrefix = "ONTIME_";

}  // namespace

std::vector<EnvironmentOverride> ApplyEnvironmentOverrides(const std::vector<std::string>& environment, YAML::Node& root,
                                                           std::vector<std::string>* errors) {
  std::vector<EnvironmentOverride> applied;
  for (const std::string& entry : environment) {
    const size_t equals = entry.find('=');
    if (!entry.starts_with(kPrefix) || equals == std::string::npos) continue;
    const std::string name = entry.substr(0, equals);
    const std::string value = entry.substr(equals + 1);
    const std::string rest = name.substr(kPrefix.size());
    if (rest.find("__") == std::string::npos) continue;
    const std::vector<std::string> levels = absl::StrSplit(rest, "__");
    std::vector<std::string> place;
    bool ok = true;
    // Walk down, making maps where the file has none, then set the leaf.
    YAML::Node node = root;
    for (size_t i = 0; i < levels.size() && ok; ++i) {
      std::string key = absl::AsciiStrToLower(levels[i]);
      if (key.empty()) {
        errors->push_back(absl::StrCat(name, ": an empty level"));
        ok = false;
        break;
      }
      if (place.size() == 1 && place[0] == "kafka") key = absl::StrReplaceAll(key, {{"_", "."}});
      const bool last = i + 1 == levels.size();
      size_t index = 0;
      if (absl::SimpleAtoi(key, &index)) {
        if (!node.IsSequence() || index >= node.size()) {
          errors->push_back(absl::StrCat(name, ": ", absl::StrJoin(place, ": "), " has no item ", index));
          ok = false;
          break;
        }
        place.push_back(absl::StrCat("[", index, "]"));
        if (last) {
          node[index] = value;
        } else {
          node.reset(node[index]);
        }
        continue;
      }
      if (node.IsDefined() && !node.IsNull() && !node.IsMap()) {
        errors->push_back(absl::StrCat(name, ": ", absl::StrJoin(place, ": "), " is not a map of settings"));
        ok = false;
        break;
      }
      place.push_back(key);
      if (last) {
        node[key] = value;
      } else {
        if (!node[key]) node[key] = YAML::Node(YAML::NodeType::Map);
        YAML::Node child = node[key];
        node.reset(child);
      }
    }
    if (ok) applied.push_back({name, absl::StrJoin(place, ": ")});
  }
  return applied;
}

std::vector<std::string> ProcessEnvironment() {
  std::vector<std::string> out;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) out.emplace_back(*entry);
  return out;
}

}  // namespace ontime

// Reading a YAML settings file and saying, with file:line:column, what is
// wrong with it: shared by every part of the config.
#ifndef ONTIME_CONFIG_YAML_READER_H_
#define ONTIME_CONFIG_YAML_READER_H_

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "config/config_loader.h"

namespace ontime {

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}

  void Error(const YAML::Node& at, std::string reason);
  void Error(const YAML::Mark& mark, std::string reason);
  std::vector<ConfigError>& errors() { return errors_; }

  // `yaml` parsed into *root; false (the mistake reported, with where) when
  // it is not YAML.
  bool Parse(std::string_view yaml, YAML::Node* root);

  // Reports keys of `map` that are not in `known`, so a misspelt key is
  // caught instead of silently ignored.
  void CheckKeys(const YAML::Node& map, std::string_view where,
                 std::initializer_list<std::string_view> known);
  bool IsMap(const YAML::Node& node, std::string_view what);
  bool Scalar(const YAML::Node& node, std::string_view what, std::string* out);
  // `node[key]`, if present, as a duration; reports it if it is not one.
  void Duration(const YAML::Node& node, const char* key, absl::Duration* out);
  // `node[key]`, if present, as a whole number >= minimum.
  void Count(const YAML::Node& node, const char* key, int64_t minimum, int64_t* out);
  // A list like [a, b] (or one scalar), appended to `out`.
  void StringList(const YAML::Node& node, const char* what, std::vector<std::string>* out);

 private:
  std::string file_;
  std::vector<ConfigError> errors_;
};

// "250ms", "60s", "5 min", "4h", "2 days": a duration of at most ten years. Returns
// false if it is not one.
bool ParseHumanDuration(absl::string_view text, absl::Duration* out);

}  // namespace ontime

#endif  // ONTIME_CONFIG_YAML_READER_H_

// Settings from the environment, for containers and secrets: every value in
// the config file can be given, or overridden, by a variable named after
// its place in the file, levels joined by a double underscore:
//
//   ONTIME_DAEMON__LISTEN=0.0.0.0:9464           daemon: listen:
//   ONTIME_KAFKA__SASL_PASSWORD=...              kafka: sasl.password:
//   ONTIME_STANDARDS__0__TARGET=85%              standards: [0] target:
//
// Names are the keys in upper case; in the kafka: section (librdkafka's
// properties, which use dots) an underscore stands for a dot. A number is a
// list's index. The value is taken as it is, a plain string, never parsed
// as YAML (a password may start with '#'). Variables without a double
// underscore are not settings (ONTIME_UPDATE_GOLDEN is the tests').
#ifndef ONTIME_CONFIG_ENVIRONMENT_OVERRIDES_H_
#define ONTIME_CONFIG_ENVIRONMENT_OVERRIDES_H_

#include <string>
#include <vector>

namespace YAML {
class Node;
}

namespace ontime {

struct EnvironmentOverride {
  std::string variable;  // "ONTIME_KAFKA__SASL_PASSWORD"
  std::string place;     // "kafka: sasl.password" (for logs: never the value)
};

// `environment`: NAME=value entries, as environ holds them. Applies each
// ONTIME_ setting to `root`; returns what it set, and in `errors` each
// variable it could not place (an index past a list's end, a level that
// is not a map).
std::vector<EnvironmentOverride> ApplyEnvironmentOverrides(const std::vector<std::string>& environment, YAML::Node& root,
                                                           std::vector<std::string>* errors);

// The process's environment, as NAME=value entries.
std::vector<std::string> ProcessEnvironment();

}  // namespace ontime

#endif  // ONTIME_CONFIG_ENVIRONMENT_OVERRIDES_H_

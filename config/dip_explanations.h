// Dips explained (CSE 4.3.1): for each day or week a standard fell below its
// target, what managers found and did, kept in a YAML file beside the config
// (`ontime explain` appends to it; statements show each dip with its
// explanation and flag those without one).
//
//   - standard: letter-reply
//     day: 2026-10-14            # or week: 2026-10-12 (the week's Monday)
//     explanation: The post room was closed by a flood.
//     action: Letters went to the Civic Centre; two extra officers on 15-16 October.
//
// The file is checked like the config: every error with file:line:column.
#ifndef ONTIME_CONFIG_DIP_EXPLANATIONS_H_
#define ONTIME_CONFIG_DIP_EXPLANATIONS_H_

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "config/config_loader.h"
#include "engine/aggregates.h"

namespace ontime {

struct DipExplanation {
  std::string standard;
  // kDay, or kWeek (starting Monday `start`).
  PeriodKind period = PeriodKind::kDay;
  absl::CivilDay start;
  std::string explanation;
  std::string action;
};

struct DipExplanations {
  std::vector<DipExplanation> explanations;
  std::vector<ConfigError> errors;
  bool ok() const { return errors.empty(); }

  // The explanation of a standard's day or week, or nullptr.
  const DipExplanation* Find(std::string_view standard, PeriodKind period, absl::CivilDay start) const;
};

// `standards`: the ids the config defines, which an explanation must name.
// A file that does not exist holds no explanations (not an error).
DipExplanations LoadDipExplanations(const std::string& path, const std::vector<std::string>& standards);
DipExplanations ParseDipExplanations(std::string_view yaml, const std::string& file_name,
                                     const std::vector<std::string>& standards);

// The entry as the file holds it (a YAML list item, ending in a newline), to
// append.
std::string DipExplanationYaml(const DipExplanation& explanation);

// Where the config's explanations live: statements.explanations relative to
// the config file's folder, else explanations.yaml beside it.
std::string DipExplanationsPath(const std::string& config_path, const std::string& configured);

}  // namespace ontime

#endif  // ONTIME_CONFIG_DIP_EXPLANATIONS_H_

// The statements: section, how the organisation publishes its monthly
// performance (CSE 5.3.2, 5.3.3, 4.3.1):
//
//   statements:
//     organisation: Riverside Council
//     count_by: receipt          # or decision: which month a contact counts in
//     open_past_deadline: breached   # or left_out: open contacts past their deadline
//     year_starts: april         # the organisation's year, for the year to date
//     min_group_volume: 30       # customer groups smaller than this are not compared
//     explanations: explanations.yaml   # dips explained, beside this file
//     archive: published         # statements as published, beside this file
//
// And per standard, `floor: 75%`: the line below the target some councils
// publish (met / below target / below floor).
#ifndef ONTIME_CONFIG_STATEMENT_SETTINGS_H_
#define ONTIME_CONFIG_STATEMENT_SETTINGS_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace ontime {

// Which period a contact counts in: the one it was received in (a cohort,
// whose open contacts are pending until decided), or the one its outcome
// was decided in.
enum class Cohort : uint8_t { kReceipt, kDecision };
std::string_view CohortName(Cohort cohort);
bool ParseCohort(std::string_view name, Cohort* cohort);

struct StatementSettings {
  std::string organisation;
  Cohort count_by = Cohort::kReceipt;
  // Receipt cohorts: a contact still open past its deadline can no longer
  // be met; true counts it as not met, false leaves it out of the
  // percentage (and the statement says which).
  bool open_past_deadline_breached = true;
  // 1-12: April for UK public bodies.
  int year_starts = 4;
  int64_t min_group_volume = 30;
  // Where managers explain dips (`ontime explain`); relative to the config
  // file's folder. Empty: explanations.yaml beside the config.
  std::string explanations;
  // Where published statements are kept (`ontime statement --publish yes`),
  // relative to the config file's folder: the next statements flag the
  // months revised since.
  std::string archive = "published";
};

}  // namespace ontime

#endif  // ONTIME_CONFIG_STATEMENT_SETTINGS_H_

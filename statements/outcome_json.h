// One outcome as one JSON line: the audit trail a manager asks for when a
// figure is questioned.
//   {"contact_id":"c-118","standard":"phone-answer","episode":0,"outcome":"met",
//    "duration_seconds":42.0,"started_at":"2026-10-05T09:00:03.25Z",
//    "decided_at":"2026-10-05T09:00:45.25Z","deadline":"2026-10-05T09:01:03.250001Z"}
// The measure's key names its unit: duration_seconds, working_days, score or
// transfers.
#ifndef ONTIME_STATEMENTS_OUTCOME_JSON_H_
#define ONTIME_STATEMENTS_OUTCOME_JSON_H_

#include <string>

#include "engine/engine.h"

namespace ontime {

std::string OutcomeJson(const Engine& engine, const Outcome& outcome);
std::string Rfc3339(absl::Time t);
std::string JsonString(std::string_view text);

}  // namespace ontime

#endif  // ONTIME_STATEMENTS_OUTCOME_JSON_H_

// The admission rules of a config's ingest section, and each topic's wire
// format: what ontimed and ontime replay both apply to a record, from one
// place (collectors/record_admission.h says what the rules are).
#ifndef ONTIME_COLLECTORS_INGEST_ADMISSION_H_
#define ONTIME_COLLECTORS_INGEST_ADMISSION_H_

#include <optional>
#include <string_view>
#include <vector>

#include "collectors/event_decoder.h"
#include "collectors/record_admission.h"
#include "config/daemon_settings.h"

namespace ontime {

// A dead letter's reason for an event the engine refused (contradictory
// fields, stamped before its receipt, ...).
inline constexpr std::string_view kInvalidEventReason = "invalid_event";

// Every dead-letter reason: admission's, and the engine's refusal.
inline std::vector<std::string_view> DeadLetterReasons() {
  std::vector<std::string_view> reasons(std::begin(kRefusalReasons), std::end(kRefusalReasons));
  reasons.push_back(kInvalidEventReason);
  return reasons;
}

inline AdmissionLimits AdmissionLimitsOf(const IngestSettings& settings) {
  return {settings.max_event_bytes, settings.max_event_age, settings.max_event_lead};
}

// The wire format the config gives `topic`, if it lists it.
inline std::optional<WireFormat> TopicFormat(const IngestSettings& settings, std::string_view topic) {
  for (const TopicSettings& t : settings.topics) {
    if (t.name == topic) return t.format;
  }
  return std::nullopt;
}

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_INGEST_ADMISSION_H_

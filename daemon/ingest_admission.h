// The admission rules of a config's ingest section, and each topic's wire
// format: what ontimed and ontime replay both apply to a record, from one
// place (collectors/record_admission.h says what the rules are).
#ifndef ONTIME_DAEMON_INGEST_ADMISSION_H_
#define ONTIME_DAEMON_INGEST_ADMISSION_H_

#include <optional>
#include <string_view>

#include "collectors/event_decoder.h"
#include "collectors/record_admission.h"
#include "config/daemon_settings.h"

namespace ontime {

inline AdmissionLimits AdmissionLimitsOf(const IngestSettings& settings) {
  return {settings.max_event_bytes, settings.max_event_age, settings.max_event_lead};
}

// The wire format the config gives `topic`, if it lists it.
inline std::optional<WireFormat> TopicFormat(const IngestSettings& settings, std::string_view topic) {
  for (const TopicSettings& t : settings.topics) {
    if (t.name == topic) return t.encoding == EventEncoding::kJson ? WireFormat::kJson : WireFormat::kProtobuf;
  }
  return std::nullopt;
}

}  // namespace ontime

#endif  // ONTIME_DAEMON_INGEST_ADMISSION_H_

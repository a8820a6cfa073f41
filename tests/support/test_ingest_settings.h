// The ingest settings tests run the pipeline with: one source topic
// "events", state in "state", dead letters in "dead", and event-time bounds
// wide enough for any fixed test date.
#ifndef ONTIME_TESTS_SUPPORT_TEST_INGEST_SETTINGS_H_
#define ONTIME_TESTS_SUPPORT_TEST_INGEST_SETTINGS_H_

#include "absl/time/time.h"
#include "config/daemon_settings.h"

namespace ontime::testing {

inline IngestSettings TestIngestSettings(WireFormat format) {
  IngestSettings ingest;
  ingest.topics = {{"events", format}};
  ingest.state_topic = "state";
  ingest.dead_letter_topic = "dead";
  ingest.max_event_age = absl::Hours(24 * 3650);
  ingest.max_event_lead = absl::Hours(24 * 3650);
  return ingest;
}

}  // namespace ontime::testing

#endif  // ONTIME_TESTS_SUPPORT_TEST_INGEST_SETTINGS_H_

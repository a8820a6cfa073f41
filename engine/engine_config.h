// Everything the engine needs to know, as plain values. config/ builds it
// from the YAML file; tests build it directly.
#ifndef ONTIME_ENGINE_ENGINE_CONFIG_H_
#define ONTIME_ENGINE_ENGINE_CONFIG_H_

#include <vector>

#include "absl/time/time.h"
#include "engine/calendar.h"
#include "engine/standard.h"

namespace ontime {

struct EngineConfig {
  std::vector<CalendarSpec> calendars;
  std::vector<Standard> standards;
  // Events this much older (in event time) than the newest event seen are
  // late: counted and reported, never applied. Outcomes are final once the
  // newest event is this much past them, which is what makes any arrival
  // order within the lateness give the same outcomes.
  absl::Duration allowed_lateness = absl::Minutes(5);
  // An event of a contact never received (a response before its receipt) is
  // held this long in event time for its partner, then reported as orphaned.
  absl::Duration hold_unknown_for = absl::Hours(1);
  // At most this many held contacts; beyond it new orphans are refused.
  int64_t max_held_contacts = 100000;
  // At most this many events kept per contact (an open episode keeps its
  // events); beyond it events of that contact are refused and counted.
  int64_t max_events_per_contact = 256;
  // How long a closed period's cells stay in memory once it ended (behind the
  // newest event). The figures of every period are durable in the outcomes
  // topic (ontime statement reads them there), so an engine keeps only what
  // its live views read: hours for the dashboards; days and weeks of this
  // month and the last for the live statement's dips; months for its
  // 13-month trend. Memory then grows with open contacts, not with time.
  absl::Duration hourly_retention = absl::Hours(24 * 8);
  absl::Duration daily_retention = absl::Hours(24 * 62);
  absl::Duration monthly_retention = absl::Hours(24 * 366);
};

}  // namespace ontime

#endif  // ONTIME_ENGINE_ENGINE_CONFIG_H_

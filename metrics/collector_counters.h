// What a collector reports, as the metrics show it (ontime_collector_* in
// deploy/METRICS.md): a snapshot taken on the collectors' own thread.
#ifndef ONTIME_METRICS_COLLECTOR_COUNTERS_H_
#define ONTIME_METRICS_COLLECTOR_COUNTERS_H_

#include <cstdint>
#include <map>
#include <string>

namespace ontime {

struct CollectorCounters {
  // The collector's name in the config.
  std::string collector;
  // Lines read, by what became of them: events, not_a_call_event,
  // unmapped_queue, header, empty_line, or the reason they were refused
  // (unreadable_line, missing_call_id, missing_header).
  std::map<std::string, uint64_t> lines;
  // Events and dead letters the broker acknowledged.
  uint64_t events_produced = 0;
  uint64_t dead_letters = 0;
  // Batches the broker did not acknowledge (read again from the position).
  uint64_t delivery_failures = 0;
  // Bytes written to the source and not yet read.
  int64_t lag_bytes = 0;
  uint64_t rotations = 0;
  uint64_t truncations = 0;
  // Restarts that found neither the file nor its rotated copy where the
  // position said (the file was read from its start).
  uint64_t positions_lost = 0;
};

// The HTTP intake (ontime_intake_* in deploy/METRICS.md).
struct HttpIntakeCounters {
  // Requests by how they were answered: accepted (200), partly_refused
  // (422), bad_request (400), unauthorized (401), throttled (429),
  // unavailable (503: the broker did not acknowledge in time), skipped
  // (200: a webhook body its mapping says is no event).
  std::map<std::string, uint64_t> requests;
  // Events the broker acknowledged, and events refused (dead-lettered).
  uint64_t events_accepted = 0;
  uint64_t events_refused = 0;
  // Events sent and not yet answered for.
  int64_t pending_events = 0;
};

}  // namespace ontime

#endif  // ONTIME_METRICS_COLLECTOR_COUNTERS_H_

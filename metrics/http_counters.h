// What the HTTP server counts, as the metrics show it
// (ontime_http_* in deploy/METRICS.md).
#ifndef ONTIME_METRICS_HTTP_COUNTERS_H_
#define ONTIME_METRICS_HTTP_COUNTERS_H_

#include <cstdint>

namespace ontime {

struct HttpServerCounters {
  uint64_t accept_errors = 0;
  uint64_t refused_connections = 0;
  uint64_t bad_requests = 0;
  uint64_t auth_failures = 0;
  uint64_t open_connections = 0;
  int max_connections = 0;
};

}  // namespace ontime

#endif  // ONTIME_METRICS_HTTP_COUNTERS_H_

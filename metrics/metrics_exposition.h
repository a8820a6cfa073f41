// ontimed's metrics as prometheus-cpp metric families (deploy/METRICS.md):
// built from values on the daemon's loop, then handed whole to the HTTP
// thread, so a scrape serialises a finished snapshot and never reaches into
// the engines. No Registry or Family::Add here: the families are values.
#ifndef ONTIME_METRICS_METRICS_EXPOSITION_H_
#define ONTIME_METRICS_METRICS_EXPOSITION_H_

#include <prometheus/metric_family.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "engine/engine.h"
#include "engine/figures.h"
#include "metrics/collector_counters.h"
#include "metrics/delivery_counters.h"
#include "metrics/http_counters.h"
#include "metrics/outcome_series.h"
#include "metrics/pipeline_counters.h"

namespace ontime {

// How far one source partition is behind its end.
struct PartitionLag {
  std::string topic;
  int32_t partition = 0;
  int64_t records = 0;
};

struct MetricsInputs {
  const EngineConfig* config = nullptr;
  const OutcomeSeries* series = nullptr;
  const EngineCounters* events = nullptr;
  const std::map<std::string, uint64_t>* dead_letters = nullptr;
  // Every reason a record can become a dead letter, shown at 0 until one
  // does (the collectors name them: collectors/ingest_admission.h).
  std::vector<std::string_view> dead_letter_reasons;
  const WaitingCounts* waiting = nullptr;
  const std::vector<StandardToDate>* to_date = nullptr;
  std::vector<PartitionLag> lag;
  absl::Time newest_event = absl::InfinitePast();
  absl::Time watermark = absl::InfinitePast();
  size_t partitions = 0;
  bool ready = false;
  // Records, signals, checkpoints, offset gaps, unsent dead letters.
  const PipelineCounters* pipeline = nullptr;
  HttpServerCounters http;
  // One per alert deliverer running (none when alerts go to Kafka only).
  std::vector<DeliveryCounters> deliveries;
  // One per collector running inside ontimed.
  std::vector<CollectorCounters> collectors;
  // The HTTP intake, when the config has one.
  std::optional<HttpIntakeCounters> intake;
  // The time the deliverers' ages are measured at (wall clock).
  absl::Time now = absl::InfinitePast();
  // The last SIGHUP reload, as Prometheus reports its own.
  bool config_reload_successful = true;
  absl::Time config_reload_success = absl::InfinitePast();
};

std::vector<prometheus::MetricFamily> BuildMetrics(const MetricsInputs& in);

// The families in Prometheus text format 0.0.4, or OpenMetrics 1.0.0.
std::string SerializeText(const std::vector<prometheus::MetricFamily>& families);
std::string SerializeOpenMetrics(const std::vector<prometheus::MetricFamily>& families);

}  // namespace ontime

#endif  // ONTIME_METRICS_METRICS_EXPOSITION_H_

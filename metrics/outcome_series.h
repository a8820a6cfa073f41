// Outcome counts and response-time histograms per standard x channel x
// service x customer group, for one partition: what ontimed exposes as
// ontime_outcomes_total and ontime_response_seconds. Kept in the
// partition's checkpoint, so like the engine's aggregates they count every
// outcome once across restarts and rebalances.
//
// Bucket bounds are integers in the standard's unit (microseconds or
// working days) and include the threshold, so the threshold bucket holds
// exactly the met outcomes, with no floating-point edge. The histogram is of
// response times: an abandoned call had none, so its wait goes to a
// histogram of its own (the quantiles people mean are of the calls that
// were answered; the abandoned waits are a figure apart).
#ifndef ONTIME_METRICS_OUTCOME_SERIES_H_
#define ONTIME_METRICS_OUTCOME_SERIES_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "engine/engine.h"
#include "metrics/label_values.h"

namespace ontime {

struct SeriesKey {
  StandardIndex standard{};
  Channel channel = Channel::kUnspecified;
  std::string service;
  std::string customer_group;

  friend auto operator<=>(const SeriesKey&, const SeriesKey&) = default;
};

struct SeriesCounts {
  uint64_t met = 0;
  uint64_t breached = 0;
  uint64_t excluded = 0;
  // Per bound, then beyond the last; empty for standards without a histogram.
  std::vector<uint64_t> buckets;
  int64_t sum = 0;
  // Abandoned waits (any verdict), in the same bounds; empty when none.
  std::vector<uint64_t> abandoned_buckets;
  int64_t abandoned_sum = 0;

  void Merge(const SeriesCounts& other);
  friend bool operator==(const SeriesCounts&, const SeriesCounts&) = default;
};

// The histogram bounds of each standard: threshold x 1/4, 1/2, 3/4, 1, 3/2,
// 2, 4, 8 for timed standards; 1 .. 2 x threshold working days (at most 20
// bounds) for working-day ones; none for scores and counts.
std::vector<std::vector<int64_t>> HistogramBounds(const EngineConfig& config);

class OutcomeSeries {
 public:
  // Distinct services (and customer groups) one partition's series keep;
  // beyond this they count under "other", so no input can grow a
  // partition's memory without end. Which values the metrics show is
  // decided for the whole process when partitions merge (LabelValues).
  static constexpr size_t kMaxLabelValues = 1000;

  OutcomeSeries() = default;
  explicit OutcomeSeries(const EngineConfig& config) : bounds_(HistogramBounds(config)) {}
  // Moves only: the lookup cache points into the series' own map.
  OutcomeSeries(OutcomeSeries&&) = default;
  OutcomeSeries& operator=(OutcomeSeries&&) = default;
  OutcomeSeries(const OutcomeSeries&) = delete;
  OutcomeSeries& operator=(const OutcomeSeries&) = delete;

  void Record(const Engine& engine, const Outcome& outcome);
  void Merge(const OutcomeSeries& other);
  // Merges with the service and customer group of each series mapped to the
  // label values the metrics may show.
  void Merge(const OutcomeSeries& other, LabelValues& labels);

  std::string Serialize(const EngineConfig& config) const;
  // Series of standards no longer configured are dropped; a standard whose
  // bounds changed keeps its counts and starts its buckets afresh.
  absl::Status Parse(const EngineConfig& config, std::string_view bytes);

  const std::map<SeriesKey, SeriesCounts>& series() const { return series_; }
  const std::vector<int64_t>& bounds(StandardIndex standard) const { return bounds_[Index(standard)]; }

 private:
  const std::string& Label(std::set<std::string>& seen, const std::string& value);

  // The series an engine's interned dimensions map to, so recording an
  // outcome costs one hash lookup (the map's nodes do not move). Valid for
  // one engine's symbols: a series records one partition's outcomes.
  struct InternedKey {
    StandardIndex standard;
    Channel channel;
    Symbol service;
    Symbol customer_group;
    friend bool operator==(const InternedKey&, const InternedKey&) = default;
    template <typename H>
    friend H AbslHashValue(H h, const InternedKey& k) {
      return H::combine(std::move(h), k.standard, k.channel, k.service, k.customer_group);
    }
  };

  std::vector<std::vector<int64_t>> bounds_;
  std::map<SeriesKey, SeriesCounts> series_;
  absl::flat_hash_map<InternedKey, SeriesCounts*> interned_;
  std::set<std::string> services_, groups_;
};

}  // namespace ontime

#endif  // ONTIME_METRICS_OUTCOME_SERIES_H_

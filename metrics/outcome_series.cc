#include "metrics/outcome_series.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "ontime/v1/checkpoint.pb.h"

namespace ontime {
namespace {

const std::string kOther = "other";

}  // namespace

void SeriesCounts::Merge(const SeriesCounts& other) {
  met += other.met;
  breached += other.breached;
  excluded += other.excluded;
  sum += other.sum;
  abandoned_sum += other.abandoned_sum;
  if (buckets.size() < other.buckets.size()) buckets.resize(other.buckets.size());
  for (size_t i = 0; i < other.buckets.size(); ++i) buckets[i] += other.buckets[i];
  if (abandoned_buckets.size() < other.abandoned_buckets.size()) abandoned_buckets.resize(other.abandoned_buckets.size());
  for (size_t i = 0; i < other.abandoned_buckets.size(); ++i) abandoned_buckets[i] += other.abandoned_buckets[i];
}

std::vector<std::vector<int64_t>> HistogramBounds(const EngineConfig& config) {
  std::vector<std::vector<int64_t>> bounds(config.standards.size());
  for (size_t i = 0; i < config.standards.size(); ++i) {
    const Standard& s = config.standards[i];
    if (s.threshold <= 0) continue;
    if (s.unit() == MeasureUnit::kMicroseconds) {
      for (const auto& [num, den] : {std::pair{1, 4}, {1, 2}, {3, 4}, {1, 1}, {3, 2}, {2, 1}, {4, 1}, {8, 1}}) {
        bounds[i].push_back(s.threshold / den * num);
      }
    } else if (s.unit() == MeasureUnit::kWorkingDays) {
      const int64_t step = std::max<int64_t>(1, s.threshold / 10);
      for (int64_t d = step; d <= 2 * s.threshold; d += step) bounds[i].push_back(d);
      if (!std::binary_search(bounds[i].begin(), bounds[i].end(), s.threshold)) {
        bounds[i].insert(std::lower_bound(bounds[i].begin(), bounds[i].end(), s.threshold), s.threshold);
      }
    }
    bounds[i].erase(std::unique(bounds[i].begin(), bounds[i].end()), bounds[i].end());
  }
  return bounds;
}

const std::string& OutcomeSeries::Label(std::set<std::string>& seen, const std::string& value) {
  auto it = seen.find(value);
  if (it != seen.end()) return *it;
  if (seen.size() >= kMaxLabelValues) return kOther;
  return *seen.insert(value).first;
}

void OutcomeSeries::Record(const Engine& engine, const Outcome& outcome) {
  const Dimensions& d = outcome.dimensions;
  SeriesCounts*& found = interned_[InternedKey{outcome.standard, d.channel, d.service, d.customer_group}];
  if (found == nullptr) {
    SeriesKey key{outcome.standard, d.channel, Label(services_, engine.symbols().Name(d.service)),
                  Label(groups_, engine.symbols().Name(d.customer_group))};
    found = &series_[std::move(key)];
  }
  SeriesCounts& counts = *found;
  const std::vector<int64_t>& bounds = bounds_[Index(outcome.standard)];
  switch (outcome.verdict) {
    case Verdict::kMet: ++counts.met; break;
    case Verdict::kBreached: ++counts.breached; break;
    case Verdict::kExcluded: ++counts.excluded; break;
  }
  if (bounds.empty()) return;
  auto bucket_of = [&](int64_t measure) {
    return static_cast<size_t>(std::lower_bound(bounds.begin(), bounds.end(), measure) - bounds.begin());
  };
  if (outcome.abandoned) {
    counts.abandoned_buckets.resize(bounds.size() + 1);
    ++counts.abandoned_buckets[bucket_of(outcome.measure)];
    counts.abandoned_sum += outcome.measure;
    return;
  }
  if (outcome.verdict == Verdict::kExcluded) return;
  counts.buckets.resize(bounds.size() + 1);
  const int64_t threshold = engine.standard(outcome.standard).threshold;
  size_t bucket = bucket_of(outcome.measure);
  // The verdict decides the side of the threshold, not the measure alone, so
  // the threshold bucket holds exactly the met outcomes: a breach measured
  // within the threshold (none is, outside abandons) counts beyond every
  // bound, a met outcome measured past it (none is) at the threshold.
  if (outcome.verdict == Verdict::kBreached && outcome.measure <= threshold) bucket = bounds.size();
  if (outcome.verdict == Verdict::kMet && outcome.measure > threshold) bucket = bucket_of(threshold);
  ++counts.buckets[bucket];
  counts.sum += outcome.measure;
}

void OutcomeSeries::Merge(const OutcomeSeries& other) {
  for (const auto& [key, counts] : other.series_) series_[key].Merge(counts);
}

void OutcomeSeries::Merge(const OutcomeSeries& other, LabelValues& labels) {
  for (const auto& [key, counts] : other.series_) {
    series_[SeriesKey{key.standard, key.channel, labels.Service(key.service), labels.CustomerGroup(key.customer_group)}]
        .Merge(counts);
  }
}

std::string OutcomeSeries::Serialize(const EngineConfig& config) const {
  v1::OutcomeSeriesState state;
  for (const auto& [key, counts] : series_) {
    v1::OutcomeSeriesState::Series* s = state.add_series();
    s->set_standard(config.standards[Index(key.standard)].id);
    s->set_channel(static_cast<uint32_t>(key.channel));
    s->set_service(key.service);
    s->set_customer_group(key.customer_group);
    s->set_met(counts.met);
    s->set_breached(counts.breached);
    s->set_excluded(counts.excluded);
    for (int64_t bound : bounds_[Index(key.standard)]) s->add_bounds(bound);
    for (uint64_t n : counts.buckets) s->add_buckets(n);
    s->set_sum(counts.sum);
    for (uint64_t n : counts.abandoned_buckets) s->add_abandoned_buckets(n);
    s->set_abandoned_sum(counts.abandoned_sum);
  }
  return state.SerializeAsString();
}

absl::Status OutcomeSeries::Parse(const EngineConfig& config, std::string_view bytes) {
  v1::OutcomeSeriesState state;
  if (!state.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError("the outcome series are not an ontime.v1.OutcomeSeriesState");
  }
  bounds_ = HistogramBounds(config);
  series_.clear();
  interned_.clear();
  services_.clear();
  groups_.clear();
  std::map<std::string, StandardIndex> index;
  for (size_t i = 0; i < config.standards.size(); ++i) index[config.standards[i].id] = static_cast<StandardIndex>(i);
  for (const v1::OutcomeSeriesState::Series& s : state.series()) {
    auto it = index.find(s.standard());
    if (it == index.end() || s.channel() >= static_cast<uint32_t>(kChannelCount)) continue;
    SeriesKey key{it->second, static_cast<Channel>(s.channel()), Label(services_, s.service()),
                  Label(groups_, s.customer_group())};
    SeriesCounts counts;
    counts.met = s.met();
    counts.breached = s.breached();
    counts.excluded = s.excluded();
    const std::vector<int64_t>& bounds = bounds_[Index(it->second)];
    if (std::equal(bounds.begin(), bounds.end(), s.bounds().begin(), s.bounds().end()) &&
        static_cast<size_t>(s.buckets_size()) == (bounds.empty() ? 0 : bounds.size() + 1)) {
      counts.buckets.assign(s.buckets().begin(), s.buckets().end());
      counts.sum = s.sum();
    }
    if (std::equal(bounds.begin(), bounds.end(), s.bounds().begin(), s.bounds().end()) &&
        static_cast<size_t>(s.abandoned_buckets_size()) == (bounds.empty() ? 0 : bounds.size() + 1)) {
      counts.abandoned_buckets.assign(s.abandoned_buckets().begin(), s.abandoned_buckets().end());
      counts.abandoned_sum = s.abandoned_sum();
    }
    series_[std::move(key)].Merge(counts);
  }
  return absl::OkStatus();
}

}  // namespace ontime

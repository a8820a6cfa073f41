#include "engine/quantile_sketch.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace ontime {
namespace {

constexpr double kGamma =
    (1 + QuantileSketch::kRelativeAccuracy) / (1 - QuantileSketch::kRelativeAccuracy);
const double kLogGamma = std::log(kGamma);
// Values below this are indistinguishable from zero for durations (1 ns)
// and keep bucket indexes in a small range.
constexpr double kMinPositive = 1e-9;

}  // namespace

int32_t QuantileSketch::IndexOf(double value) {
  return static_cast<int32_t>(std::ceil(std::log(value) / kLogGamma));
}

double QuantileSketch::ValueOf(int32_t index) {
  return 2 * std::pow(kGamma, index) / (kGamma + 1);
}

QuantileSketch::Bucket QuantileSketch::BucketOf(double value) {
  if (!(value >= kMinPositive)) return {true, 0};
  return {false, IndexOf(value)};
}

void QuantileSketch::Add(Bucket bucket, uint32_t count) {
  if (count == 0) return;
  count_ += count;
  if (bucket.zero) {
    zero_count_ += count;
    return;
  }
  AddToBucket(bucket.index, count);
}

void QuantileSketch::AddToBucket(int32_t index, uint32_t count) {
  if (buckets_.empty()) {
    first_index_ = index;
    buckets_.assign(1, 0);
  } else if (index < first_index_) {
    buckets_.insert(buckets_.begin(), static_cast<size_t>(first_index_ - index), 0);
    first_index_ = index;
  } else if (index >= first_index_ + static_cast<int32_t>(buckets_.size())) {
    buckets_.resize(static_cast<size_t>(index - first_index_ + 1), 0);
  }
  buckets_[static_cast<size_t>(index - first_index_)] += count;
}

void QuantileSketch::Merge(const QuantileSketch& other) {
  for (size_t i = 0; i < other.buckets_.size(); ++i) {
    if (other.buckets_[i] != 0) {
      AddToBucket(other.first_index_ + static_cast<int32_t>(i), other.buckets_[i]);
    }
  }
  zero_count_ += other.zero_count_;
  count_ += other.count_;
}

double QuantileSketch::Quantile(double q) const {
  if (count_ == 0) return 0;
  q = std::fmin(std::fmax(q, 0.0), 1.0);
  // Nearest rank, as statements and SLA reports count: the smallest value
  // with at least ceil(q * n) values at or below it (the first for q = 0).
  // The small tolerance keeps 0.9 * 30, which is 27.000000000000004 in
  // floating point, at rank 27.
  const uint64_t rank = std::max<uint64_t>(
      1, static_cast<uint64_t>(std::ceil(q * static_cast<double>(count_) - 1e-9)));
  uint64_t seen = zero_count_;
  if (seen >= rank) return 0;
  for (size_t i = 0; i < buckets_.size(); ++i) {
    seen += buckets_[i];
    if (seen >= rank) return ValueOf(first_index_ + static_cast<int32_t>(i));
  }
  return ValueOf(first_index_ + static_cast<int32_t>(buckets_.size()) - 1);
}

QuantileSketch QuantileSketch::FromState(int32_t first_index,
                                         std::vector<uint32_t> buckets,
                                         uint64_t zero_count) {
  QuantileSketch sketch;
  sketch.first_index_ = first_index;
  sketch.buckets_ = std::move(buckets);
  sketch.zero_count_ = zero_count;
  sketch.count_ = zero_count;
  for (uint32_t c : sketch.buckets_) sketch.count_ += c;
  return sketch;
}

}  // namespace ontime

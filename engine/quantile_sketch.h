// A mergeable quantile sketch with bounded relative error (DDSketch:
// Masson, Rim, Lee, "DDSketch: a fast and fully-mergeable quantile sketch
// with relative-error guarantees", VLDB 2019).
//
// A value x > 0 falls in bucket i = ceil(log_gamma(x)), gamma = (1+a)/(1-a);
// every value in a bucket is within relative error a of the bucket's
// representative 2 gamma^i / (gamma + 1). Merging adds bucket counts, so
// sketches from partitions, hours or instances combine exactly as if one
// sketch had seen all values. Zero goes to a bucket of its own.
//
//   QuantileSketch s;            // a = 0.01
//   s.Add(12.0); s.Add(60.0); s.Add(61.5);
//   s.Quantile(0.5);             // 60.0 within 1 %
//
// Memory: 4 bytes per bucket between the smallest and largest value seen;
// 1 s .. 1 h is ~410 buckets.
#ifndef ONTIME_ENGINE_QUANTILE_SKETCH_H_
#define ONTIME_ENGINE_QUANTILE_SKETCH_H_

#include <cstdint>
#include <vector>

namespace ontime {

class QuantileSketch {
 public:
  static constexpr double kRelativeAccuracy = 0.01;

  QuantileSketch() = default;

  // Adds a value >= 0 (negative values count as zero).
  void Add(double value, uint32_t count = 1) { Add(BucketOf(value), count); }

  // The bucket of a value, so that one value going into several sketches
  // (one per period) is mapped once.
  struct Bucket {
    bool zero;
    int32_t index;
  };
  static Bucket BucketOf(double value);
  void Add(Bucket bucket, uint32_t count = 1);
  void Merge(const QuantileSketch& other);

  uint64_t count() const { return count_; }
  bool empty() const { return count_ == 0; }
  // The q-quantile (0 <= q <= 1) by nearest rank: the value at rank
  // ceil(q * n) of the n values in order (the median of 1, 2, 3, 4 is 2;
  // the 90th percentile of 1..10 is 9), within kRelativeAccuracy; 0 when
  // empty. Whole numbers below 50 fall in buckets of their own, so for
  // them the value rounds back exactly (working days).
  double Quantile(double q) const;

  // The raw state, for snapshots and exports.
  int32_t first_index() const { return first_index_; }
  const std::vector<uint32_t>& buckets() const { return buckets_; }
  uint64_t zero_count() const { return zero_count_; }
  static QuantileSketch FromState(int32_t first_index,
                                  std::vector<uint32_t> buckets,
                                  uint64_t zero_count);

  friend bool operator==(const QuantileSketch&, const QuantileSketch&) = default;

 private:
  static int32_t IndexOf(double value);
  static double ValueOf(int32_t index);
  void AddToBucket(int32_t index, uint32_t count);

  int32_t first_index_ = 0;
  std::vector<uint32_t> buckets_;
  uint64_t zero_count_ = 0;
  uint64_t count_ = 0;
};

}  // namespace ontime

#endif  // ONTIME_ENGINE_QUANTILE_SKETCH_H_

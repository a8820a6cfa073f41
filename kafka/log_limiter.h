// Keeps one bad source from flooding the log: at most one line per key (a
// reason, a broker) per interval; the next line after a quiet spell says how
// many were held back. Thread-safe: librdkafka's callbacks and the daemon's
// loop share it.
//
//   static LogLimiter limiter;
//   if (uint64_t held; limiter.Allow("undecodable", &held)) {
//     spdlog::warn("... ({} more like it not shown)", held);
//   }
#ifndef ONTIME_KAFKA_LOG_LIMITER_H_
#define ONTIME_KAFKA_LOG_LIMITER_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace ontime {

class LogLimiter {
 public:
  explicit LogLimiter(absl::Duration interval = absl::Seconds(10)) : interval_(interval) {}

  // True if a line for `key` may be written at `now`; `held_back` gets how
  // many lines for it were not written since the last one that was.
  bool Allow(std::string_view key, uint64_t* held_back, absl::Time now = absl::Now()) {
    std::lock_guard<std::mutex> lock(mutex_);
    // Bounded: keys come from reasons and brokers, but never trust that.
    if (keys_.size() > 1024) keys_.clear();
    Key& k = keys_[std::string(key)];
    if (now - k.last < interval_) {
      ++k.held_back;
      ++held_back_total_;
      return false;
    }
    *held_back = k.held_back;
    k = {now, 0};
    return true;
  }

  uint64_t held_back_total() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return held_back_total_;
  }

 private:
  struct Key {
    absl::Time last = absl::InfinitePast();
    uint64_t held_back = 0;
  };
  const absl::Duration interval_;
  mutable std::mutex mutex_;
  absl::flat_hash_map<std::string, Key> keys_;
  uint64_t held_back_total_ = 0;
};

}  // namespace ontime

#endif  // ONTIME_KAFKA_LOG_LIMITER_H_

// An in-memory StateStore for unit tests of the ingest pipeline: saves can
// be made to fail, to tear (fail after writing part, which must leave the
// previous checkpoint), or to stall until released. Every save records what
// the dead-letter sink had acknowledged at that moment, so a test can show
// no checkpoint went out before the dead letters it covers.
#ifndef ONTIME_TESTS_SUPPORT_FAKE_STATE_STORE_H_
#define ONTIME_TESTS_SUPPORT_FAKE_STATE_STORE_H_

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "kafka/state_store.h"
#include "tests/support/fake_record_sink.h"

namespace ontime::testing {

class FakeStateStore : public StateStore {
 public:
  struct SaveRecord {
    TopicPartition tp;
    int64_t next_offset = 0;
    bool saved = false;
    // Records the sink had been sent, and of those how many were not yet
    // acknowledged, when this save began.
    uint64_t sink_sent = 0;
    uint64_t sink_unacknowledged = 0;
  };

  explicit FakeStateStore(const FakeRecordSink* sink = nullptr) : sink_(sink) {}

  absl::StatusOr<std::optional<PartitionCheckpoint>> Load(const TopicPartition& tp) override {
    std::lock_guard<std::mutex> lock(mutex_);
    ++loads_;
    auto it = durable_.find(tp);
    if (it == durable_.end()) return std::optional<PartitionCheckpoint>();
    return std::optional<PartitionCheckpoint>(it->second);
  }

  absl::Status Save(const TopicPartition& tp, PartitionCheckpoint& checkpoint) override {
    std::unique_lock<std::mutex> lock(mutex_);
    SaveRecord record{.tp = tp, .next_offset = checkpoint.next_offset};
    if (sink_ != nullptr) {
      record.sink_sent = sink_->sent();
      record.sink_unacknowledged = sink_->unacknowledged();
    }
    ++saving_;
    changed_.notify_all();
    changed_.wait(lock, [this] { return !stalled_; });
    --saving_;
    if (fail_next_ > 0) {
      --fail_next_;
      // A torn save wrote chunks, never the manifest: Load still finds the
      // checkpoint before.
      saves_.push_back(record);
      changed_.notify_all();
      return absl::UnavailableError(tear_ ? "torn save: chunks written, manifest not" : "save refused");
    }
    checkpoint.generation = ++generation_[tp];
    checkpoint.generation_known = true;
    durable_[tp] = checkpoint;
    record.saved = true;
    saves_.push_back(record);
    changed_.notify_all();
    return absl::OkStatus();
  }

  // The next `n` saves fail (torn: as if cut half-way).
  void FailNextSaves(int n, bool torn = false) {
    std::lock_guard<std::mutex> lock(mutex_);
    fail_next_ = n;
    tear_ = torn;
  }
  // Saves block until Release.
  void Stall() {
    std::lock_guard<std::mutex> lock(mutex_);
    stalled_ = true;
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mutex_);
    stalled_ = false;
    changed_.notify_all();
  }
  // Waits (at most `bound`) until a save is blocked in Stall.
  bool WaitStalledSave(absl::Duration bound) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, absl::ToChronoSeconds(bound), [this] { return saving_ > 0; });
  }
  // Waits (at most `bound`) until `n` saves have finished, saved or not.
  bool WaitSaves(size_t n, absl::Duration bound) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, absl::ToChronoSeconds(bound), [&] { return saves_.size() >= n; });
  }

  std::vector<SaveRecord> saves() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return saves_;
  }
  std::optional<PartitionCheckpoint> durable(const TopicPartition& tp) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = durable_.find(tp);
    return it == durable_.end() ? std::nullopt : std::optional<PartitionCheckpoint>(it->second);
  }
  int loads() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return loads_;
  }

 private:
  const FakeRecordSink* sink_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<TopicPartition, PartitionCheckpoint> durable_;
  std::map<TopicPartition, uint64_t> generation_;
  std::vector<SaveRecord> saves_;
  int fail_next_ = 0;
  bool tear_ = false;
  bool stalled_ = false;
  int saving_ = 0;
  int loads_ = 0;
};

}  // namespace ontime::testing

#endif  // ONTIME_TESTS_SUPPORT_FAKE_STATE_STORE_H_

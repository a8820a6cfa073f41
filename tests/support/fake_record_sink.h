// An in-memory RecordSink for unit tests of the ingest pipeline. Records
// are held until the test acknowledges them, in any order; sends can be
// refused (a full local queue) and deliveries failed (a record sent with
// resend_on_failure is then sent again under the same sequence, so whoever
// waits for it keeps waiting, as KafkaProducer does; any other fails for
// good). FlushUpTo keeps the real contract: OK only once every record up to
// the sequence is acknowledged, an error if one failed for good.
#ifndef ONTIME_TESTS_SUPPORT_FAKE_RECORD_SINK_H_
#define ONTIME_TESTS_SUPPORT_FAKE_RECORD_SINK_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "kafka/record_sink.h"

namespace ontime::testing {

struct SunkRecord {
  uint64_t sequence = 0;
  std::string topic;
  std::string key;
  std::string value;
  std::map<std::string, std::string> headers;
  bool resend_on_failure = false;
  bool tombstone = false;
  bool acknowledged = false;
  bool failed = false;
  int attempts = 1;
};

class FakeRecordSink : public RecordSink {
 public:
  // auto_acknowledge: every record is acknowledged as it is sent.
  explicit FakeRecordSink(bool auto_acknowledge = true) : auto_acknowledge_(auto_acknowledge) {}

  absl::Status Send(const KafkaRecordOut& record, uint64_t* sequence, absl::Duration) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (refuse_next_ > 0) {
      --refuse_next_;
      return absl::ResourceExhaustedError("local queue full");
    }
    SunkRecord sunk{.sequence = ++last_sequence_,
                    .topic = std::string(record.topic),
                    .key = std::string(record.key),
                    .value = std::string(record.value),
                    .headers = {},
                    .resend_on_failure = record.resend_on_failure,
                    .tombstone = record.tombstone,
                    .acknowledged = auto_acknowledge_};
    for (const auto& [name, value] : record.headers) sunk.headers[std::string(name)] = std::string(value);
    if (sequence != nullptr) *sequence = sunk.sequence;
    records_[sunk.sequence] = std::move(sunk);
    changed_.notify_all();
    return absl::OkStatus();
  }

  absl::Status FlushUpTo(uint64_t sequence, absl::Duration timeout) override {
    std::unique_lock<std::mutex> lock(mutex_);
    ++flushes_waiting_;
    changed_.notify_all();
    const bool done = changed_.wait_for(lock, absl::ToChronoMilliseconds(timeout), [&] {
      for (const auto& [seq, record] : records_) {
        if (seq > sequence) break;
        if (!record.acknowledged && !record.failed) return false;
      }
      return true;
    });
    --flushes_waiting_;
    if (!done) return absl::DeadlineExceededError(absl::StrCat("records up to ", sequence, " not acknowledged"));
    for (const auto& [seq, record] : records_) {
      if (seq > sequence) break;
      if (record.failed) return absl::UnavailableError(absl::StrCat("record ", seq, " failed"));
    }
    return absl::OkStatus();
  }

  void Acknowledge(uint64_t sequence) {
    std::lock_guard<std::mutex> lock(mutex_);
    records_.at(sequence).acknowledged = true;
    changed_.notify_all();
  }
  void AcknowledgeAll() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [seq, record] : records_) record.acknowledged = true;
    changed_.notify_all();
  }
  // The broker refused the record: one sent to be resent goes again (still
  // unacknowledged, same sequence); any other has failed for good.
  void FailDelivery(uint64_t sequence) {
    std::lock_guard<std::mutex> lock(mutex_);
    SunkRecord& record = records_.at(sequence);
    if (record.resend_on_failure) {
      ++record.attempts;
      ++resent_;
    } else {
      record.failed = true;
    }
    changed_.notify_all();
  }
  // The next `n` sends fail at once (a full local queue).
  void RefuseNextSends(int n) {
    std::lock_guard<std::mutex> lock(mutex_);
    refuse_next_ = n;
  }

  // Every record sent, the failed deliveries among them included.
  std::vector<SunkRecord> records() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<SunkRecord> all;
    for (const auto& [seq, record] : records_) all.push_back(record);
    return all;
  }
  // Records delivered (acknowledged and not failed).
  std::vector<SunkRecord> delivered() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<SunkRecord> out;
    for (const auto& [seq, record] : records_) {
      if (record.acknowledged) out.push_back(record);
    }
    return out;
  }
  uint64_t sent() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return last_sequence_;
  }
  uint64_t unacknowledged() const {
    std::lock_guard<std::mutex> lock(mutex_);
    uint64_t n = 0;
    for (const auto& [seq, record] : records_) n += record.acknowledged ? 0 : 1;
    return n;
  }
  // FlushUpTo calls under way (a writer waiting for acknowledgements).
  int flushes_waiting() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return flushes_waiting_;
  }
  // Waits (bounded) until a FlushUpTo call is under way.
  bool AwaitFlushWaiting(absl::Duration bound = absl::Seconds(10)) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, absl::ToChronoMilliseconds(bound), [&] { return flushes_waiting_ > 0; });
  }
  uint64_t resent() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return resent_;
  }

 private:
  const bool auto_acknowledge_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<uint64_t, SunkRecord> records_;
  uint64_t last_sequence_ = 0;
  uint64_t resent_ = 0;
  int flushes_waiting_ = 0;
  int refuse_next_ = 0;
};

}  // namespace ontime::testing

#endif  // ONTIME_TESTS_SUPPORT_FAKE_RECORD_SINK_H_

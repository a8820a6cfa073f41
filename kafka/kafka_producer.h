// Writes records to Kafka and says whether they all arrived: for contact
// events (`ontime simulate --brokers`: key = contact id, record timestamp =
// event time), dead letters (with headers) and state checkpoints (to an
// explicit partition). Idempotent, so retries never duplicate or reorder.
//
//   KafkaProducer producer;
//   if (auto s = producer.Open({{"bootstrap.servers", "127.0.0.1:19092"}}); !s.ok()) ...
//   producer.Send({.topic = "contact-events", .key = id, .value = bytes, .timestamp = t});
//   auto acked = producer.Flush(absl::Seconds(30));  // every record since the last Flush
#ifndef ONTIME_KAFKA_KAFKA_PRODUCER_H_
#define ONTIME_KAFKA_KAFKA_PRODUCER_H_

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "kafka/record_sink.h"

struct rd_kafka_s;

namespace ontime {

// Thread-safe: ontimed's loop sends dead letters while its checkpoint
// writer sends chunks and flushes.
class KafkaProducer : public RecordSink {
 public:
  KafkaProducer() = default;
  KafkaProducer(const KafkaProducer&) = delete;
  KafkaProducer& operator=(const KafkaProducer&) = delete;
  ~KafkaProducer();

  // `settings` are librdkafka properties (bootstrap.servers, TLS, SASL,
  // tuning); they win over ontime's defaults.
  absl::Status Open(const std::map<std::string, std::string>& settings);
  // Queues a record (copied); waits while the local queue is full, at most
  // `queue_wait`. The record's sequence number is in *sequence if given.
  absl::Status Send(const KafkaRecordOut& record, uint64_t* sequence, absl::Duration queue_wait) override;
  absl::Status Send(const KafkaRecordOut& record) { return Send(record, nullptr, absl::Minutes(5)); }
  // The sequence number the last record sent got (0 before any).
  uint64_t last_sequence() const { return next_sequence_; }
  // Serves delivery reports without waiting.
  void Poll();
  // Waits until every record up to `sequence` is acknowledged or failed,
  // within `timeout`; an error if any of them failed. Records sent later
  // (by other threads) are not waited for, so a steady stream of them
  // cannot hold the wait up.
  absl::Status FlushUpTo(uint64_t sequence, absl::Duration timeout) override;
  // Every record sent so far.
  absl::Status Flush(absl::Duration timeout) { return FlushUpTo(last_sequence(), timeout); }
  // Flush, then close.
  absl::Status Close(absl::Duration timeout = absl::Seconds(60));

  int64_t delivered() const { return delivered_; }
  int64_t failed() const { return failed_; }
  int64_t resent() const { return resent_; }

 private:
  static void OnDelivery(rd_kafka_s* kafka, const void* message, void* opaque);
  void Delivered(const void* message);

  rd_kafka_s* kafka_ = nullptr;
  std::atomic<uint64_t> next_sequence_ = 0;
  std::atomic<int64_t> delivered_ = 0;
  std::atomic<int64_t> failed_ = 0;
  std::atomic<int64_t> resent_ = 0;
  // Records sent and not yet settled, and those that failed, by sequence.
  std::mutex mutex_;
  std::set<uint64_t> pending_;
  std::set<uint64_t> failed_sequences_;
  std::string last_error_;
};

}  // namespace ontime

#endif  // ONTIME_KAFKA_KAFKA_PRODUCER_H_

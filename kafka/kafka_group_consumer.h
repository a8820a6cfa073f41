// A Kafka consumer group member driven by an Asio event loop: no thread of
// its own and no busy-waiting. librdkafka writes to an eventfd when its
// consumer queue turns non-empty; the loop then takes batches with the batch
// API until the queue is empty (yielding to other work every few thousand
// records). Rebalances, errors and statistics are served in the same calls,
// on the loop's thread, so callbacks never race the record handler.
//
// The caller owns positions: `on_assigned` says where each new partition
// resumes (the offset its checkpoint reflects), so the committed offsets are
// for monitoring tools, never the source of truth.
#ifndef ONTIME_KAFKA_KAFKA_GROUP_CONSUMER_H_
#define ONTIME_KAFKA_KAFKA_GROUP_CONSUMER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "kafka/kafka_record.h"
#include "kafka/loop_lifetime.h"
#include "kafka/topic_partition.h"

struct rd_kafka_s;
struct rd_kafka_queue_s;
struct rd_kafka_topic_partition_list_s;

namespace ontime {


struct GroupConsumerCallbacks {
  // A partition is now ours: where to resume. An error leaves it unassigned
  // and reports `on_fatal` (its state could not be loaded).
  std::function<absl::StatusOr<int64_t>(const TopicPartition&)> on_assigned;
  // A partition is no longer ours. `lost`: the group moved on without us
  // (we were gone too long), so its state must not be saved over the new
  // owner's.
  std::function<void(const TopicPartition&, bool lost)> on_revoked;
  std::function<void(const KafkaRecord&)> on_record;
  // After each batch of records.
  std::function<void()> on_batch_end;
  // The consumer cannot go on (librdkafka fatal error, unloadable state).
  std::function<void(const absl::Status&)> on_fatal;
};

// What librdkafka's statistics say about the member, every second.
struct ConsumerHealth {
  bool broker_up = false;
  // In the group with a settled assignment.
  bool group_stable = false;
  // The end of each assigned partition (the offset the next record will
  // get; -1: not known yet). Lag is this minus the owner's position.
  std::map<TopicPartition, int64_t> end_offsets;
};

class KafkaGroupConsumer {
 public:
  KafkaGroupConsumer(boost::asio::io_context& io, std::map<std::string, std::string> settings,
                     std::string group, std::vector<std::string> topics, GroupConsumerCallbacks callbacks);
  KafkaGroupConsumer(const KafkaGroupConsumer&) = delete;
  KafkaGroupConsumer& operator=(const KafkaGroupConsumer&) = delete;
  ~KafkaGroupConsumer();

  // Joins the group and starts reading.
  absl::Status Start();
  // Stops taking new batches (the one in hand finishes).
  void StopReading();
  // Commits these positions (asynchronously: they are for monitoring).
  void Commit(const std::vector<std::pair<TopicPartition, int64_t>>& positions);
  // The group's committed offset of the partition (asks the coordinator,
  // waiting at most `timeout`); nullopt if none was ever committed. For
  // members that commit what they finished (the alert deliverers).
  absl::StatusOr<std::optional<int64_t>> Committed(const TopicPartition& tp, absl::Duration timeout);
  // Fetches the partition again from `offset` (asynchronously); records of
  // it already queued are dropped by librdkafka.
  void Seek(const TopicPartition& tp, int64_t offset);
  // Leaves the group: revokes every partition (through on_revoked) and
  // closes. Call from the loop's thread.
  void Close();

  const ConsumerHealth& health() const { return health_; }
  uint64_t records() const { return records_; }
  uint64_t batches() const { return batches_; }

 private:
  static void OnRebalance(rd_kafka_s* kafka, int err, rd_kafka_topic_partition_list_s* partitions,
                          void* opaque);
  static int OnStatistics(rd_kafka_s* kafka, char* json, size_t length, void* opaque);
  static void OnError(rd_kafka_s* kafka, int err, const char* reason, void* opaque);

  void Rebalance(int err, rd_kafka_topic_partition_list_s* partitions);
  void ReadStatistics(const char* json, size_t length);
  void WaitForRecords();
  void Drain();

  boost::asio::io_context& io_;
  std::map<std::string, std::string> settings_;
  std::string group_;
  std::vector<std::string> topics_;
  GroupConsumerCallbacks callbacks_;
  rd_kafka_s* kafka_ = nullptr;
  rd_kafka_queue_s* queue_ = nullptr;
  int wake_fd_ = -1;
  std::unique_ptr<boost::asio::posix::stream_descriptor> wake_;
  bool reading_ = false;
  bool closed_ = false;
  ConsumerHealth health_;
  uint64_t records_ = 0;
  uint64_t batches_ = 0;
  // Drains posted to the loop are skipped once this consumer is gone.
  LoopLifetime lifetime_;
};

}  // namespace ontime

#endif  // ONTIME_KAFKA_KAFKA_GROUP_CONSUMER_H_

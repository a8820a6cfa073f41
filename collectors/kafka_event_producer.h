// Writes contact events to a Kafka topic as the contract says: key = the
// contact id (so a contact's events share a partition), value = the event
// (protobuf or JSON), record timestamp = the event time.
//
//   KafkaEventProducer producer;
//   if (auto s = producer.Open("127.0.0.1:19092", "contact-events"); !s.ok()) ...
//   producer.Send(event, bytes);
//   producer.Close();   // waits until every record is acknowledged
#ifndef ONTIME_COLLECTORS_KAFKA_EVENT_PRODUCER_H_
#define ONTIME_COLLECTORS_KAFKA_EVENT_PRODUCER_H_

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

struct rd_kafka_s;
struct rd_kafka_topic_s;

namespace ontime {

class KafkaEventProducer {
 public:
  KafkaEventProducer() = default;
  KafkaEventProducer(const KafkaEventProducer&) = delete;
  KafkaEventProducer& operator=(const KafkaEventProducer&) = delete;
  ~KafkaEventProducer();

  // `settings` pass through to librdkafka (TLS, SASL, tuning).
  absl::Status Open(const std::string& brokers, const std::string& topic,
                    const std::map<std::string, std::string>& settings = {});
  absl::Status Send(const std::string& key, const std::string& value, absl::Time event_time);
  // Flushes within `timeout`; an error if any record was not acknowledged.
  absl::Status Close(absl::Duration timeout = absl::Seconds(60));

  int64_t delivered() const { return delivered_; }
  int64_t failed() const { return failed_; }

 private:
  static void OnDelivery(rd_kafka_s* kafka, const void* message, void* opaque);

  rd_kafka_s* kafka_ = nullptr;
  std::string topic_;
  int64_t delivered_ = 0;
  int64_t failed_ = 0;
  std::string first_error_;
};

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_KAFKA_EVENT_PRODUCER_H_

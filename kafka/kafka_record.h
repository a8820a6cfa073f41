// A record read from Kafka, as views into librdkafka's message: valid only
// while the message is (during the callback that hands it over).
#ifndef ONTIME_KAFKA_KAFKA_RECORD_H_
#define ONTIME_KAFKA_KAFKA_RECORD_H_

#include <cstdint>
#include <string_view>

namespace ontime {

struct KafkaRecord {
  std::string_view topic;
  int32_t partition = 0;
  int64_t offset = 0;
  std::string_view key;
  std::string_view value;
  // Milliseconds since the epoch, or -1 if the record has none.
  int64_t timestamp_ms = -1;
};

}  // namespace ontime

#endif  // ONTIME_KAFKA_KAFKA_RECORD_H_

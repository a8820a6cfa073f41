// One partition of one topic: what a consumer group assigns, what a
// checkpoint belongs to.
#ifndef ONTIME_KAFKA_TOPIC_PARTITION_H_
#define ONTIME_KAFKA_TOPIC_PARTITION_H_

#include <compare>
#include <cstdint>
#include <string>

namespace ontime {

struct TopicPartition {
  std::string topic;
  int32_t partition = 0;

  friend auto operator<=>(const TopicPartition&, const TopicPartition&) = default;
};

// librdkafka's "from the first offset".
inline constexpr int64_t kOffsetBeginning = -2;

}  // namespace ontime

#endif  // ONTIME_KAFKA_TOPIC_PARTITION_H_

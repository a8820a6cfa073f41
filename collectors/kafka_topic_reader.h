// Reads a topic range: every partition of a topic, from its first offset to
// the end as it stood when reading began (`ontime replay --topic`). Records
// come partition by partition in offset order, which is all the engine needs:
// a contact's events share a partition, and each partition gets an engine.
#ifndef ONTIME_COLLECTORS_KAFKA_TOPIC_READER_H_
#define ONTIME_COLLECTORS_KAFKA_TOPIC_READER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace ontime {

struct KafkaRecord {
  int32_t partition = 0;
  int64_t offset = 0;
  std::string_view key;
  std::string_view value;
};

// Calls `on_record` for each record (views valid during the call only).
// `settings` pass through to librdkafka. Fails if the range cannot be read
// completely within `timeout`.
absl::Status ReadTopicRange(const std::string& brokers, const std::string& topic,
                            const std::map<std::string, std::string>& settings,
                            const std::function<void(const KafkaRecord&)>& on_record,
                            absl::Duration timeout = absl::Minutes(10));

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_KAFKA_TOPIC_READER_H_

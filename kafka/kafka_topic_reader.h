// Reads a topic range: every partition of a topic (or one of them), from its
// first offset to the end as it stood when reading began (`ontime replay
// --topic`, and a partition's checkpoint in the state topic). Records come
// partition by partition in offset order, which is all the engine needs: a
// contact's events share a partition, and each partition gets an engine.
#ifndef ONTIME_KAFKA_KAFKA_TOPIC_READER_H_
#define ONTIME_KAFKA_KAFKA_TOPIC_READER_H_

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "kafka/kafka_record.h"

namespace ontime {

// Calls `on_record` for each record (views valid during the call only).
// `settings` are librdkafka properties, bootstrap.servers included. Fails if
// the range cannot be read completely within `timeout`.
absl::Status ReadTopicRange(const std::map<std::string, std::string>& settings,
                            const std::string& topic, std::optional<int32_t> only_partition,
                            const std::function<void(const KafkaRecord&)>& on_record,
                            absl::Duration timeout = absl::Minutes(10));

}  // namespace ontime

#endif  // ONTIME_KAFKA_KAFKA_TOPIC_READER_H_

// Topics ontimed writes to (state, dead letters) exist before it writes:
// created with the settings they need if missing, left alone if present.
#ifndef ONTIME_KAFKA_KAFKA_ADMIN_H_
#define ONTIME_KAFKA_KAFKA_ADMIN_H_

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace ontime {

// How many partitions `topic` has, or -1 if it does not exist.
absl::StatusOr<int> CountPartitions(const std::map<std::string, std::string>& settings,
                                    const std::string& topic, absl::Duration timeout);

// Creates `topic` with `partitions` and the topic configs (e.g.
// cleanup.policy=compact) unless it exists; returns its partition count.
absl::StatusOr<int> EnsureTopic(const std::map<std::string, std::string>& settings,
                                const std::string& topic, int partitions,
                                const std::map<std::string, std::string>& topic_configs,
                                absl::Duration timeout);

}  // namespace ontime

#endif  // ONTIME_KAFKA_KAFKA_ADMIN_H_

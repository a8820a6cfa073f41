// librdkafka configuration from ontime's defaults plus the user's settings,
// which win (so TLS, SASL and tuning pass through with no code change).
#ifndef ONTIME_KAFKA_KAFKA_SETTINGS_H_
#define ONTIME_KAFKA_KAFKA_SETTINGS_H_

#include <librdkafka/rdkafka.h>

#include <map>
#include <string>

#include "absl/status/statusor.h"

namespace ontime {

// Logs a librdkafka error once in a while per error code, with how many
// were not shown: what every client's error callback does.
void LogKafkaError(int err, const char* reason);

// A new rd_kafka_conf_t the caller owns, or which setting librdkafka refused.
// librdkafka's log lines go to spdlog's debug level, its errors through
// LogKafkaError, so each shows once.
absl::StatusOr<rd_kafka_conf_t*> MakeKafkaConf(std::map<std::string, std::string> defaults,
                                               const std::map<std::string, std::string>& settings);

}  // namespace ontime

#endif  // ONTIME_KAFKA_KAFKA_SETTINGS_H_

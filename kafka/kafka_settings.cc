#include "kafka/kafka_settings.h"

#include <spdlog/spdlog.h>

#include "absl/strings/str_cat.h"
#include "kafka/log_limiter.h"

namespace ontime {

namespace {

LogLimiter& KafkaLogLimiter() {
  static LogLimiter limiter;
  return limiter;
}

// librdkafka's own log lines go to debug: each problem worth telling reaches
// us once through the error callback (below, or the consumer's own), and
// would otherwise be printed twice.
void LogKafkaLine(const rd_kafka_t*, int level, const char* facility, const char* message) {
  if (level > 2) {  // syslog levels: 0-2 emergency, alert, critical
    spdlog::debug("librdkafka {}: {}", facility, message);
    return;
  }
  if (uint64_t held; KafkaLogLimiter().Allow(facility, &held)) {
    spdlog::error("librdkafka {}: {}{}", facility, message,
                  held ? absl::StrCat(" (", held, " more like it not shown)") : "");
  }
}

}  // namespace

void LogKafkaError(int err, const char* reason) {
  if (uint64_t held; KafkaLogLimiter().Allow(rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(err)), &held)) {
    spdlog::warn("Kafka: {}{}", reason, held ? absl::StrCat(" (", held, " more like it not shown)") : "");
  }
}

absl::StatusOr<rd_kafka_conf_t*> MakeKafkaConf(std::map<std::string, std::string> defaults,
                                               const std::map<std::string, std::string>& settings) {
  for (const auto& [key, value] : settings) defaults[key] = value;
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char error[512];
  for (const auto& [key, value] : defaults) {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), error, sizeof error) !=
        RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return absl::InvalidArgumentError(absl::StrCat("Kafka setting ", key, ": ", error));
    }
  }
  rd_kafka_conf_set_log_cb(conf, LogKafkaLine);
  // Transient errors (a broker away, a request timed out): librdkafka
  // retries by itself; said once in a while. A consumer sets its own.
  rd_kafka_conf_set_error_cb(conf, [](rd_kafka_t*, int err, const char* reason, void*) { LogKafkaError(err, reason); });
  return conf;
}

}  // namespace ontime

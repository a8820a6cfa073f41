#include "collectors/kafka_settings.h"

#include "absl/strings/str_cat.h"

namespace ontime {

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
  return conf;
}

}  // namespace ontime

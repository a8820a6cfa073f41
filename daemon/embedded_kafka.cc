#include "daemon/embedded_kafka.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include "absl/strings/str_cat.h"

namespace ontime {

absl::StatusOr<std::unique_ptr<EmbeddedKafka>> EmbeddedKafka::Start(int brokers,
                                                                    const std::vector<Topic>& topics) {
  std::unique_ptr<EmbeddedKafka> kafka(new EmbeddedKafka());
  // The cluster lives inside a client handle; a quiet producer hosts it.
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char error[512];
  // The host has no brokers of its own to name; keep it from saying so.
  rd_kafka_conf_set(conf, "log_level", "3", error, sizeof error);
  kafka->host_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  if (kafka->host_ == nullptr) {
    rd_kafka_conf_destroy(conf);
    return absl::InternalError(absl::StrCat("cannot host the embedded Kafka: ", error));
  }
  kafka->cluster_ = rd_kafka_mock_cluster_new(kafka->host_, brokers);
  if (kafka->cluster_ == nullptr) return absl::InternalError("cannot start the embedded Kafka");
  kafka->bootstrap_servers_ = rd_kafka_mock_cluster_bootstraps(kafka->cluster_);
  for (const Topic& topic : topics) {
    const rd_kafka_resp_err_t err =
        rd_kafka_mock_topic_create(kafka->cluster_, topic.name.c_str(), topic.partitions, 1);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return absl::InternalError(absl::StrCat("embedded Kafka: topic ", topic.name, ": ", rd_kafka_err2str(err)));
    }
  }
  return kafka;
}

EmbeddedKafka::~EmbeddedKafka() {
  if (cluster_ != nullptr) rd_kafka_mock_cluster_destroy(cluster_);
  if (host_ != nullptr) rd_kafka_destroy(host_);
}

}  // namespace ontime

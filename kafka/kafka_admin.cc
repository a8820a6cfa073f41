#include "kafka/kafka_admin.h"

#include <librdkafka/rdkafka.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "kafka/kafka_settings.h"

namespace ontime {
namespace {

struct HandleDeleter {
  void operator()(rd_kafka_t* kafka) const { rd_kafka_destroy(kafka); }
};
using Handle = std::unique_ptr<rd_kafka_t, HandleDeleter>;

absl::StatusOr<Handle> NewAdminClient(const std::map<std::string, std::string>& settings) {
  // Asking about a missing topic must not create it with the wrong settings.
  absl::StatusOr<rd_kafka_conf_t*> conf = MakeKafkaConf({{"allow.auto.create.topics", "false"}}, settings);
  if (!conf.ok()) return conf.status();
  char error[512];
  rd_kafka_t* kafka = rd_kafka_new(RD_KAFKA_PRODUCER, *conf, error, sizeof error);
  if (kafka == nullptr) {
    rd_kafka_conf_destroy(*conf);
    return absl::UnavailableError(absl::StrCat("cannot create a Kafka client: ", error));
  }
  return Handle(kafka);
}

int TimeoutMs(absl::Duration timeout) {
  return static_cast<int>(absl::ToInt64Milliseconds(timeout));
}

absl::StatusOr<int> PartitionsOf(rd_kafka_t* kafka, const std::string& topic,
                                 absl::Duration timeout) {
  rd_kafka_topic_t* handle = rd_kafka_topic_new(kafka, topic.c_str(), nullptr);
  const rd_kafka_metadata_t* metadata = nullptr;
  const rd_kafka_resp_err_t err = rd_kafka_metadata(kafka, 0, handle, &metadata, TimeoutMs(timeout));
  rd_kafka_topic_destroy(handle);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return absl::UnavailableError(absl::StrCat("no metadata for ", topic, ": ", rd_kafka_err2str(err)));
  }
  int count = -1;
  if (metadata->topic_cnt == 1 && metadata->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    count = metadata->topics[0].partition_cnt;
  }
  rd_kafka_metadata_destroy(metadata);
  return count;
}

}  // namespace

absl::StatusOr<int> CountPartitions(const std::map<std::string, std::string>& settings,
                                    const std::string& topic, absl::Duration timeout) {
  absl::StatusOr<Handle> kafka = NewAdminClient(settings);
  if (!kafka.ok()) return kafka.status();
  return PartitionsOf(kafka->get(), topic, timeout);
}

absl::StatusOr<int> EnsureTopic(const std::map<std::string, std::string>& settings,
                                const std::string& topic, int partitions,
                                const std::map<std::string, std::string>& topic_configs,
                                absl::Duration timeout) {
  absl::StatusOr<Handle> kafka = NewAdminClient(settings);
  if (!kafka.ok()) return kafka.status();
  absl::StatusOr<int> existing = PartitionsOf(kafka->get(), topic, timeout);
  if (!existing.ok() || *existing > 0) return existing;

  char error[512];
  rd_kafka_NewTopic_t* request =
      rd_kafka_NewTopic_new(topic.c_str(), partitions, -1, error, sizeof error);
  if (request == nullptr) return absl::InvalidArgumentError(absl::StrCat("topic ", topic, ": ", error));
  for (const auto& [name, value] : topic_configs) {
    rd_kafka_NewTopic_set_config(request, name.c_str(), value.c_str());
  }
  rd_kafka_queue_t* queue = rd_kafka_queue_new(kafka->get());
  rd_kafka_AdminOptions_t* options = rd_kafka_AdminOptions_new(kafka->get(), RD_KAFKA_ADMIN_OP_CREATETOPICS);
  rd_kafka_AdminOptions_set_operation_timeout(options, TimeoutMs(timeout), error, sizeof error);
  rd_kafka_CreateTopics(kafka->get(), &request, 1, options, queue);
  rd_kafka_event_t* event = rd_kafka_queue_poll(queue, TimeoutMs(timeout) + 1000);
  absl::Status status;
  if (event == nullptr) {
    status = absl::DeadlineExceededError(absl::StrCat("creating topic ", topic, " timed out"));
  } else if (rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    status = absl::UnavailableError(
        absl::StrCat("creating topic ", topic, ": ", rd_kafka_event_error_string(event)));
  } else {
    size_t count = 0;
    const rd_kafka_topic_result_t** results =
        rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &count);
    for (size_t i = 0; i < count; ++i) {
      const rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
      // Another instance may have created it first.
      if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
        const char* reason = rd_kafka_topic_result_error_string(results[i]);
        status = absl::UnavailableError(
            absl::StrCat("creating topic ", topic, ": ", reason != nullptr ? reason : rd_kafka_err2str(err)));
      }
    }
  }
  if (event != nullptr) rd_kafka_event_destroy(event);
  rd_kafka_AdminOptions_destroy(options);
  rd_kafka_queue_destroy(queue);
  rd_kafka_NewTopic_destroy(request);
  if (!status.ok()) return status;
  // Metadata catches up with a new topic within moments.
  const absl::Time deadline = absl::Now() + timeout;
  for (;;) {
    absl::StatusOr<int> created = PartitionsOf(kafka->get(), topic, timeout);
    if (!created.ok() || *created > 0 || absl::Now() > deadline) {
      if (created.ok() && *created <= 0) {
        return absl::DeadlineExceededError(absl::StrCat("topic ", topic, " was created but is not visible"));
      }
      return created;
    }
    absl::SleepFor(absl::Milliseconds(100));
  }
}

}  // namespace ontime

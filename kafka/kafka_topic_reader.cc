#include "kafka/kafka_topic_reader.h"

#include <librdkafka/rdkafka.h>

#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "kafka/kafka_settings.h"

namespace ontime {
namespace {

struct KafkaDeleter {
  void operator()(rd_kafka_t* kafka) const {
    rd_kafka_consumer_close(kafka);
    rd_kafka_destroy(kafka);
  }
};

}  // namespace

absl::Status ReadTopicRange(const std::map<std::string, std::string>& settings,
                            const std::string& topic, std::optional<int32_t> only_partition,
                            const std::function<void(const KafkaRecord&)>& on_record,
                            absl::Duration timeout) {
  // Reading a range by assignment: no group membership, no committed offsets.
  absl::StatusOr<rd_kafka_conf_t*> made = MakeKafkaConf({{"group.id", "ontime-reader"},
                                                         {"enable.auto.commit", "false"},
                                                         {"enable.auto.offset.store", "false"},
                                                         {"enable.partition.eof", "false"},
                                                         // Read ahead as ontimed's consumer does: a
                                                         // range is read as fast as it arrives.
                                                         {"queued.min.messages", "1000000"},
                                                         {"queued.max.messages.kbytes", "262144"}},
                                                        settings);
  if (!made.ok()) return made.status();
  rd_kafka_conf_t* conf = *made;
  char error[512];
  rd_kafka_t* raw = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error);
  if (raw == nullptr) {
    rd_kafka_conf_destroy(conf);
    return absl::UnavailableError(absl::StrCat("cannot create a Kafka consumer: ", error));
  }
  std::unique_ptr<rd_kafka_t, KafkaDeleter> kafka(raw);
  const absl::Time deadline = absl::Now() + timeout;
  const int wait_ms = 10000;

  // The partitions, and where each one ends now.
  rd_kafka_topic_t* handle = rd_kafka_topic_new(kafka.get(), topic.c_str(), nullptr);
  const rd_kafka_metadata_t* metadata = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(kafka.get(), 0, handle, &metadata, wait_ms);
  rd_kafka_topic_destroy(handle);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return absl::UnavailableError(absl::StrCat("no metadata for ", topic, ": ", rd_kafka_err2str(err)));
  }
  std::vector<int32_t> partitions;
  if (metadata->topic_cnt == 1 && metadata->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    for (int i = 0; i < metadata->topics[0].partition_cnt; ++i) {
      const int32_t id = metadata->topics[0].partitions[i].id;
      if (!only_partition || *only_partition == id) partitions.push_back(id);
    }
  }
  const rd_kafka_resp_err_t topic_err =
      metadata->topic_cnt == 1 ? metadata->topics[0].err : RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART;
  rd_kafka_metadata_destroy(metadata);
  if (partitions.empty()) {
    return absl::NotFoundError(absl::StrCat("topic ", topic, ": ", rd_kafka_err2str(topic_err)));
  }

  std::map<int32_t, int64_t> end;  // partition -> offset one past the last record
  rd_kafka_topic_partition_list_t* assignment = rd_kafka_topic_partition_list_new(
      static_cast<int>(partitions.size()));
  for (int32_t p : partitions) {
    int64_t low = 0, high = 0;
    // A topic just created may not have its leaders yet: ask again, within
    // the deadline, while the answer is one that passes.
    for (;;) {
      err = rd_kafka_query_watermark_offsets(kafka.get(), topic.c_str(), p, &low, &high, wait_ms);
      const bool passes = err == RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION ||
                          err == RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE ||
                          err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || err == RD_KAFKA_RESP_ERR__TRANSPORT ||
                          err == RD_KAFKA_RESP_ERR__TIMED_OUT || err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN;
      if (!passes || absl::Now() > deadline) break;
      absl::SleepFor(absl::Milliseconds(100));
    }
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      rd_kafka_topic_partition_list_destroy(assignment);
      return absl::UnavailableError(absl::StrCat("offsets of ", topic, "/", p, ": ",
                                                 rd_kafka_err2str(err)));
    }
    if (high > low) {
      end[p] = high;
      rd_kafka_topic_partition_list_add(assignment, topic.c_str(), p)->offset = low;
    }
  }
  err = rd_kafka_assign(kafka.get(), assignment);
  rd_kafka_topic_partition_list_destroy(assignment);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return absl::UnavailableError(absl::StrCat("assigning ", topic, ": ", rd_kafka_err2str(err)));
  }

  // In batches from the consumer queue: a poll per record costs more than
  // handing on the record (measured: bench/kafka_figures, statement from
  // the durable history).
  std::unique_ptr<rd_kafka_queue_t, void (*)(rd_kafka_queue_t*)> queue(rd_kafka_queue_get_consumer(kafka.get()),
                                                                         rd_kafka_queue_destroy);
  constexpr size_t kBatch = 1000;
  rd_kafka_message_t* batch[kBatch];
  std::string last_error;
  while (!end.empty()) {
    if (absl::Now() > deadline) {
      return absl::DeadlineExceededError(absl::StrCat(
          "reading ", topic, " did not finish within ", absl::FormatDuration(timeout),
          last_error.empty() ? "" : "; last error: ", last_error));
    }
    const ssize_t n = rd_kafka_consume_batch_queue(queue.get(), 100, batch, kBatch);
    bool fatal = false;
    for (ssize_t i = 0; i < n; ++i) {
      rd_kafka_message_t* message = batch[i];
      if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        // A failed fetch, a broker away, a leader moving: librdkafka retries
        // them by itself, within the deadline. Only a fatal error ends it.
        last_error = rd_kafka_message_errstr(message);
        fatal = fatal || message->err == RD_KAFKA_RESP_ERR__FATAL ||
                message->err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED ||
                message->err == RD_KAFKA_RESP_ERR__AUTHENTICATION;
      } else if (auto it = end.find(message->partition); !fatal && it != end.end() && message->offset < it->second) {
        on_record({topic, message->partition, message->offset,
                   {static_cast<const char*>(message->key), message->key_len},
                   {static_cast<const char*>(message->payload), message->len},
                   rd_kafka_message_timestamp(message, nullptr)});
        if (message->offset + 1 >= it->second) end.erase(it);
      }
      rd_kafka_message_destroy(message);
    }
    if (fatal) return absl::UnavailableError(absl::StrCat("reading ", topic, ": ", last_error));
  }
  return absl::OkStatus();
}

}  // namespace ontime

#include "kafka/kafka_group_consumer.h"

#include <librdkafka/rdkafka.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cstring>

#include <spdlog/spdlog.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "kafka/kafka_settings.h"

namespace ontime {
namespace {

// Records taken per batch call, and per turn of the loop before other work
// (timers, signals) gets a go.
constexpr int kBatchSize = 1000;
constexpr int kRecordsPerTurn = 20000;

}  // namespace

KafkaGroupConsumer::KafkaGroupConsumer(boost::asio::io_context& io,
                                       std::map<std::string, std::string> settings, std::string group,
                                       std::vector<std::string> topics, GroupConsumerCallbacks callbacks)
    : io_(io),
      settings_(std::move(settings)),
      group_(std::move(group)),
      topics_(std::move(topics)),
      callbacks_(std::move(callbacks)) {}

KafkaGroupConsumer::~KafkaGroupConsumer() {
  lifetime_.End();
  if (!closed_ && kafka_ != nullptr) Close();
  if (wake_) wake_->close();
  if (queue_ != nullptr) rd_kafka_queue_destroy(queue_);
  if (kafka_ != nullptr) rd_kafka_destroy(kafka_);
}

absl::Status KafkaGroupConsumer::Start() {
  absl::StatusOr<rd_kafka_conf_t*> made =
      MakeKafkaConf({{"group.id", group_},
                     // Positions come from the checkpoints; commits only inform.
                     {"enable.auto.commit", "false"},
                     {"enable.auto.offset.store", "false"},
                     {"auto.offset.reset", "earliest"},
                     // Only the moved partitions stop on a rebalance.
                     {"partition.assignment.strategy", "cooperative-sticky"},
                     {"statistics.interval.ms", "1000"},
                     // librdkafka 2.0 stops fetching for a whole second once its
                     // queue holds this much; a deep queue keeps the loop fed
                     // (measured: 43 % of a bare consumer's rate with 200k
                     // records and 64 MB, near all of it with these).
                     {"queued.min.messages", "1000000"},
                     {"queued.max.messages.kbytes", "262144"}},
                    settings_);
  if (!made.ok()) return made.status();
  rd_kafka_conf_t* conf = *made;
  rd_kafka_conf_set_opaque(conf, this);
  rd_kafka_conf_set_rebalance_cb(conf, [](rd_kafka_t* k, rd_kafka_resp_err_t err,
                                          rd_kafka_topic_partition_list_t* p, void* o) {
    OnRebalance(k, err, p, o);
  });
  rd_kafka_conf_set_stats_cb(conf, [](rd_kafka_t* k, char* json, size_t n, void* o) {
    return OnStatistics(k, json, n, o);
  });
  rd_kafka_conf_set_error_cb(conf, [](rd_kafka_t* k, int err, const char* reason, void* o) {
    OnError(k, err, reason, o);
  });
  char error[512];
  kafka_ = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error);
  if (kafka_ == nullptr) {
    rd_kafka_conf_destroy(conf);
    return absl::UnavailableError(absl::StrCat("cannot create a Kafka consumer: ", error));
  }
  // Rebalances, errors and statistics come through the consumer queue, so
  // the batch calls serve them on this thread.
  rd_kafka_poll_set_consumer(kafka_);
  queue_ = rd_kafka_queue_get_consumer(kafka_);

  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd_ < 0) return absl::InternalError(absl::StrCat("eventfd: ", std::strerror(errno)));
  wake_ = std::make_unique<boost::asio::posix::stream_descriptor>(io_, wake_fd_);
  static constexpr uint64_t kOne = 1;
  rd_kafka_queue_io_event_enable(queue_, wake_fd_, &kOne, sizeof kOne);

  rd_kafka_topic_partition_list_t* subscription =
      rd_kafka_topic_partition_list_new(static_cast<int>(topics_.size()));
  for (const std::string& topic : topics_) {
    rd_kafka_topic_partition_list_add(subscription, topic.c_str(), RD_KAFKA_PARTITION_UA);
  }
  const rd_kafka_resp_err_t err = rd_kafka_subscribe(kafka_, subscription);
  rd_kafka_topic_partition_list_destroy(subscription);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return absl::UnavailableError(absl::StrCat("subscribing: ", rd_kafka_err2str(err)));
  }
  reading_ = true;
  // Anything queued before the fd was armed is served now.
  boost::asio::post(io_, lifetime_.Guard([this] { Drain(); }));
  return absl::OkStatus();
}

void KafkaGroupConsumer::WaitForRecords() {
  if (!reading_ || closed_) return;
  wake_->async_wait(boost::asio::posix::stream_descriptor::wait_read,
                    [this](const boost::system::error_code& error) {
                      if (error) return;
                      uint64_t count;
                      // Reset the fd; a failed read only means it was already reset.
                      (void)!read(wake_fd_, &count, sizeof count);
                      Drain();
                    });
}

void KafkaGroupConsumer::Drain() {
  if (!reading_ || closed_) return;
  rd_kafka_message_t* messages[kBatchSize];
  int taken = 0;
  for (;;) {
    const ssize_t n = rd_kafka_consume_batch_queue(queue_, 0, messages, kBatchSize);
    if (n <= 0) break;
    ++batches_;
    for (ssize_t i = 0; i < n; ++i) {
      rd_kafka_message_t* m = messages[i];
      if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        ++records_;
        callbacks_.on_record({rd_kafka_topic_name(m->rkt), m->partition, m->offset,
                              {static_cast<const char*>(m->key), m->key_len},
                              {static_cast<const char*>(m->payload), m->len},
                              rd_kafka_message_timestamp(m, nullptr)});
      } else if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        OnError(kafka_, m->err, rd_kafka_message_errstr(m), this);
      }
      rd_kafka_message_destroy(m);
    }
    callbacks_.on_batch_end();
    taken += static_cast<int>(n);
    if (!reading_ || closed_) return;
    if (taken >= kRecordsPerTurn) {
      // More is waiting: let timers and signals in, then carry on.
      boost::asio::post(io_, lifetime_.Guard([this] { Drain(); }));
      return;
    }
  }
  WaitForRecords();
}

void KafkaGroupConsumer::StopReading() { reading_ = false; }

void KafkaGroupConsumer::Seek(const TopicPartition& tp, int64_t offset) {
  if (kafka_ == nullptr || closed_) return;
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(list, tp.topic.c_str(), tp.partition)->offset = offset;
  // 0: asynchronous; an error is per partition, and the check that asked for
  // this seek still holds its records back, so it only says so.
  if (rd_kafka_error_t* error = rd_kafka_seek_partitions(kafka_, list, 0)) {
    LogKafkaError(rd_kafka_error_code(error), rd_kafka_error_string(error));
    rd_kafka_error_destroy(error);
  }
  rd_kafka_topic_partition_list_destroy(list);
}

void KafkaGroupConsumer::Commit(const std::vector<std::pair<TopicPartition, int64_t>>& positions) {
  if (kafka_ == nullptr || closed_ || positions.empty()) return;
  rd_kafka_topic_partition_list_t* list =
      rd_kafka_topic_partition_list_new(static_cast<int>(positions.size()));
  for (const auto& [tp, offset] : positions) {
    rd_kafka_topic_partition_list_add(list, tp.topic.c_str(), tp.partition)->offset = offset;
  }
  rd_kafka_commit(kafka_, list, /*async=*/1);
  rd_kafka_topic_partition_list_destroy(list);
}

absl::StatusOr<std::optional<int64_t>> KafkaGroupConsumer::Committed(const TopicPartition& tp,
                                                                    absl::Duration timeout) {
  if (kafka_ == nullptr || closed_) return absl::FailedPreconditionError("the consumer is not running");
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(list, tp.topic.c_str(), tp.partition);
  const rd_kafka_resp_err_t err =
      rd_kafka_committed(kafka_, list, static_cast<int>(absl::ToInt64Milliseconds(timeout)));
  const int64_t offset = list->elems[0].offset;
  const rd_kafka_resp_err_t partition_err = list->elems[0].err;
  rd_kafka_topic_partition_list_destroy(list);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR || partition_err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return absl::UnavailableError(absl::StrCat("the committed offset of ", tp.topic, "/", tp.partition, ": ",
                                               rd_kafka_err2str(err != RD_KAFKA_RESP_ERR_NO_ERROR ? err : partition_err)));
  }
  if (offset < 0) return std::optional<int64_t>();
  return std::optional<int64_t>(offset);
}

void KafkaGroupConsumer::Close() {
  if (kafka_ == nullptr || closed_) return;
  reading_ = false;
  // Serves the final revocation through OnRebalance, then leaves the group.
  rd_kafka_consumer_close(kafka_);
  closed_ = true;
  health_ = {};
}

void KafkaGroupConsumer::OnRebalance(rd_kafka_s* kafka, int err,
                                     rd_kafka_topic_partition_list_s* partitions, void* opaque) {
  (void)kafka;
  static_cast<KafkaGroupConsumer*>(opaque)->Rebalance(err, partitions);
}

void KafkaGroupConsumer::Rebalance(int err, rd_kafka_topic_partition_list_t* partitions) {
  const bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(kafka_), "COOPERATIVE") == 0;
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    rd_kafka_topic_partition_list_t* accepted = rd_kafka_topic_partition_list_new(partitions->cnt);
    for (int i = 0; i < partitions->cnt; ++i) {
      const rd_kafka_topic_partition_t& p = partitions->elems[i];
      const TopicPartition tp{p.topic, p.partition};
      absl::StatusOr<int64_t> start = callbacks_.on_assigned(tp);
      if (!start.ok()) {
        callbacks_.on_fatal(start.status());
        continue;
      }
      rd_kafka_topic_partition_list_add(accepted, p.topic, p.partition)->offset = *start;
      health_.end_offsets[tp] = -1;
    }
    rd_kafka_error_t* error = nullptr;
    if (cooperative) {
      error = rd_kafka_incremental_assign(kafka_, accepted);
    } else {
      const rd_kafka_resp_err_t e = rd_kafka_assign(kafka_, accepted);
      if (e != RD_KAFKA_RESP_ERR_NO_ERROR) error = rd_kafka_error_new(e, "%s", rd_kafka_err2str(e));
    }
    rd_kafka_topic_partition_list_destroy(accepted);
    if (error != nullptr) {
      callbacks_.on_fatal(absl::UnavailableError(absl::StrCat("assigning partitions: ", rd_kafka_error_string(error))));
      rd_kafka_error_destroy(error);
    }
    return;
  }
  // Revoked, or lost (the group moved on while we were away).
  const bool lost = err != RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS || rd_kafka_assignment_lost(kafka_);
  for (int i = 0; i < partitions->cnt; ++i) {
    const rd_kafka_topic_partition_t& p = partitions->elems[i];
    const TopicPartition tp{p.topic, p.partition};
    callbacks_.on_revoked(tp, lost);
    health_.end_offsets.erase(tp);
  }
  if (cooperative) {
    rd_kafka_error_t* error = rd_kafka_incremental_unassign(kafka_, partitions);
    if (error != nullptr) rd_kafka_error_destroy(error);
  } else {
    rd_kafka_assign(kafka_, nullptr);
  }
}

int KafkaGroupConsumer::OnStatistics(rd_kafka_s* kafka, char* json, size_t length, void* opaque) {
  (void)kafka;
  static_cast<KafkaGroupConsumer*>(opaque)->ReadStatistics(json, length);
  return 0;  // librdkafka frees the JSON
}

void KafkaGroupConsumer::ReadStatistics(const char* json, size_t length) {
  boost::system::error_code error;
  const boost::json::value stats = boost::json::parse({json, length}, error);
  if (error || !stats.is_object()) return;
  const boost::json::object& root = stats.as_object();
  bool up = false;
  if (const auto* brokers = root.if_contains("brokers"); brokers != nullptr && brokers->is_object()) {
    for (const auto& [name, broker] : brokers->as_object()) {
      const auto* state = broker.is_object() ? broker.as_object().if_contains("state") : nullptr;
      const auto* node = broker.is_object() ? broker.as_object().if_contains("nodeid") : nullptr;
      // Real brokers only: the bootstrap entries and the logical
      // coordinator have no node id of their own.
      if (state != nullptr && state->is_string() && state->as_string() == "UP" && node != nullptr &&
          node->is_int64() && node->as_int64() >= 0) {
        up = true;
      }
    }
  }
  health_.broker_up = up;
  bool stable = false;
  if (const auto* group = root.if_contains("cgrp"); group != nullptr && group->is_object()) {
    const auto* state = group->as_object().if_contains("state");
    const auto* join = group->as_object().if_contains("join_state");
    stable = state != nullptr && state->is_string() && state->as_string() == "up" && join != nullptr &&
             join->is_string() && join->as_string() == "steady";
  }
  health_.group_stable = stable && up;
  const auto* topics = root.if_contains("topics");
  if (topics == nullptr || !topics->is_object()) return;
  for (auto& [tp, end] : health_.end_offsets) {
    const auto* topic = topics->as_object().if_contains(tp.topic);
    if (topic == nullptr || !topic->is_object()) continue;
    const auto* partitions = topic->as_object().if_contains("partitions");
    if (partitions == nullptr || !partitions->is_object()) continue;
    const auto* partition = partitions->as_object().if_contains(absl::StrCat(tp.partition));
    if (partition == nullptr || !partition->is_object()) continue;
    // hi_offset, not consumer_lag: the latter counts from the committed
    // offset, and commits here only follow checkpoints.
    const auto* high = partition->as_object().if_contains("hi_offset");
    if (high != nullptr && high->is_int64()) end = high->as_int64();
  }
}

void KafkaGroupConsumer::OnError(rd_kafka_s* kafka, int err, const char* reason, void* opaque) {
  auto* self = static_cast<KafkaGroupConsumer*>(opaque);
  if (err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) self->health_.broker_up = false;
  if (err == RD_KAFKA_RESP_ERR__FATAL) {
    char fatal[512];
    rd_kafka_fatal_error(kafka, fatal, sizeof fatal);
    self->callbacks_.on_fatal(absl::InternalError(absl::StrCat("Kafka: ", fatal)));
    return;
  }
  // Transient (a broker away, a request timed out): librdkafka retries and
  // reconnects by itself.
  LogKafkaError(err, reason);
}

}  // namespace ontime

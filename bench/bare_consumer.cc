// The ceiling for ontimed's consumption: librdkafka's high-level consumer
// with the batch API, in a new group, reading a topic to its end and
// destroying every record unread. Prints records/s from the first record to
// the last.
// Usage: bare_consumer BROKERS TOPIC RECORDS
#include <librdkafka/rdkafka.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: bare_consumer BROKERS TOPIC RECORDS\n");
    return 64;
  }
  const long long expected = std::atoll(argv[3]);
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char error[512];
  const std::string group = "bare-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  for (const auto& [key, value] : {std::pair<const char*, std::string>{"bootstrap.servers", argv[1]},
                                   {"group.id", group},
                                   {"auto.offset.reset", "earliest"},
                                   {"enable.auto.commit", "false"},
                                   // The same queue depth as ontimed's consumer.
                                   {"queued.min.messages", "1000000"},
                                   {"queued.max.messages.kbytes", "262144"}}) {
    if (rd_kafka_conf_set(conf, key, value.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK) {
      std::fprintf(stderr, "%s\n", error);
      return 1;
    }
  }
  rd_kafka_t* kafka = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error);
  if (kafka == nullptr) {
    std::fprintf(stderr, "%s\n", error);
    return 1;
  }
  rd_kafka_poll_set_consumer(kafka);
  rd_kafka_topic_partition_list_t* topics = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(topics, argv[2], RD_KAFKA_PARTITION_UA);
  rd_kafka_subscribe(kafka, topics);
  rd_kafka_topic_partition_list_destroy(topics);
  rd_kafka_queue_t* queue = rd_kafka_queue_get_consumer(kafka);
  rd_kafka_message_t* messages[1000];
  long long seen = 0;
  std::chrono::steady_clock::time_point first;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  while (seen < expected && std::chrono::steady_clock::now() < give_up) {
    const ssize_t n = rd_kafka_consume_batch_queue(queue, 1000, messages, 1000);
    for (ssize_t i = 0; i < n; ++i) {
      if (messages[i]->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (seen++ == 0) first = std::chrono::steady_clock::now();
      }
      rd_kafka_message_destroy(messages[i]);
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - first).count();
  std::printf("records=%lld seconds=%.3f rate=%.0f\n", seen, seconds, static_cast<double>(seen) / seconds);
  rd_kafka_queue_destroy(queue);
  rd_kafka_consumer_close(kafka);
  rd_kafka_destroy(kafka);
  return seen == expected ? 0 : 1;
}

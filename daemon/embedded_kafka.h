// librdkafka's in-process mock cluster, for `bootstrap.servers: embedded`:
// the daemon runs on any machine with no broker. It speaks the Kafka
// protocol on loopback ports, so every client (consumer group, producers,
// the state store) uses it exactly as it would a real cluster. Its data
// lives in memory and ends with the process.
#ifndef ONTIME_DAEMON_EMBEDDED_KAFKA_H_
#define ONTIME_DAEMON_EMBEDDED_KAFKA_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

struct rd_kafka_s;
struct rd_kafka_mock_cluster_s;

namespace ontime {

class EmbeddedKafka {
 public:
  struct Topic {
    std::string name;
    int partitions = 1;
  };

  static absl::StatusOr<std::unique_ptr<EmbeddedKafka>> Start(int brokers, const std::vector<Topic>& topics);
  EmbeddedKafka(const EmbeddedKafka&) = delete;
  EmbeddedKafka& operator=(const EmbeddedKafka&) = delete;
  ~EmbeddedKafka();

  // host:port,... for bootstrap.servers.
  const std::string& bootstrap_servers() const { return bootstrap_servers_; }
  // For fault injection (rdkafka_mock.h).
  rd_kafka_mock_cluster_s* cluster() const { return cluster_; }

 private:
  EmbeddedKafka() = default;

  rd_kafka_s* host_ = nullptr;
  rd_kafka_mock_cluster_s* cluster_ = nullptr;
  std::string bootstrap_servers_;
};

}  // namespace ontime

#endif  // ONTIME_DAEMON_EMBEDDED_KAFKA_H_

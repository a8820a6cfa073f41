// Delivers the alerts topic to one receiver (Alertmanager's API v2, a
// webhook), on a thread and loop of its own so a slow or absent receiver
// never holds up ingestion. What the receiver is owed, and how each request
// looks, is the outbox's (alerts/alert_outbox.h); this is the Kafka and
// HTTP around it.
//
// It is a member of its own consumer group on the alerts topic. On
// assignment it reads the partition from its start into the outbox,
// delivering nothing until it has read up to the group's committed offset:
// records before it reached the receiver before. Then, as records come (and
// every `resend_every`, and when the outbox says held alerts fall due), it
// posts what is owed, and commits past it only once the receiver answered
// 2xx to every request. A failed post is tried again after a backoff (1 s
// doubling to 60 s, with jitter); nothing is dropped while it waits.
#ifndef ONTIME_DAEMON_ALERT_DELIVERER_H_
#define ONTIME_DAEMON_ALERT_DELIVERER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "alerts/alert_outbox.h"
#include "kafka/kafka_group_consumer.h"
#include "kafka/topic_partition.h"
#include "metrics/delivery_counters.h"

namespace ontime {

struct DelivererSettings {
  // "alertmanager", "webhook": in the metrics and the log.
  std::string receiver;
  // Where requests are POSTed (http:// only for now).
  std::string url;
  std::string group;
  // The periodic tick (Alertmanager's re-sends; for others a check).
  absl::Duration resend_every = absl::Minutes(1);
};

class AlertDeliverer {
 public:
  AlertDeliverer(std::map<std::string, std::string> kafka, std::string topic, DelivererSettings settings,
                 std::unique_ptr<AlertOutbox> outbox);
  ~AlertDeliverer();
  AlertDeliverer(const AlertDeliverer&) = delete;
  AlertDeliverer& operator=(const AlertDeliverer&) = delete;

  // Joins the group and starts the thread; an error if the URL is not one.
  absl::Status Start();
  // Leaves the group and joins the thread (a post in flight is abandoned:
  // what it held is not committed, so it goes again next time).
  void Stop();

  // A snapshot, from any thread.
  DeliveryCounters counters() const;

 private:
  struct Target {
    std::string host;
    std::string port;
    std::string path;
  };

  absl::StatusOr<int64_t> OnAssigned(const TopicPartition& tp);
  void OnRevoked(const TopicPartition& tp);
  void OnRecord(const KafkaRecord& record);
  // Posts what is owed (or, with `resend`, the firing alerts too) unless a
  // post is under way or the book is still catching up.
  void Deliver(bool resend);
  void PostNext(std::shared_ptr<std::vector<OutboundRequest>> requests, size_t next);
  void Posted(bool ok, const std::string& why);
  // The next tick: the re-send interval, or sooner when held alerts fall due.
  void ScheduleTick();
  bool CaughtUp() const;
  void Publish();

  std::map<std::string, std::string> kafka_;
  std::string topic_;
  DelivererSettings settings_;
  Target target_;

  boost::asio::io_context io_;
  boost::asio::steady_timer tick_timer_;
  boost::asio::steady_timer retry_timer_;
  std::unique_ptr<KafkaGroupConsumer> consumer_;
  std::thread thread_;

  std::unique_ptr<AlertOutbox> outbox_;
  // Per partition: the committed offset (records before it were delivered),
  // the next offset to read, and the next offset the post in flight covers.
  std::map<TopicPartition, int64_t> deliver_from_;
  std::map<TopicPartition, int64_t> next_read_;
  std::map<TopicPartition, int64_t> in_flight_up_to_;
  bool posting_ = false;
  bool owed_again_ = false;
  absl::Duration backoff_ = absl::Seconds(1);
  std::mt19937_64 jitter_{std::random_device{}()};

  mutable std::mutex counters_mutex_;
  DeliveryCounters counters_;
};

}  // namespace ontime

#endif  // ONTIME_DAEMON_ALERT_DELIVERER_H_

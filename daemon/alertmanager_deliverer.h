// Delivers the alerts topic to Alertmanager (API v2), on a thread and loop
// of its own so a slow or absent Alertmanager never holds up ingestion.
//
// It is a member of its own consumer group (alerts.alertmanager.group) on
// the alerts topic. On assignment it reads the partition from its start
// into an AlertBook (alerts/alert_book.h), delivering nothing until it has
// read up to the group's committed offset: records before it reached
// Alertmanager before. Then, as records come, it posts every firing alert
// and every ending owed, and commits past them only once Alertmanager
// answered 2xx. Every resend_every it posts the firing alerts again, each
// ending 4 intervals ahead (as Prometheus does), so Alertmanager keeps them
// while ontime runs and lets them lapse if it stops for good. A failed post
// is tried again after a backoff (1 s doubling to 60 s, with jitter);
// nothing is dropped while it waits.
#ifndef ONTIME_DAEMON_ALERTMANAGER_DELIVERER_H_
#define ONTIME_DAEMON_ALERTMANAGER_DELIVERER_H_

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
#include "alerts/alert_book.h"
#include "config/alert_settings.h"
#include "kafka/kafka_group_consumer.h"
#include "kafka/topic_partition.h"
#include "metrics/delivery_counters.h"

namespace ontime {

class AlertmanagerDeliverer {
 public:
  AlertmanagerDeliverer(std::map<std::string, std::string> kafka, std::string topic, AlertmanagerSettings settings);
  ~AlertmanagerDeliverer();
  AlertmanagerDeliverer(const AlertmanagerDeliverer&) = delete;
  AlertmanagerDeliverer& operator=(const AlertmanagerDeliverer&) = delete;

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
    std::string path;  // .../api/v2/alerts
  };

  absl::StatusOr<int64_t> OnAssigned(const TopicPartition& tp);
  void OnRevoked(const TopicPartition& tp);
  void OnRecord(const KafkaRecord& record);
  // Posts what is owed (or, with `resend`, the firing alerts too) unless a
  // post is under way or the book is still catching up.
  void Deliver(bool resend);
  void PostNext(std::shared_ptr<std::vector<std::string>> bodies, size_t next);
  void Posted(bool ok, const std::string& why);
  void ScheduleResend();
  bool CaughtUp() const;
  void Publish();

  std::map<std::string, std::string> kafka_;
  std::string topic_;
  AlertmanagerSettings settings_;
  Target target_;

  boost::asio::io_context io_;
  boost::asio::steady_timer resend_timer_;
  boost::asio::steady_timer retry_timer_;
  std::unique_ptr<KafkaGroupConsumer> consumer_;
  std::thread thread_;

  AlertBook book_;
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

#endif  // ONTIME_DAEMON_ALERTMANAGER_DELIVERER_H_

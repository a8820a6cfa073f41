// The embedded simulator's traffic, produced to the contact-events topic as
// simulated time passes (a timer of the daemon's loop), like any outside
// system would: key = contact id, record timestamp = event time.
#ifndef ONTIME_DAEMON_SIMULATED_FEED_H_
#define ONTIME_DAEMON_SIMULATED_FEED_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "config/daemon_settings.h"
#include "daemon/daemon_clock.h"
#include "kafka/kafka_producer.h"
#include "simulator/live_traffic.h"

namespace ontime {

class SimulatedFeed {
 public:
  SimulatedFeed(boost::asio::io_context& io, const DaemonClock* clock, LiveTraffic traffic,
                TopicSettings topic);

  absl::Status Start(const std::map<std::string, std::string>& kafka_settings);
  void Stop();
  int64_t events_sent() const { return sent_; }

 private:
  void Tick();

  boost::asio::steady_timer timer_;
  const DaemonClock* clock_;
  LiveTraffic traffic_;
  TopicSettings topic_;
  KafkaProducer producer_;
  std::vector<SimulatedEvent> due_;
  std::string buffer_;
  int64_t sent_ = 0;
  bool stopped_ = false;
};

}  // namespace ontime

#endif  // ONTIME_DAEMON_SIMULATED_FEED_H_

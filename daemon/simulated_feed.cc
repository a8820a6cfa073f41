#include "daemon/simulated_feed.h"

#include <google/protobuf/util/json_util.h>
#include <spdlog/spdlog.h>

#include <chrono>

namespace ontime {

SimulatedFeed::SimulatedFeed(boost::asio::io_context& io, const DaemonClock* clock, LiveTraffic traffic,
                             TopicSettings topic)
    : timer_(io), clock_(clock), traffic_(std::move(traffic)), topic_(std::move(topic)) {}

absl::Status SimulatedFeed::Start(const std::map<std::string, std::string>& kafka_settings) {
  if (absl::Status s = producer_.Open(kafka_settings); !s.ok()) return s;
  Tick();
  return absl::OkStatus();
}

void SimulatedFeed::Stop() {
  stopped_ = true;
  timer_.cancel();
  (void)producer_.Close(absl::Seconds(5));
}

void SimulatedFeed::Tick() {
  if (stopped_) return;
  due_.clear();
  traffic_.TakeDue(clock_->Now(), &due_);
  for (const SimulatedEvent& e : due_) {
    buffer_.clear();
    if (topic_.format == WireFormat::kJson) {
      (void)google::protobuf::util::MessageToJsonString(e.event, &buffer_, {});
    } else {
      e.event.SerializeToString(&buffer_);
    }
    const absl::Time event_time = absl::FromUnixSeconds(e.event.event_time().seconds()) +
                                  absl::Nanoseconds(e.event.event_time().nanos());
    if (absl::Status s = producer_.Send({.topic = topic_.name, .key = e.event.contact_id(), .value = buffer_, .timestamp = event_time}); !s.ok()) {
      spdlog::warn("simulator: {}", std::string(s.message()));
      break;
    }
    ++sent_;
  }
  producer_.Poll();
  timer_.expires_after(std::chrono::milliseconds(100));
  timer_.async_wait([this](const boost::system::error_code& error) {
    if (!error) Tick();
  });
}

}  // namespace ontime

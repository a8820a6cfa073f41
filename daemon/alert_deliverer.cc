#include "daemon/alert_deliverer.h"

#include <spdlog/spdlog.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace ontime {

namespace beast = boost::beast;
namespace http = boost::beast::http;

namespace {

constexpr absl::Duration kRequestTimeout = absl::Seconds(10);
constexpr absl::Duration kMaxBackoff = absl::Seconds(60);

std::chrono::milliseconds Millis(absl::Duration d) {
  return std::chrono::milliseconds(absl::ToInt64Milliseconds(d));
}

}  // namespace

AlertDeliverer::AlertDeliverer(std::map<std::string, std::string> kafka, std::string topic, DelivererSettings settings,
                               std::unique_ptr<AlertOutbox> outbox)
    : kafka_(std::move(kafka)),
      topic_(std::move(topic)),
      settings_(std::move(settings)),
      tick_timer_(io_),
      retry_timer_(io_),
      outbox_(std::move(outbox)) {
  counters_.receiver = settings_.receiver;
}

AlertDeliverer::~AlertDeliverer() { Stop(); }

absl::Status AlertDeliverer::Start() {
  std::string_view rest = settings_.url;
  if (!rest.starts_with("http://")) {
    // TLS: not yet (a reverse proxy on 127.0.0.1 can add it).
    return absl::InvalidArgumentError(
        absl::StrCat("the ", settings_.receiver, " url ", settings_.url, ": only http:// is supported for now"));
  }
  rest.remove_prefix(std::string_view("http://").size());
  const size_t slash = rest.find('/');
  std::string host_port(rest.substr(0, slash));
  std::string path(slash == std::string_view::npos ? "/" : rest.substr(slash));
  const size_t colon = host_port.rfind(':');
  target_.host = colon == std::string::npos ? host_port : host_port.substr(0, colon);
  target_.port = colon == std::string::npos ? "80" : host_port.substr(colon + 1);
  target_.path = path;

  GroupConsumerCallbacks callbacks;
  callbacks.on_assigned = [this](const TopicPartition& tp) { return OnAssigned(tp); };
  callbacks.on_revoked = [this](const TopicPartition& tp, bool) { OnRevoked(tp); };
  callbacks.on_record = [this](const KafkaRecord& record) { OnRecord(record); };
  callbacks.on_batch_end = [this] {
    Deliver(/*resend=*/false);
    Publish();
  };
  callbacks.on_fatal = [receiver = settings_.receiver](const absl::Status& status) {
    spdlog::error("alert deliverer ({}): {}", receiver, std::string(status.message()));
  };
  consumer_ = std::make_unique<KafkaGroupConsumer>(io_, kafka_, settings_.group, std::vector<std::string>{topic_},
                                                   std::move(callbacks));
  if (absl::Status s = consumer_->Start(); !s.ok()) return s;
  ScheduleTick();
  thread_ = std::thread([this] { io_.run(); });
  spdlog::info("delivering {} to {} at {} (group {})", topic_, settings_.receiver, settings_.url, settings_.group);
  return absl::OkStatus();
}

void AlertDeliverer::Stop() {
  if (!thread_.joinable()) return;
  boost::asio::post(io_, [this] {
    tick_timer_.cancel();
    retry_timer_.cancel();
    consumer_->Close();
    io_.stop();
  });
  thread_.join();
}

DeliveryCounters AlertDeliverer::counters() const {
  std::lock_guard<std::mutex> lock(counters_mutex_);
  return counters_;
}

void AlertDeliverer::Publish() {
  std::lock_guard<std::mutex> lock(counters_mutex_);
  counters_.firing = outbox_->firing();
  counters_.undelivered = outbox_->undelivered();
  counters_.oldest_undelivered = outbox_->oldest_undelivered();
}

absl::StatusOr<int64_t> AlertDeliverer::OnAssigned(const TopicPartition& tp) {
  absl::StatusOr<std::optional<int64_t>> committed = consumer_->Committed(tp, absl::Seconds(30));
  if (!committed.ok()) return committed.status();
  deliver_from_[tp] = committed->value_or(0);
  next_read_[tp] = 0;
  // From the start: the firing alerts before the committed offset are
  // still owed their re-sends.
  return kOffsetBeginning;
}

void AlertDeliverer::OnRevoked(const TopicPartition& tp) {
  deliver_from_.erase(tp);
  next_read_.erase(tp);
  in_flight_up_to_.erase(tp);
}

void AlertDeliverer::OnRecord(const KafkaRecord& record) {
  const TopicPartition tp{std::string(record.topic), record.partition};
  auto from = deliver_from_.find(tp);
  if (from == deliver_from_.end()) return;
  next_read_[tp] = record.offset + 1;
  // A tombstone: the identity ended (its ending came before) and compaction
  // may now remove it.
  if (record.value.empty()) return;
  v1::Alert alert;
  if (!alert.ParseFromArray(record.value.data(), static_cast<int>(record.value.size())) || alert.identity().empty()) {
    std::lock_guard<std::mutex> lock(counters_mutex_);
    ++counters_.unreadable;
    return;
  }
  outbox_->Apply(alert, {record.partition, record.offset}, /*deliver=*/record.offset >= from->second, absl::Now());
}

bool AlertDeliverer::CaughtUp() const {
  for (const auto& [tp, from] : deliver_from_) {
    auto it = next_read_.find(tp);
    if (it == next_read_.end() || it->second < from) return false;
  }
  return true;
}

void AlertDeliverer::ScheduleTick() {
  const absl::Time now = absl::Now();
  // Held alerts falling due are sent at their time (plus a millisecond, so
  // the outbox sees them due), re-sends at the interval.
  const absl::Duration wait =
      std::min(settings_.resend_every, outbox_->NextDue(now) - now + absl::Milliseconds(1));
  tick_timer_.expires_after(Millis(std::max(wait, absl::Milliseconds(1))));
  tick_timer_.async_wait([this](const boost::system::error_code& error) {
    if (error) return;
    Deliver(/*resend=*/true);
    Publish();
    ScheduleTick();
  });
}

void AlertDeliverer::Deliver(bool resend) {
  if (posting_) {
    owed_again_ = true;
    return;
  }
  if (deliver_from_.empty() || !CaughtUp()) return;
  auto requests = std::make_shared<std::vector<OutboundRequest>>(outbox_->TakeRequests(absl::Now(), resend));
  // Nothing due now (held alerts wait for their opening).
  if (requests->empty()) return;
  in_flight_up_to_ = next_read_;
  posting_ = true;
  owed_again_ = false;
  PostNext(std::move(requests), 0);
}

void AlertDeliverer::PostNext(std::shared_ptr<std::vector<OutboundRequest>> requests, size_t next) {
  if (next == requests->size()) {
    Posted(true, "");
    return;
  }
  struct Exchange {
    explicit Exchange(boost::asio::io_context& io) : resolver(io), stream(io) {}
    boost::asio::ip::tcp::resolver resolver;
    beast::tcp_stream stream;
    http::request<http::string_body> request;
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
  };
  auto x = std::make_shared<Exchange>(io_);
  x->request = http::request<http::string_body>(http::verb::post, target_.path, 11);
  x->request.set(http::field::host, target_.host + ":" + target_.port);
  x->request.set(http::field::content_type, "application/json");
  x->request.set(http::field::user_agent, "ontimed");
  for (const auto& [name, value] : (*requests)[next].headers) x->request.set(name, value);
  x->request.body() = (*requests)[next].body;
  x->request.prepare_payload();
  auto fail = [this](const std::string& why) { Posted(false, why); };
  x->resolver.async_resolve(
      target_.host, target_.port,
      [this, x, requests, next, fail](const boost::system::error_code& error,
                                    boost::asio::ip::tcp::resolver::results_type results) {
        if (error) return fail(absl::StrCat("resolving ", target_.host, ": ", error.message()));
        x->stream.expires_after(Millis(kRequestTimeout));
        x->stream.async_connect(results, [this, x, requests, next, fail](const boost::system::error_code& e1,
                                                                       const boost::asio::ip::tcp::endpoint&) {
          if (e1) return fail(absl::StrCat("connecting: ", e1.message()));
          http::async_write(x->stream, x->request, [this, x, requests, next, fail](const boost::system::error_code& e2,
                                                                                 size_t) {
            if (e2) return fail(absl::StrCat("sending: ", e2.message()));
            http::async_read(x->stream, x->buffer, x->response,
                             [this, x, requests, next, fail](const boost::system::error_code& e3, size_t) {
                               if (e3) return fail(absl::StrCat("reading the answer: ", e3.message()));
                               beast::error_code ignored;
                               x->stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
                               const unsigned status = x->response.result_int();
                               if (status < 200 || status >= 300) {
                                 return fail(absl::StrCat("the receiver answered ", status, ": ",
                                                          x->response.body().substr(0, 200)));
                               }
                               PostNext(requests, next + 1);
                             });
          });
        });
      });
}

void AlertDeliverer::Posted(bool ok, const std::string& why) {
  posting_ = false;
  if (ok) {
    outbox_->Delivered();
    std::vector<std::pair<TopicPartition, int64_t>> positions;
    for (const auto& [tp, read_up_to] : in_flight_up_to_) {
      // Never past a record still owed (held for opening hours, or beyond
      // one round): after a crash it must be read as owed again.
      const int64_t offset = std::min(read_up_to, outbox_->LowestOwed(tp.partition).value_or(read_up_to));
      // Only partitions still ours, and only forward.
      auto from = deliver_from_.find(tp);
      if (from == deliver_from_.end() || offset <= from->second) continue;
      from->second = offset;
      positions.emplace_back(tp, offset);
    }
    consumer_->Commit(positions);
    backoff_ = absl::Seconds(1);
    {
      std::lock_guard<std::mutex> lock(counters_mutex_);
      ++counters_.deliveries;
    }
    Publish();
    if (owed_again_) Deliver(/*resend=*/false);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(counters_mutex_);
    ++counters_.failures;
  }
  // Full jitter over [backoff/2, backoff]: deliverers restarted together do
  // not retry in step.
  std::uniform_int_distribution<int64_t> spread(absl::ToInt64Milliseconds(backoff_) / 2,
                                                absl::ToInt64Milliseconds(backoff_));
  const absl::Duration wait = absl::Milliseconds(spread(jitter_));
  spdlog::warn("alerts not delivered to {} ({}); trying again in {}", settings_.receiver, why,
               absl::FormatDuration(wait));
  backoff_ = std::min(backoff_ * 2, kMaxBackoff);
  retry_timer_.expires_after(Millis(wait));
  retry_timer_.async_wait([this](const boost::system::error_code& error) {
    if (error) return;
    Deliver(/*resend=*/true);
    Publish();
  });
}

}  // namespace ontime

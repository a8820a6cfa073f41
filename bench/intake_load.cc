// Load for the HTTP intake, and its ceiling:
//   intake_load http URL TOKEN CONNECTIONS BATCHES
//     CONNECTIONS keep-alive connections, each posting BATCHES lists of 100
//     events (ids unique to the run) one after another, each answered only
//     once the broker has it; prints events/s acknowledged.
//   intake_load bare BROKERS TOPIC EVENTS
//     the same events, one record each, through a bare librdkafka producer
//     with ontime's settings (acks=all, idempotent), every delivery awaited;
//     prints events/s: what the broker takes without HTTP or ontimed.
#include <librdkafka/rdkafka.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

constexpr int kBatch = 100;

std::string EventJson(const std::string& id, const std::string& time) {
  return "{\"eventId\":\"" + id + "\",\"contactId\":\"c-" + id +
         "\",\"type\":\"EVENT_TYPE_RECEIVED\",\"eventTime\":\"" + time +
         "\",\"channel\":\"CHANNEL_EMAIL\",\"contactType\":\"enquiry\",\"service\":\"housing\",\"site\":\"town-hall\"}";
}

std::string Now() {
  char text[32];
  const std::time_t t = std::time(nullptr);
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return text;
}

int Http(const std::string& url, const std::string& token, int connections, int batches) {
  // http://HOST:PORT/PATH
  const size_t host_at = url.find("://") + 3;
  const size_t port_at = url.find(':', host_at);
  const size_t path_at = url.find('/', port_at);
  const std::string host = url.substr(host_at, port_at - host_at);
  const std::string port = url.substr(port_at + 1, path_at - port_at - 1);
  const std::string path = url.substr(path_at);
  const std::string run = std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  const std::string time = Now();
  std::vector<std::vector<std::string>> bodies(static_cast<size_t>(connections));
  for (int c = 0; c < connections; ++c) {
    for (int b = 0; b < batches; ++b) {
      std::string body = "[";
      for (int i = 0; i < kBatch; ++i) {
        if (i) body += ",";
        body += EventJson(run + "-" + std::to_string(c) + "-" + std::to_string(b) + "-" + std::to_string(i), time);
      }
      bodies[static_cast<size_t>(c)].push_back(body + "]");
    }
  }
  std::atomic<long long> acknowledged = 0, retried = 0, failed = 0;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&, c] {
      boost::asio::io_context io;
      tcp::resolver resolver(io);
      beast::tcp_stream stream(io);
      stream.connect(resolver.resolve(host, port));
      beast::flat_buffer buffer;
      for (const std::string& body : bodies[static_cast<size_t>(c)]) {
        for (;;) {
          http::request<http::string_body> request(http::verb::post, path, 11);
          request.set(http::field::host, host);
          request.set(http::field::authorization, "Bearer " + token);
          request.set(http::field::content_type, "application/json");
          request.keep_alive(true);
          request.body() = body;
          request.prepare_payload();
          http::write(stream, request);
          http::response<http::string_body> response;
          http::read(stream, buffer, response);
          if (response.result_int() == 200) {
            acknowledged += kBatch;
            break;
          }
          if (response.result_int() == 429 || response.result_int() == 503) {
            ++retried;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            continue;
          }
          ++failed;
          break;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("events=%lld seconds=%.3f rate=%.0f retried=%lld failed=%lld\n", acknowledged.load(), seconds,
              static_cast<double>(acknowledged.load()) / seconds, retried.load(), failed.load());
  return failed.load() == 0 ? 0 : 1;
}

std::atomic<long long> delivered = 0, undelivered = 0;

void OnDelivery(rd_kafka_t*, const rd_kafka_message_t* message, void*) {
  (message->err == RD_KAFKA_RESP_ERR_NO_ERROR ? delivered : undelivered)++;
}

int Bare(const std::string& brokers, const std::string& topic, long long events) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char error[512];
  for (const auto& [key, value] : {std::pair<const char*, std::string>{"bootstrap.servers", brokers},
                                   {"acks", "all"},
                                   {"enable.idempotence", "true"},
                                   {"linger.ms", "5"}}) {
    if (rd_kafka_conf_set(conf, key, value.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK) {
      std::fprintf(stderr, "%s\n", error);
      return 1;
    }
  }
  rd_kafka_conf_set_dr_msg_cb(conf, OnDelivery);
  rd_kafka_t* kafka = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  if (kafka == nullptr) {
    std::fprintf(stderr, "%s\n", error);
    return 1;
  }
  const std::string run = std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  const std::string time = Now();
  std::vector<std::string> values;
  values.reserve(static_cast<size_t>(events));
  for (long long i = 0; i < events; ++i) values.push_back(EventJson(run + "-" + std::to_string(i), time));
  rd_kafka_topic_t* handle = rd_kafka_topic_new(kafka, topic.c_str(), nullptr);
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& value : values) {
    const std::string key = "c-" + value.substr(12, value.find('"', 12) - 12);
    while (rd_kafka_produce(handle, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY, const_cast<char*>(value.data()),
                            value.size(), key.data(), key.size(), nullptr) == -1 &&
           rd_kafka_last_error() == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      rd_kafka_poll(kafka, 10);
    }
    rd_kafka_poll(kafka, 0);
  }
  rd_kafka_flush(kafka, 120000);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("events=%lld seconds=%.3f rate=%.0f undelivered=%lld\n", delivered.load(), seconds,
              static_cast<double>(delivered.load()) / seconds, undelivered.load());
  rd_kafka_topic_destroy(handle);
  rd_kafka_destroy(kafka);
  return undelivered.load() == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "http" && argc == 6) return Http(argv[2], argv[3], std::atoi(argv[4]), std::atoi(argv[5]));
  if (mode == "bare" && argc == 5) return Bare(argv[2], argv[3], std::atoll(argv[4]));
  std::fprintf(stderr,
               "usage: intake_load http URL TOKEN CONNECTIONS BATCHES | intake_load bare BROKERS TOPIC EVENTS\n");
  return 64;
}

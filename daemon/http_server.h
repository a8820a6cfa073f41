// The daemon's HTTP endpoint (Boost.Beast) on a thread of its own, so a
// scrape never waits for the event loop nor the loop for a scrape: the
// handler reads only what the loop has published. Optional HTTPS and basic
// auth.
//
// It must outlive anything a client can do to it: an accept error (out of
// descriptors) is logged, counted and retried after a short backoff; past
// max_connections a connection is refused with 503 instead of exhausting
// descriptors; over-long headers get 431, over-long bodies 413; a HEAD gets
// the headers of a GET without its body; failed logins are answered slowly
// and, past a few a minute from one address, with 429 unchecked.
#ifndef ONTIME_DAEMON_HTTP_SERVER_H_
#define ONTIME_DAEMON_HTTP_SERVER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "absl/status/status.h"
#include "config/daemon_settings.h"
#include "metrics/http_counters.h"

namespace ontime {

struct HttpReply {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

// A POST to a route (HTTP intake): its body and what authenticates it.
struct HttpPost {
  std::string_view body;
  std::string_view authorization;
  std::string_view signature;  // the route's signature header
  std::string_view peer;
};
struct HttpPostReply {
  int status = 200;
  std::string content_type;
  std::string body;
  // Seconds, for 429 and 503; empty: no Retry-After header.
  std::string retry_after;
};
// Answers a POST, at once or later, from any thread; exactly once.
using HttpRespond = std::function<void(HttpPostReply)>;
using HttpPostHandler = std::function<void(const HttpPost& post, HttpRespond respond)>;
struct HttpPostRoute {
  std::string path;
  uint64_t max_body_bytes = 64 * 1024;
  std::string signature_header;
  HttpPostHandler handler;
};


// Called on the server's thread with the request's path and Accept header.
using HttpHandler = std::function<HttpReply(std::string_view path, std::string_view accept)>;

// Since start; read from any thread.
class HttpServer {
 public:
  HttpServer(const DaemonRunSettings& settings, HttpHandler handler);
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  ~HttpServer();

  // Before Start: POSTs to route.path go to its handler. Basic auth does
  // not apply to them: the route authenticates its own posts.
  void AddPostRoute(HttpPostRoute route);
  // Binds (so a taken port is an error now, not later) and starts serving.
  absl::Status Start();
  void Stop();
  // The bound address, e.g. http://127.0.0.1:9464.
  std::string url() const;
  HttpServerCounters counters() const;
  // New basic-auth settings (a SIGHUP), in force for the next request.
  void SetBasicAuth(const DaemonRunSettings& settings);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace ontime

#endif  // ONTIME_DAEMON_HTTP_SERVER_H_

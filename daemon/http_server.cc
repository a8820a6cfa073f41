#include "daemon/http_server.h"

#include <crypt.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "intake/intake_auth.h"

namespace ontime {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Requests are GETs of a few hundred bytes; the limits leave room for long
// cookies and proxies' headers without letting a client hold megabytes.
constexpr size_t kHeaderLimit = 16 * 1024;
constexpr uint64_t kBodyLimit = 64 * 1024;
// Responses this big or bigger are compressed when the client accepts gzip.
constexpr size_t kCompressFrom = 1024;
// Failed logins: each answered after this delay; past this many a minute
// from one address, answered 429 without checking the password.
constexpr auto kFailedLoginDelay = std::chrono::milliseconds(500);
constexpr int kFailedLoginsPerMinute = 10;
// Accept errors (out of descriptors): retried after a backoff that doubles
// up to the ceiling, logged at most once per interval.
constexpr auto kFirstAcceptBackoff = std::chrono::milliseconds(10);
constexpr auto kMaxAcceptBackoff = std::chrono::seconds(1);
constexpr absl::Duration kAcceptLogInterval = absl::Seconds(10);
// Descriptors kept for Kafka's sockets, files and the rest of the daemon.
constexpr int kReservedDescriptors = 128;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool SameIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return absl::ascii_tolower(x) == absl::ascii_tolower(y); });
}

// "gzip" among the codings the client accepts, with a q-value above 0.
bool AcceptsGzip(std::string_view accept_encoding) {
  while (!accept_encoding.empty()) {
    const size_t comma = accept_encoding.find(',');
    std::string_view part = Trim(accept_encoding.substr(0, comma));
    accept_encoding = comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    const size_t semicolon = part.find(';');
    const std::string_view coding = Trim(part.substr(0, semicolon));
    if (!SameIgnoringCase(coding, "gzip") && coding != "*") continue;
    if (semicolon == std::string_view::npos) return true;
    std::string_view q = Trim(part.substr(semicolon + 1));
    // q=0, q=0.0, q=0.000: refused; any other weight accepts.
    if (q.size() >= 3 && SameIgnoringCase(q.substr(0, 2), "q=")) {
      q.remove_prefix(2);
      return q.find_first_not_of("0.") != std::string_view::npos;
    }
    return true;
  }
  return false;
}

std::optional<std::string> Gzip(std::string_view text) {
  z_stream stream{};
  // 15 window bits + 16: a gzip wrapper; level 1, for a scrape is CPU on
  // the HTTP thread and metrics text compresses well at any level.
  if (deflateInit2(&stream, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out(deflateBound(&stream, text.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) return std::nullopt;
  return out;
}

struct BasicAuth {
  std::string user;
  std::string bcrypt;
  std::string sha256;
  bool enabled() const { return !user.empty(); }
};

BasicAuth AuthOf(const DaemonRunSettings& settings) {
  return {settings.basic_auth_user, settings.basic_auth_password_bcrypt, settings.basic_auth_password_sha256};
}

}  // namespace

struct HttpServer::Impl {
  DaemonRunSettings settings;
  HttpHandler handler;
  std::vector<HttpPostRoute> post_routes;
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  asio::steady_timer accept_retry{io};
  std::chrono::milliseconds accept_backoff = kFirstAcceptBackoff;
  absl::Time last_accept_log = absl::InfinitePast();
  uint64_t accept_errors_unlogged = 0;
  std::unique_ptr<asio::ssl::context> tls;
  std::thread thread;
  int max_connections = 0;

  std::atomic<uint64_t> accept_errors{0};
  std::atomic<uint64_t> refused_connections{0};
  std::atomic<uint64_t> bad_requests{0};
  std::atomic<uint64_t> auth_failures{0};
  std::atomic<uint64_t> open_connections{0};

  // Basic auth: replaced by SIGHUP from the loop's thread, read here.
  mutable std::mutex auth_mutex;
  std::shared_ptr<const BasicAuth> auth;
  // HTTP thread only: credentials already checked against `auth` (bcrypt
  // is slow on purpose, and Prometheus sends the same header every scrape);
  // recent failures per client address.
  std::shared_ptr<const BasicAuth> verified_for;
  std::deque<std::string> verified;
  struct Failures {
    absl::Time since;
    int count = 0;
  };
  std::map<std::string, Failures> failures;
  crypt_data bcrypt_work{};

  std::shared_ptr<const BasicAuth> CurrentAuth() const {
    std::lock_guard<std::mutex> lock(auth_mutex);
    return auth;
  }

  enum class Login { kAllowed, kDenied, kTooMany };

  Login CheckLogin(std::string_view authorization, const std::string& peer) {
    const std::shared_ptr<const BasicAuth> current = CurrentAuth();
    if (!current->enabled()) return Login::kAllowed;
    const absl::Time now = absl::Now();
    Failures& recent = failures[peer];
    if (now - recent.since > absl::Minutes(1)) recent = {now, 0};
    if (recent.count >= kFailedLoginsPerMinute) return Login::kTooMany;
    if (Verify(*current, current, authorization)) {
      failures.erase(peer);
      return Login::kAllowed;
    }
    ++recent.count;
    ++auth_failures;
    // Bounded: an address that keeps failing is remembered, the rest may go.
    if (failures.size() > 4096) std::erase_if(failures, [&](const auto& f) { return now - f.second.since > absl::Minutes(1); });
    return Login::kDenied;
  }

  bool Verify(const BasicAuth& current, const std::shared_ptr<const BasicAuth>& version,
              std::string_view authorization) {
    // RFC 7617: the scheme is case-insensitive; one or more spaces follow.
    if (authorization.size() < 6 || !SameIgnoringCase(authorization.substr(0, 6), "basic ")) return false;
    authorization = Trim(authorization.substr(6));
    if (verified_for != version) {
      verified.clear();
      verified_for = version;
    }
    const std::string key = Sha256Hex(authorization);
    if (std::find(verified.begin(), verified.end(), key) != verified.end()) return true;
    std::string decoded(beast::detail::base64::decoded_size(authorization.size()), '\0');
    decoded.resize(beast::detail::base64::decode(decoded.data(), authorization.data(), authorization.size()).first);
    const size_t colon = decoded.find(':');
    if (colon == std::string::npos) return false;
    const std::string password = decoded.substr(colon + 1);
    const bool user = ConstantTimeEquals(decoded.substr(0, colon), current.user);
    bool good_password = false;
    if (!current.bcrypt.empty()) {
      const char* hashed = crypt_r(password.c_str(), current.bcrypt.c_str(), &bcrypt_work);
      good_password = hashed != nullptr && ConstantTimeEquals(hashed, current.bcrypt);
    } else {
      good_password = ConstantTimeEquals(Sha256Hex(password), current.sha256);
    }
    if (!user || !good_password) return false;
    verified.push_back(key);
    if (verified.size() > 16) verified.pop_front();
    return true;
  }

  using Response = http::response<http::string_body>;

  const HttpPostRoute* PostRoute(const http::request_header<>& request) const {
    if (request.method() != http::verb::post) return nullptr;
    std::string_view target = request.target();
    target = target.substr(0, target.find('?'));
    for (const HttpPostRoute& route : post_routes) {
      if (route.path == target) return &route;
    }
    return nullptr;
  }

  Response Reply(const http::request<http::string_body>& request, HttpPostReply reply) {
    Response response = Plain(request, static_cast<http::status>(reply.status), std::move(reply.body));
    response.set(http::field::content_type, reply.content_type);
    if (!reply.retry_after.empty()) response.set(http::field::retry_after, reply.retry_after);
    response.prepare_payload();
    return response;
  }

  Response Plain(const http::request<http::string_body>& request, http::status status, std::string body) {
    Response response;
    response.version(request.version());
    response.keep_alive(request.keep_alive());
    response.set(http::field::server, "ontimed");
    response.result(status);
    response.set(http::field::content_type, "text/plain; charset=utf-8");
    response.body() = std::move(body);
    return response;
  }

  Response Respond(const http::request<http::string_body>& request, Login login) {
    Response response;
    if (login == Login::kTooMany) {
      response = Plain(request, http::status::too_many_requests, "too many failed logins; try again in a minute\n");
      response.set(http::field::retry_after, "60");
    } else if (login == Login::kDenied) {
      response = Plain(request, http::status::unauthorized, "unauthorized\n");
      response.set(http::field::www_authenticate, "Basic realm=\"ontimed\", charset=\"UTF-8\"");
    } else if (request.method() != http::verb::get && request.method() != http::verb::head) {
      response = Plain(request, http::status::method_not_allowed,
                       post_routes.empty() ? "GET or HEAD only\n" : "GET or HEAD only (POST to the intake's path)\n");
      response.set(http::field::allow, "GET, HEAD");
    } else {
      std::string_view target = request.target();
      target = target.substr(0, target.find('?'));
      HttpReply reply = handler(target, request[http::field::accept]);
      response = Plain(request, static_cast<http::status>(reply.status), std::move(reply.body));
      response.set(http::field::content_type, reply.content_type);
      response.set(http::field::vary, "Accept, Accept-Encoding");
      if (response.body().size() >= kCompressFrom && AcceptsGzip(request[http::field::accept_encoding])) {
        if (std::optional<std::string> zipped = Gzip(response.body())) {
          response.body() = std::move(*zipped);
          response.set(http::field::content_encoding, "gzip");
        }
      }
    }
    response.prepare_payload();
    // HEAD: the headers a GET would get, Content-Length included, and no
    // body, or a keep-alive client reads the body as the next response.
    if (request.method() == http::verb::head) response.body().clear();
    return response;
  }

  void Accept();
  void AcceptFailed(const beast::error_code& error);
  void Refuse(tcp::socket socket);
};

namespace {

// One connection, asynchronous, each read and write bounded by a timeout, so
// a client that connects and says nothing holds only its own connection.
template <typename Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  template <typename... TlsContext>
  Session(HttpServer::Impl* server, tcp::socket socket, TlsContext&... tls)
      : server_(server), stream_(std::move(socket), tls...), delay_(stream_.get_executor()) {
    ++server_->open_connections;
    beast::error_code error;
    const tcp::endpoint peer = beast::get_lowest_layer(stream_).socket().remote_endpoint(error);
    peer_ = error ? "unknown" : peer.address().to_string();
  }
  ~Session() { --server_->open_connections; }

  void Start() {
    if constexpr (kTls) {
      Expire();
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code error) {
                                if (!error) self->Read();
                              });
    } else {
      Read();
    }
  }

 private:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  void Expire() { beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(10)); }

  void Read() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(kBodyLimit);
    Expire();
    // The header first: a POST to the intake may carry a bigger body.
    http::async_read_header(stream_, buffer_, *parser_, [self = this->shared_from_this()](beast::error_code error, size_t) {
      if (self->Failed(error)) return;
      if (const HttpPostRoute* route = self->server_->PostRoute(self->parser_->get())) {
        self->parser_->body_limit(route->max_body_bytes);
      }
      http::async_read(self->stream_, self->buffer_, *self->parser_, [self](beast::error_code body_error, size_t) {
        if (!self->Failed(body_error)) self->Answer();
      });
    });
  }

  // A read that went wrong: answered (a limit, a bad target) or closed.
  bool Failed(const beast::error_code& error) {
    if (!error) return false;
    if (error == http::error::header_limit) {
      Reject(http::status::request_header_fields_too_large);
    } else if (error == http::error::body_limit) {
      Reject(http::status::payload_too_large);
    } else if (error.category() == http::make_error_code(http::error::bad_target).category() &&
               error != http::error::end_of_stream) {
      Reject(http::status::bad_request);
    } else {
      Close();
    }
    return true;
  }

  void Answer() {
    const http::request<http::string_body>& request = parser_->get();
    if (const HttpPostRoute* route = server_->PostRoute(request)) return Post(*route, request);
    const HttpServer::Impl::Login login = server_->CheckLogin(request[http::field::authorization], peer_);
    response_ = server_->Respond(request, login);
    if (login != HttpServer::Impl::Login::kDenied) return Write();
    // A wrong password is answered slowly, so guessing is slow too.
    delay_.expires_after(kFailedLoginDelay);
    delay_.async_wait([self = this->shared_from_this()](beast::error_code) { self->Write(); });
  }

  // The route answers when it can (the intake: once the broker has the
  // events), from any thread: the answer is written on this session's strand.
  void Post(const HttpPostRoute& route, const http::request<http::string_body>& request) {
    const HttpPost post{.body = request.body(),
                        .authorization = request[http::field::authorization],
                        .signature = route.signature_header.empty()
                                         ? std::string_view()
                                         : std::string_view(request[route.signature_header]),
                        .peer = peer_};
    route.handler(post, [self = this->shared_from_this()](HttpPostReply reply) {
      asio::post(self->stream_.get_executor(), [self, reply = std::move(reply)]() mutable {
        self->response_ = self->server_->Reply(self->parser_->get(), std::move(reply));
        self->Write();
      });
    });
  }

  // A request that broke a limit or the protocol: said, then closed, for the
  // rest of the stream cannot be trusted to start a request.
  void Reject(http::status status) {
    ++server_->bad_requests;
    response_ = {};
    response_.version(11);
    response_.result(status);
    response_.set(http::field::server, "ontimed");
    response_.set(http::field::content_type, "text/plain; charset=utf-8");
    response_.body() = status == http::status::request_header_fields_too_large ? "request headers too large\n"
                       : status == http::status::payload_too_large           ? "request body too large\n"
                                                                              : "bad request\n";
    response_.keep_alive(false);
    response_.prepare_payload();
    Write();
  }

  void Write() {
    Expire();
    http::async_write(stream_, response_, [self = this->shared_from_this()](beast::error_code error, size_t) {
      if (error || !self->response_.keep_alive()) return self->Close();
      self->Read();
    });
  }

  void Close() {
    if constexpr (kTls) {
      Expire();
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
    } else {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    }
  }

  HttpServer::Impl* server_;
  Stream stream_;
  asio::steady_timer delay_;
  std::string peer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
};

constexpr std::string_view kTooManyConnections =
    "HTTP/1.1 503 Service Unavailable\r\nServer: ontimed\r\nRetry-After: 1\r\nConnection: close\r\n"
    "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 21\r\n\r\ntoo many connections\n";

}  // namespace

void HttpServer::Impl::Accept() {
  acceptor.async_accept(asio::make_strand(io), [this](beast::error_code error, tcp::socket socket) {
    if (error == asio::error::operation_aborted) return;  // stopping
    if (error) return AcceptFailed(error);
    accept_backoff = kFirstAcceptBackoff;
    if (open_connections.load() >= static_cast<uint64_t>(max_connections)) {
      Refuse(std::move(socket));
    } else if (tls) {
      std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(this, std::move(socket), *tls)->Start();
    } else {
      std::make_shared<Session<beast::tcp_stream>>(this, std::move(socket))->Start();
    }
    Accept();
  });
}

void HttpServer::Impl::AcceptFailed(const beast::error_code& error) {
  ++accept_errors;
  ++accept_errors_unlogged;
  const absl::Time now = absl::Now();
  if (now - last_accept_log >= kAcceptLogInterval) {
    spdlog::error("HTTP: cannot accept connections ({}; {} time(s) since the last report); retrying, {} of {} "
                  "connections open",
                  error.message(), accept_errors_unlogged, open_connections.load(), max_connections);
    last_accept_log = now;
    accept_errors_unlogged = 0;
  }
  accept_retry.expires_after(accept_backoff);
  accept_backoff = std::min<std::chrono::milliseconds>(accept_backoff * 2, kMaxAcceptBackoff);
  accept_retry.async_wait([this](const beast::error_code& cancelled) {
    if (!cancelled) Accept();
  });
}

void HttpServer::Impl::Refuse(tcp::socket socket) {
  ++refused_connections;
  // Plain HTTP can say why; a TLS client would need a handshake first, so
  // it only sees the connection close.
  auto held = std::make_shared<tcp::socket>(std::move(socket));
  if (tls) {
    beast::error_code ignored;
    held->close(ignored);
    return;
  }
  asio::async_write(*held, asio::buffer(kTooManyConnections.data(), kTooManyConnections.size()),
                    [held](const beast::error_code&, size_t) {
                      beast::error_code ignored;
                      held->shutdown(tcp::socket::shutdown_both, ignored);
                      held->close(ignored);
                    });
}

HttpServer::HttpServer(const DaemonRunSettings& settings, HttpHandler handler) : impl_(std::make_unique<Impl>()) {
  impl_->settings = settings;
  impl_->handler = std::move(handler);
  impl_->auth = std::make_shared<const BasicAuth>(AuthOf(settings));
}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::AddPostRoute(HttpPostRoute route) { impl_->post_routes.push_back(std::move(route)); }

absl::Status HttpServer::Start() {
  const std::string& listen = impl_->settings.listen;
  const size_t colon = listen.rfind(':');
  int port = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(listen.substr(colon + 1), &port)) {
    return absl::InvalidArgumentError(absl::StrCat("listen ", listen, " is not host:port"));
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  beast::error_code error;
  const asio::ip::address address = asio::ip::make_address(host.empty() ? "0.0.0.0" : host, error);
  if (error) return absl::InvalidArgumentError(absl::StrCat("listen ", listen, ": ", error.message()));
  if (!impl_->settings.tls_cert_file.empty()) {
    impl_->tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    impl_->tls->set_options(asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
    impl_->tls->use_certificate_chain_file(impl_->settings.tls_cert_file, error);
    if (!error) impl_->tls->use_private_key_file(impl_->settings.tls_key_file, asio::ssl::context::pem, error);
    if (error) return absl::InvalidArgumentError(absl::StrCat("TLS: ", error.message()));
  }
  // Connections fit the descriptor limit with room to spare, so a flood of
  // clients is refused politely rather than starving Kafka of sockets.
  impl_->max_connections = impl_->settings.max_connections;
  rlimit descriptors{};
  if (getrlimit(RLIMIT_NOFILE, &descriptors) == 0 && descriptors.rlim_cur != RLIM_INFINITY) {
    const int room = std::max<int>(8, static_cast<int>(descriptors.rlim_cur) - kReservedDescriptors);
    if (room < impl_->max_connections) {
      spdlog::warn("HTTP: serving at most {} connections at once, not {}: the descriptor limit is {} "
                   "(raise it with LimitNOFILE= or ulimit -n)",
                   room, impl_->max_connections, descriptors.rlim_cur);
      impl_->max_connections = room;
    }
  }
  const tcp::endpoint endpoint(address, static_cast<uint16_t>(port));
  impl_->acceptor.open(endpoint.protocol(), error);
  if (!error) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) impl_->acceptor.bind(endpoint, error);
  if (!error) impl_->acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) return absl::UnavailableError(absl::StrCat("cannot listen on ", listen, ": ", error.message()));
  impl_->Accept();
  impl_->thread = std::thread([this] { impl_->io.run(); });
  return absl::OkStatus();
}

void HttpServer::Stop() {
  if (!impl_->thread.joinable()) return;
  impl_->io.stop();
  impl_->thread.join();
}

std::string HttpServer::url() const {
  beast::error_code error;
  const tcp::endpoint endpoint = impl_->acceptor.local_endpoint(error);
  return absl::StrCat(impl_->tls ? "https://" : "http://", endpoint.address().to_string(), ":", endpoint.port());
}

HttpServerCounters HttpServer::counters() const {
  return {impl_->accept_errors.load(), impl_->refused_connections.load(), impl_->bad_requests.load(),
          impl_->auth_failures.load(), impl_->open_connections.load(), impl_->max_connections};
}

void HttpServer::SetBasicAuth(const DaemonRunSettings& settings) {
  auto auth = std::make_shared<const BasicAuth>(AuthOf(settings));
  std::lock_guard<std::mutex> lock(impl_->auth_mutex);
  impl_->auth = std::move(auth);
}

}  // namespace ontime

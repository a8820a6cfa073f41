#include "daemon/http_server.h"

#include <openssl/evp.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <memory>
#include <type_traits>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace ontime {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::string Sha256Hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 15]);
  }
  return hex;
}

// Constant time, so a wrong password's timing says nothing of the right one.
bool SameText(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char differ = 0;
  for (size_t i = 0; i < a.size(); ++i) differ |= static_cast<unsigned char>(a[i] ^ b[i]);
  return differ == 0;
}

}  // namespace

struct HttpServer::Impl {
  DaemonRunSettings settings;
  HttpHandler handler;
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  std::unique_ptr<asio::ssl::context> tls;
  std::thread thread;

  bool Authorized(std::string_view authorization) const {
    if (settings.basic_auth_user.empty()) return true;
    constexpr std::string_view kBasic = "Basic ";
    if (!authorization.starts_with(kBasic)) return false;
    authorization.remove_prefix(kBasic.size());
    std::string decoded(beast::detail::base64::decoded_size(authorization.size()), '\0');
    decoded.resize(beast::detail::base64::decode(decoded.data(), authorization.data(), authorization.size()).first);
    const size_t colon = decoded.find(':');
    if (colon == std::string::npos) return false;
    const bool user = SameText(decoded.substr(0, colon), settings.basic_auth_user);
    const bool password = SameText(Sha256Hex(decoded.substr(colon + 1)), settings.basic_auth_password_sha256);
    return user && password;
  }

  http::response<http::string_body> Respond(const http::request<http::string_body>& request) {
    http::response<http::string_body> response;
    response.version(request.version());
    response.keep_alive(request.keep_alive());
    response.set(http::field::server, "ontimed");
    if (!Authorized(request[http::field::authorization])) {
      response.result(http::status::unauthorized);
      response.set(http::field::www_authenticate, "Basic realm=\"ontimed\"");
      response.body() = "unauthorized\n";
    } else if (request.method() != http::verb::get && request.method() != http::verb::head) {
      response.result(http::status::method_not_allowed);
      response.body() = "GET only\n";
    } else {
      std::string_view target = request.target();
      target = target.substr(0, target.find('?'));
      HttpReply reply = handler(target, request[http::field::accept]);
      response.result(static_cast<unsigned>(reply.status));
      response.set(http::field::content_type, reply.content_type);
      response.body() = std::move(reply.body);
    }
    response.prepare_payload();
    return response;
  }

  void Accept();
};

namespace {

// One connection, asynchronous, each read and write bounded by a timeout, so
// a client that connects and says nothing holds only its own connection.
template <typename Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  template <typename... TlsContext>
  Session(HttpServer::Impl* server, tcp::socket socket, TlsContext&... tls)
      : server_(server), stream_(std::move(socket), tls...) {}

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
    request_ = {};
    Expire();
    http::async_read(stream_, buffer_, request_,
                     [self = this->shared_from_this()](beast::error_code error, size_t) {
                       if (error) return self->Close();
                       self->Write();
                     });
  }

  void Write() {
    response_ = server_->Respond(request_);
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
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
};

}  // namespace

void HttpServer::Impl::Accept() {
  acceptor.async_accept(asio::make_strand(io), [this](beast::error_code error, tcp::socket socket) {
    if (error) return;
    if (tls) {
      std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(this, std::move(socket), *tls)->Start();
    } else {
      std::make_shared<Session<beast::tcp_stream>>(this, std::move(socket))->Start();
    }
    Accept();
  });
}

HttpServer::HttpServer(const DaemonRunSettings& settings, HttpHandler handler) : impl_(std::make_unique<Impl>()) {
  impl_->settings = settings;
  impl_->handler = std::move(handler);
}

HttpServer::~HttpServer() { Stop(); }

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

}  // namespace ontime

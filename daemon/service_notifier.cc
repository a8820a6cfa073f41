#include "daemon/service_notifier.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace ontime {

std::string ReadyMessage() { return "READY=1"; }

std::string StatusMessage(std::string_view status) {
  // One line: a newline would start another assignment.
  std::string line(status);
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return absl::StrCat("STATUS=", line);
}

std::string ReloadingMessage(absl::Duration monotonic_now) {
  return absl::StrCat("RELOADING=1\nMONOTONIC_USEC=", absl::ToInt64Microseconds(monotonic_now));
}

std::string StoppingMessage() { return "STOPPING=1"; }
std::string WatchdogMessage() { return "WATCHDOG=1"; }

namespace {

const char* Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr || *value == '\0' ? nullptr : value;
}

absl::Duration MonotonicNow() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return absl::Seconds(now.tv_sec) + absl::Nanoseconds(now.tv_nsec);
}

}  // namespace

ServiceNotifier ServiceNotifier::FromEnvironment() {
  const char* socket = Env("NOTIFY_SOCKET");
  std::optional<absl::Duration> watchdog;
  uint64_t usec = 0;
  int64_t pid = 0;
  const char* watchdog_pid = Env("WATCHDOG_PID");
  // WATCHDOG_PID names the process the manager watches: another one (a
  // child's environment inherited) is not this one's to ping.
  if (const char* text = Env("WATCHDOG_USEC"); text != nullptr && absl::SimpleAtoi(text, &usec) && usec > 0 &&
      (watchdog_pid == nullptr || (absl::SimpleAtoi(watchdog_pid, &pid) && pid == getpid()))) {
    watchdog = absl::Microseconds(static_cast<int64_t>(usec));
  }
  return ServiceNotifier(socket == nullptr ? "" : socket, watchdog);
}

ServiceNotifier::ServiceNotifier(std::string socket_path, std::optional<absl::Duration> watchdog)
    : socket_path_(std::move(socket_path)), watchdog_(watchdog) {
  if (socket_path_.empty()) return;
  fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
}

ServiceNotifier::ServiceNotifier(ServiceNotifier&& other) noexcept
    : socket_path_(std::move(other.socket_path_)),
      fd_(std::exchange(other.fd_, -1)),
      watchdog_(other.watchdog_),
      last_status_(std::move(other.last_status_)),
      failures_(other.failures_) {}

ServiceNotifier& ServiceNotifier::operator=(ServiceNotifier&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    socket_path_ = std::move(other.socket_path_);
    fd_ = std::exchange(other.fd_, -1);
    watchdog_ = other.watchdog_;
    last_status_ = std::move(other.last_status_);
    failures_ = other.failures_;
  }
  return *this;
}

ServiceNotifier::~ServiceNotifier() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<absl::Duration> ServiceNotifier::watchdog_every() const {
  if (!enabled() || !watchdog_) return std::nullopt;
  return *watchdog_ / 2;
}

void ServiceNotifier::Status(std::string_view status) {
  if (!enabled() || status == last_status_) return;
  last_status_ = std::string(status);
  Send(StatusMessage(status));
}

void ServiceNotifier::Reloading() { Send(ReloadingMessage(MonotonicNow())); }

void ServiceNotifier::Send(const std::string& message) {
  if (fd_ < 0) return;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (socket_path_.size() >= sizeof address.sun_path) {
    ++failures_;
    return;
  }
  std::memcpy(address.sun_path, socket_path_.data(), socket_path_.size());
  socklen_t length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + socket_path_.size());
  // "@name" is the abstract namespace: a leading NUL, no terminator.
  if (socket_path_.front() == '@') {
    address.sun_path[0] = '\0';
  } else {
    ++length;  // the terminating NUL of a path
  }
  // Never blocks the loop: a full queue is a failure counted, not a wait.
  if (::sendto(fd_, message.data(), message.size(), MSG_NOSIGNAL | MSG_DONTWAIT,
               reinterpret_cast<const sockaddr*>(&address), length) < 0) {
    ++failures_;
  }
}

}  // namespace ontime

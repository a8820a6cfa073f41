// The service manager's protocol as ontimed speaks it: each message on a
// datagram socket as systemd reads it, by path and in the abstract
// namespace; the watchdog interval from the environment, and only for
// this process; nothing at all without $NOTIFY_SOCKET.
#include "daemon/service_notifier.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

namespace ontime {
namespace {

// A datagram socket standing in for systemd's.
class FakeManager {
 public:
  explicit FakeManager(const std::string& path) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path.data(), path.size());
    socklen_t length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size());
    if (path.front() == '@') {
      address.sun_path[0] = '\0';
    } else {
      ++length;
    }
    EXPECT_EQ(::bind(fd_, reinterpret_cast<const sockaddr*>(&address), length), 0) << std::strerror(errno);
  }
  ~FakeManager() {
    ::close(fd_);
    if (path_.front() != '@') std::filesystem::remove(path_);
  }
  // The next datagram, waiting at most a second; "" if none came.
  std::string Next() {
    pollfd p{.fd = fd_, .events = POLLIN, .revents = 0};
    if (::poll(&p, 1, 1000) != 1) return "";
    char buffer[4096];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    return n < 0 ? "" : std::string(buffer, static_cast<size_t>(n));
  }

 private:
  std::string path_;
  int fd_ = -1;
};

std::string SocketPath(const char* name) {
  return (std::filesystem::temp_directory_path() / (std::string(name) + "-" + std::to_string(getpid()))).string();
}

TEST(ServiceNotifier, EachMessageReachesTheManagerAsTheProtocolSpellsIt) {
  const std::string path = SocketPath("ontime-notify");
  FakeManager manager(path);
  ServiceNotifier notifier(path, std::nullopt);
  ASSERT_TRUE(notifier.enabled());
  notifier.Ready();
  EXPECT_EQ(manager.Next(), "READY=1");
  notifier.Status("12 records,\n3 contacts open");
  EXPECT_EQ(manager.Next(), "STATUS=12 records, 3 contacts open");
  notifier.Status("12 records,\n3 contacts open");  // unchanged: not sent again
  notifier.Reloading();
  const std::string reloading = manager.Next();
  EXPECT_TRUE(reloading.starts_with("RELOADING=1\nMONOTONIC_USEC=")) << reloading;
  EXPECT_GT(std::stoll(reloading.substr(reloading.find('=', 12) + 1)), 0);
  notifier.Watchdog();
  EXPECT_EQ(manager.Next(), "WATCHDOG=1");
  notifier.Stopping();
  EXPECT_EQ(manager.Next(), "STOPPING=1");
  EXPECT_EQ(notifier.failures(), 0u);
}

TEST(ServiceNotifier, AnAbstractSocketWorksToo) {
  const std::string name = "@ontime-notify-abstract-" + std::to_string(getpid());
  FakeManager manager(name);
  ServiceNotifier notifier(name, std::nullopt);
  notifier.Ready();
  EXPECT_EQ(manager.Next(), "READY=1");
}

TEST(ServiceNotifier, TheWatchdogIsHalfTheManagersTimeoutAndOnlyForThisProcess) {
  const std::string path = SocketPath("ontime-notify-env");
  FakeManager manager(path);
  ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
  ::setenv("WATCHDOG_USEC", "30000000", 1);
  ::unsetenv("WATCHDOG_PID");
  EXPECT_EQ(ServiceNotifier::FromEnvironment().watchdog_every(), absl::Seconds(15));
  ::setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
  EXPECT_EQ(ServiceNotifier::FromEnvironment().watchdog_every(), absl::Seconds(15));
  ::setenv("WATCHDOG_PID", std::to_string(getpid() + 1).c_str(), 1);
  EXPECT_EQ(ServiceNotifier::FromEnvironment().watchdog_every(), std::nullopt) << "another process is watched";
  ::unsetenv("NOTIFY_SOCKET");
  ::unsetenv("WATCHDOG_USEC");
  ::unsetenv("WATCHDOG_PID");
  ServiceNotifier off = ServiceNotifier::FromEnvironment();
  EXPECT_FALSE(off.enabled());
  EXPECT_EQ(off.watchdog_every(), std::nullopt);
  off.Ready();  // nothing, and no failure
  EXPECT_EQ(off.failures(), 0u);
}

TEST(ServiceNotifier, AManagerGoneIsAFailureCountedNotAnError) {
  ServiceNotifier notifier(SocketPath("ontime-notify-nobody"), std::nullopt);
  notifier.Ready();
  EXPECT_EQ(notifier.failures(), 1u);
}

}  // namespace
}  // namespace ontime

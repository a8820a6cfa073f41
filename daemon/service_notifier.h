// Telling the service manager how ontimed is (sd_notify(3)'s protocol): a
// datagram of NAME=value lines to the socket named in $NOTIFY_SOCKET. The
// protocol is a stable, documented interface of a few lines, so it is
// written here rather than linking libsystemd for it.
//
//   READY=1                       partitions assigned and restored (/-/ready)
//   STATUS=...                    the live line, for `systemctl status`
//   RELOADING=1 MONOTONIC_USEC=N  a SIGHUP reload begins (READY=1 ends it)
//   STOPPING=1                    draining
//   WATCHDOG=1                    from the event loop, twice per WatchdogSec,
//                                 so a stuck loop is restarted
//
// Without $NOTIFY_SOCKET (not under systemd) every call does nothing.
#ifndef ONTIME_DAEMON_SERVICE_NOTIFIER_H_
#define ONTIME_DAEMON_SERVICE_NOTIFIER_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/time/time.h"

namespace ontime {

// The messages, as the protocol spells them (pure, for tests).
std::string ReadyMessage();
std::string StatusMessage(std::string_view status);
std::string ReloadingMessage(absl::Duration monotonic_now);
std::string StoppingMessage();
std::string WatchdogMessage();

class ServiceNotifier {
 public:
  // From $NOTIFY_SOCKET, $WATCHDOG_USEC and $WATCHDOG_PID.
  static ServiceNotifier FromEnvironment();
  // `socket_path`: a file system path, or "@name" for the abstract
  // namespace; empty: do nothing.
  ServiceNotifier(std::string socket_path, std::optional<absl::Duration> watchdog);
  ServiceNotifier(ServiceNotifier&&) noexcept;
  ServiceNotifier& operator=(ServiceNotifier&&) noexcept;
  ~ServiceNotifier();

  bool enabled() const { return fd_ >= 0; }
  // How often to send WATCHDOG=1 (half the manager's timeout); none when
  // the manager watches nothing, or watches another process.
  std::optional<absl::Duration> watchdog_every() const;

  void Ready() { Send(ReadyMessage()); }
  // Sent only when it changed: STATUS follows the live line every second.
  void Status(std::string_view status);
  void Reloading();
  void Stopping() { Send(StoppingMessage()); }
  void Watchdog() { Send(WatchdogMessage()); }

  // Datagrams the manager did not take (full queue, manager gone).
  uint64_t failures() const { return failures_; }

 private:
  void Send(const std::string& message);

  std::string socket_path_;
  int fd_ = -1;
  std::optional<absl::Duration> watchdog_;
  std::string last_status_;
  uint64_t failures_ = 0;
};

}  // namespace ontime

#endif  // ONTIME_DAEMON_SERVICE_NOTIFIER_H_

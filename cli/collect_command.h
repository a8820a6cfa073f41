// `ontime collect`: runs the config's collectors on a machine that has only
// the source (a telephone system's queue_log), producing contact events to
// the contact-events topic (key = contact id, record timestamp = event
// time; idempotent producer, acks=all). A source's position is saved only
// after the broker acknowledged every event before it, so a kill -9 or a
// broker outage loses nothing, and what is read twice has the same event
// ids, which the engine counts once. Unreadable lines go to the dead-letter
// topic with their file, offset and reason.
//
//   ontime collect --config ontime.yaml            follows until SIGTERM
//   ontime collect --config ontime.yaml --once yes reads what is there, then exits
#ifndef ONTIME_CLI_COLLECT_COMMAND_H_
#define ONTIME_CLI_COLLECT_COMMAND_H_

#include <atomic>
#include <ostream>
#include <string>

namespace ontime {

struct CollectOptions {
  std::string config_path;
  // Overrides kafka.bootstrap.servers.
  std::string brokers;
  // Stop at the end of every source instead of following it.
  bool once = false;
  // Set (by a signal handler) to stop: what was sent is flushed and its
  // position saved first.
  const std::atomic<bool>* stop = nullptr;
};

// Returns the exit code: 0, 1 (a source or the broker failed), 64 (usage),
// 78 (the config is wrong).
int RunCollect(const CollectOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ontime

#endif  // ONTIME_CLI_COLLECT_COMMAND_H_

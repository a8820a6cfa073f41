// `ontime replay --config FILE --events FILE [--outcomes OUT]`: runs the
// engine over a file of events with event time as the clock, then prints,
// per standard, volume, met, breached, excluded, % within standard against
// target, median and p90.
#ifndef ONTIME_DAEMON_REPLAY_COMMAND_H_
#define ONTIME_DAEMON_REPLAY_COMMAND_H_

#include <iosfwd>
#include <string>

namespace ontime {

struct ReplayOptions {
  std::string config_path;
  std::string events_path;
  std::string outcomes_path;  // empty: no audit trail
};

// Returns the process exit code: 0 done (bad lines reported and skipped),
// 2 bad config, 1 unreadable input.
int RunReplay(const ReplayOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ontime

#endif  // ONTIME_DAEMON_REPLAY_COMMAND_H_

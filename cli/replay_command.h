// `ontime replay --config FILE (--events FILE | --brokers B --topic T)
// [--outcomes OUT]`: runs the engine over a file of events, or over a topic
// range with one engine per partition (as ontimed runs), with event time as
// the clock; then prints, per standard, volume, met, breached, excluded,
// % within standard against target, median and p90.
#ifndef ONTIME_CLI_REPLAY_COMMAND_H_
#define ONTIME_CLI_REPLAY_COMMAND_H_

#include <iosfwd>
#include <string>

namespace ontime {

struct ReplayOptions {
  std::string config_path;
  std::string events_path;
  // Or a topic range: every partition from its start to its current end.
  std::string brokers;
  std::string topic;
  std::string outcomes_path;  // empty: no audit trail
  std::string aggregates_path;  // empty: none written
  // The input goes on (as it does for ontimed): outcomes still within the
  // lateness of the newest event stay open instead of being made final.
  bool open_end = false;
};

// Returns the process exit code: 0 done (bad lines reported and skipped),
// 2 bad config, 1 unreadable input.
int RunReplay(const ReplayOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ontime

#endif  // ONTIME_CLI_REPLAY_COMMAND_H_

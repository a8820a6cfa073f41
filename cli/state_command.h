// `ontime state`: what ontimed's checkpoints hold, read straight from the
// state topic, every partition's engine restored and merged. The figures
// are those every running instance together would report, and the offsets
// say how far each partition has got: an audit of the daemon, and the
// other side of the exactness tests.
#ifndef ONTIME_CLI_STATE_COMMAND_H_
#define ONTIME_CLI_STATE_COMMAND_H_

#include <ostream>
#include <string>

namespace ontime {

struct StateOptions {
  std::string config_path;
  std::string brokers;          // empty: the config's bootstrap.servers
  std::string aggregates_path;  // empty: none written
};

// 0 done, 2 bad config, 1 state unreadable.
int RunState(const StateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ontime

#endif  // ONTIME_CLI_STATE_COMMAND_H_

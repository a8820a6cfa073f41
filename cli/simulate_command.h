// `ontime simulate`: a council contact centre's traffic, written as a file
// of events (JSON lines, or length-delimited protobuf), or produced to a
// Kafka topic (key = contact id, record timestamp = event time).
#ifndef ONTIME_CLI_SIMULATE_COMMAND_H_
#define ONTIME_CLI_SIMULATE_COMMAND_H_

#include <iosfwd>
#include <string>
#include <vector>

namespace ontime {

// `args` are the options after "simulate". Returns the exit code.
int RunSimulate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace ontime

#endif  // ONTIME_CLI_SIMULATE_COMMAND_H_

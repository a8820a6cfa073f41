// `ontime check-config FILE`: validates a standards file. Exit 0 and one
// line per standard in plain words, or exit 2 and every error with its file,
// line and column.
#ifndef ONTIME_CLI_CHECK_CONFIG_COMMAND_H_
#define ONTIME_CLI_CHECK_CONFIG_COMMAND_H_

#include <iosfwd>
#include <string>

namespace ontime {

int RunCheckConfig(const std::string& path, std::ostream& out, std::ostream& err);

}  // namespace ontime

#endif  // ONTIME_CLI_CHECK_CONFIG_COMMAND_H_

// ontime hash-password: reads a password from standard input (its first
// line) and prints its bcrypt hash for daemon.basic_auth_password_bcrypt,
// as htpasswd -nBC 10 would, so no password is kept in a config file.
#ifndef ONTIME_CLI_HASH_PASSWORD_COMMAND_H_
#define ONTIME_CLI_HASH_PASSWORD_COMMAND_H_

#include <istream>
#include <ostream>

namespace ontime {

// Exit code: 0, or 1 if no password came or the system cannot hash.
int RunHashPassword(std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace ontime

#endif  // ONTIME_CLI_HASH_PASSWORD_COMMAND_H_

#include "cli/hash_password_command.h"

#include <crypt.h>

#include <memory>
#include <string>

namespace ontime {

// bcrypt's cost: 2^10 rounds, about 50 ms a check here; what htpasswd and
// Prometheus' documentation use. ontimed checks a login once, then keeps
// the verified header, so scrapes do not pay it.
constexpr unsigned long kBcryptCost = 10;

int RunHashPassword(std::istream& in, std::ostream& out, std::ostream& err) {
  std::string password;
  if (!std::getline(in, password) || password.empty()) {
    err << "ontime hash-password: give the password on standard input, e.g. "
           "read -rs p && printf '%s\\n' \"$p\" | ontime hash-password\n";
    return 1;
  }
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  // No random bytes given: libcrypt draws them from the system.
  if (crypt_gensalt_rn("$2b$", kBcryptCost, nullptr, 0, salt, sizeof salt) == nullptr) {
    err << "ontime hash-password: this system's libcrypt cannot make a bcrypt salt\n";
    return 1;
  }
  auto work = std::make_unique<crypt_data>();
  const char* hash = crypt_r(password.c_str(), salt, work.get());
  if (hash == nullptr || hash[0] == '*') {
    err << "ontime hash-password: this system's libcrypt cannot hash with bcrypt\n";
    return 1;
  }
  out << hash << "\n";
  return 0;
}

}  // namespace ontime

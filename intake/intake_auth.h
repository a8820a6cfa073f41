// Who may POST events to the HTTP intake: a bearer token whose SHA-256 the
// config lists (so the config holds no token), or a body signed with a
// shared secret (HMAC-SHA256 in hex, as webhooks sign, optionally prefixed
// "sha256="; or HMAC-SHA1 prefixed "sha1=", as Zammad signs). Compared in
// constant time.
#ifndef ONTIME_INTAKE_INTAKE_AUTH_H_
#define ONTIME_INTAKE_INTAKE_AUTH_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "config/collector_settings.h"

namespace ontime {

class IntakeAuth {
 public:
  // Reads the signature secret file, if the settings name one.
  static absl::StatusOr<IntakeAuth> Create(const std::vector<std::string>& token_sha256,
                                           const std::string& signature_secret_file);
  static absl::StatusOr<IntakeAuth> Create(const HttpIntakeSettings& settings) {
    return Create(settings.bearer_token_sha256, settings.signature_secret_file);
  }
  // A webhook's own credentials, or the intake's when it names none.
  static absl::StatusOr<IntakeAuth> Create(const IntakeWebhookSettings& webhook, const HttpIntakeSettings& intake) {
    if (webhook.bearer_token_sha256.empty() && webhook.signature_secret_file.empty()) return Create(intake);
    return Create(webhook.bearer_token_sha256, webhook.signature_secret_file);
  }
  IntakeAuth(std::vector<std::string> token_sha256, std::string secret)
      : token_sha256_(std::move(token_sha256)), secret_(std::move(secret)) {}

  bool Allows(std::string_view authorization, std::string_view signature, std::string_view body) const;

 private:
  std::vector<std::string> token_sha256_;
  std::string secret_;
};

// Lower-case hex of SHA-256(text) and of HMAC-SHA256(key, text); also what
// the daemon's basic auth checks passwords with.
std::string Sha256Hex(std::string_view text);
std::string HmacSha256Hex(std::string_view key, std::string_view text);
// Equal, in a time that depends only on the lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace ontime

#endif  // ONTIME_INTAKE_INTAKE_AUTH_H_

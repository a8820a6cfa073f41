#include "intake/intake_auth.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace ontime {

namespace {

std::string Hex(const unsigned char* bytes, unsigned int length) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[bytes[i] >> 4]);
    hex.push_back(kHex[bytes[i] & 15]);
  }
  return hex;
}

bool StartsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (absl::ascii_tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

// Constant time, so how long a wrong answer takes says nothing of the right one.
bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char differ = 0;
  for (size_t i = 0; i < a.size(); ++i) differ |= static_cast<unsigned char>(a[i] ^ b[i]);
  return differ == 0;
}

std::string Sha256Hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  return Hex(digest, length);
}

namespace {

std::string HmacHex(const EVP_MD* digest_kind, std::string_view key, std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(digest_kind, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(text.data()),
       text.size(), digest, &length);
  return Hex(digest, length);
}

}  // namespace

std::string HmacSha256Hex(std::string_view key, std::string_view text) { return HmacHex(EVP_sha256(), key, text); }

absl::StatusOr<IntakeAuth> IntakeAuth::Create(const std::vector<std::string>& token_sha256,
                                              const std::string& signature_secret_file) {
  std::string secret;
  if (!signature_secret_file.empty()) {
    std::ifstream in(signature_secret_file, std::ios::binary);
    if (!in) return absl::NotFoundError(absl::StrCat("cannot read signature_secret_file ", signature_secret_file));
    std::stringstream text;
    text << in.rdbuf();
    secret = text.str();
    // A secret written with echo ends in a line end that is not part of it.
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
    if (secret.empty()) return absl::InvalidArgumentError(absl::StrCat(signature_secret_file, " is empty"));
  }
  return IntakeAuth(token_sha256, std::move(secret));
}

bool IntakeAuth::Allows(std::string_view authorization, std::string_view signature, std::string_view body) const {
  if (!token_sha256_.empty() && StartsWithIgnoringCase(authorization, "bearer ")) {
    std::string_view token = authorization.substr(7);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    const std::string hash = Sha256Hex(token);
    bool allowed = false;
    for (const std::string& listed : token_sha256_) allowed |= ConstantTimeEquals(hash, listed);
    if (allowed) return true;
  }
  if (!secret_.empty() && !signature.empty()) {
    // "sha1=" for senders that sign with HMAC-SHA1 (Zammad's X-Hub-Signature).
    const bool sha1 = StartsWithIgnoringCase(signature, "sha1=");
    if (sha1) signature.remove_prefix(5);
    if (StartsWithIgnoringCase(signature, "sha256=")) signature.remove_prefix(7);
    std::string given(signature);
    for (char& c : given) c = absl::ascii_tolower(static_cast<unsigned char>(c));
    return ConstantTimeEquals(given, sha1 ? HmacHex(EVP_sha1(), secret_, body) : HmacSha256Hex(secret_, body));
  }
  return false;
}

}  // namespace ontime

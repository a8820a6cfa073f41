#include "daemon/log_format.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"

namespace ontime {
namespace {

// syslog(3) priorities, as sd-daemon(3) prefixes read them.
int Priority(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
    case spdlog::level::debug: return 7;
    case spdlog::level::info: return 6;
    case spdlog::level::warn: return 4;
    case spdlog::level::err: return 3;
    case spdlog::level::critical: return 2;
    default: return 6;
  }
}

void AppendJsonString(std::string_view text, spdlog::memory_buf_t& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out.append(std::string_view("\\\"")); break;
      case '\\': out.append(std::string_view("\\\\")); break;
      case '\n': out.append(std::string_view("\\n")); break;
      case '\r': out.append(std::string_view("\\r")); break;
      case '\t': out.append(std::string_view("\\t")); break;
      default:
        if (u < 0x20) {
          const char escaped[] = {'\\', 'u', '0', '0', kHex[u >> 4], kHex[u & 15]};
          out.append(std::string_view(escaped, sizeof escaped));
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

class JsonFormatter final : public spdlog::formatter {
 public:
  explicit JsonFormatter(bool journal) : journal_(journal) {}

  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    if (journal_) {
      const char prefix[] = {'<', static_cast<char>('0' + Priority(msg.level)), '>'};
      dest.append(std::string_view(prefix, sizeof prefix));
    }
    const absl::Time time = absl::FromChrono(msg.time);
    dest.append(std::string_view("{\"time\":\""));
    dest.append(absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time, absl::UTCTimeZone()));
    dest.append(std::string_view("\",\"level\":\""));
    const auto level = spdlog::level::to_string_view(msg.level);
    dest.append(std::string_view(level.data(), level.size()));
    dest.append(std::string_view("\",\"logger\":"));
    AppendJsonString(std::string_view(msg.logger_name.data(), msg.logger_name.size()), dest);
    dest.append(std::string_view(",\"message\":"));
    AppendJsonString(std::string_view(msg.payload.data(), msg.payload.size()), dest);
    dest.append(std::string_view("}\n"));
  }

  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonFormatter>(journal_); }

 private:
  bool journal_;
};

}  // namespace

std::unique_ptr<spdlog::formatter> JsonLogFormatter(bool journal) { return std::make_unique<JsonFormatter>(journal); }

bool StderrIsTheJournal() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (stream == nullptr || isatty(STDERR_FILENO)) return false;
  // "device:inode" of the stream the manager connected: stderr must be it
  // (a child's redirected stderr inherits the variable but not the stream).
  const std::vector<std::string> parts = absl::StrSplit(stream, ':');
  uint64_t device = 0, inode = 0;
  struct stat st {};
  return parts.size() == 2 && absl::SimpleAtoi(parts[0], &device) && absl::SimpleAtoi(parts[1], &inode) &&
         fstat(STDERR_FILENO, &st) == 0 && st.st_dev == device && st.st_ino == inode;
}

void UseLogFormat(DaemonRunSettings::LogFormat format) {
  using LogFormat = DaemonRunSettings::LogFormat;
  const bool journal = StderrIsTheJournal();
  if (format == LogFormat::kJson || (format == LogFormat::kAuto && journal)) {
    spdlog::set_formatter(JsonLogFormatter(journal));
  }
}

}  // namespace ontime

#include "collectors/file_position.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace ontime {

uint64_t Fnv1a64(std::string_view bytes) {
  uint64_t hash = 14695981039346656037ull;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string FormatFilePosition(const FilePosition& p) {
  return absl::StrCat("ontime-file-position v1 device=", p.device, " inode=", p.inode, " offset=", p.offset,
                      " head_bytes=", p.head_bytes, " head_fnv1a=", absl::Hex(p.head_hash, absl::kZeroPad16), "\n");
}

absl::StatusOr<FilePosition> ParseFilePosition(std::string_view text) {
  const std::vector<absl::string_view> words =
      absl::StrSplit(absl::string_view(text.data(), text.size()), absl::ByAnyChar(" \n"), absl::SkipEmpty());
  if (words.size() != 7 || words[0] != "ontime-file-position" || words[1] != "v1") {
    return absl::InvalidArgumentError("not an ontime file position (ontime-file-position v1 ...)");
  }
  FilePosition p;
  bool ok = true;
  auto field = [&](absl::string_view word, absl::string_view name) -> absl::string_view {
    if (!absl::ConsumePrefix(&word, name) || !absl::ConsumePrefix(&word, "=")) ok = false;
    return word;
  };
  ok = absl::SimpleAtoi(field(words[2], "device"), &p.device) && ok;
  ok = absl::SimpleAtoi(field(words[3], "inode"), &p.inode) && ok;
  ok = absl::SimpleAtoi(field(words[4], "offset"), &p.offset) && ok;
  ok = absl::SimpleAtoi(field(words[5], "head_bytes"), &p.head_bytes) && ok;
  ok = absl::SimpleHexAtoi(field(words[6], "head_fnv1a"), &p.head_hash) && ok;
  if (!ok || p.offset < 0 || p.head_bytes < 0 || p.head_bytes > kFileHeadBytes || p.head_bytes > p.offset) {
    return absl::InvalidArgumentError(absl::StrCat("a file position with a bad field: ", std::string(text)));
  }
  return p;
}

absl::StatusOr<std::optional<FilePosition>> LoadFilePosition(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return std::optional<FilePosition>();
    return absl::UnavailableError(absl::StrCat("cannot read ", path, ": ", std::strerror(errno)));
  }
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<FilePosition> position = ParseFilePosition(text.str());
  if (!position.ok()) return absl::DataLossError(absl::StrCat(path, ": ", position.status().message()));
  return std::optional<FilePosition>(*position);
}

namespace {

absl::Status Errno(std::string_view what, const std::string& path) {
  return absl::UnavailableError(absl::StrCat("cannot ", std::string(what), " ", path, ": ", std::strerror(errno)));
}

}  // namespace

absl::Status SaveFilePosition(const std::string& path, const FilePosition& position) {
  const std::string temporary = path + ".new";
  const std::string text = FormatFilePosition(position);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("create", temporary);
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) return Errno("write", temporary);
  if (::rename(temporary.c_str(), path.c_str()) != 0) return Errno("rename onto", path);
  // The rename itself is durable once the directory is.
  const size_t slash = path.rfind('/');
  const std::string directory = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return absl::OkStatus();
}

}  // namespace ontime

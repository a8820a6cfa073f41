// How far a followed file has been read, durably: the file's identity (its
// device and inode, and a hash of its first bytes, which survive a rename
// and a copy) and the offset after the last complete line read. Kept in a
// small text file that is replaced atomically (write, fsync, rename), so a
// kill -9 leaves either the old position or the new one.
//
//   ontime-file-position v1 device=2049 inode=393811 offset=18734 head_bytes=1024 head_fnv1a=9c3a...
#ifndef ONTIME_COLLECTORS_FILE_POSITION_H_
#define ONTIME_COLLECTORS_FILE_POSITION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace ontime {

struct FilePosition {
  uint64_t device = 0;
  uint64_t inode = 0;
  int64_t offset = 0;
  // The file's first head_bytes bytes (at most kFileHeadBytes) hash to
  // head_hash: the file is recognised by its content wherever rotation put it.
  int64_t head_bytes = 0;
  uint64_t head_hash = 0;

  bool operator==(const FilePosition&) const = default;
};

// How many of a file's first bytes identify it. Queue logs begin with a
// timestamp and a call id, so a few hundred bytes already differ between
// any two files; 1 KiB leaves a margin.
inline constexpr int64_t kFileHeadBytes = 1024;

uint64_t Fnv1a64(std::string_view bytes);

std::string FormatFilePosition(const FilePosition& position);
absl::StatusOr<FilePosition> ParseFilePosition(std::string_view text);

// nullopt when there is no position file yet (the source is new).
absl::StatusOr<std::optional<FilePosition>> LoadFilePosition(const std::string& path);
absl::Status SaveFilePosition(const std::string& path, const FilePosition& position);

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_FILE_POSITION_H_

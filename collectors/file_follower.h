// Follows a text file as another program appends to it and rotates it, line
// by line, the way `tail -F` would but without losing or repeating a line:
//
// - Only complete lines (ending in \n) are returned; a line being written
//   waits for its end.
// - Rename rotation (logrotate's default: the file becomes path.1, a new
//   file takes its name): the old file is read to its end and, once it has
//   stopped growing for one more look, the new file from its start.
// - Copy-and-truncate rotation: a file whose content was replaced (shorter
//   than the offset, or its first bytes changed) is read on from the copy
//   (path.1) if the copy begins with the same bytes, then from the start.
// - A saved position is resumed in the file it names, found by its first
//   bytes wherever rotation moved it (path or path.1); if neither holds it,
//   the file is read from its start and lost_positions() counts it.
//
// No thread and no timer: the owner calls Read when it wants to look again.
#ifndef ONTIME_COLLECTORS_FILE_FOLLOWER_H_
#define ONTIME_COLLECTORS_FILE_FOLLOWER_H_

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "collectors/file_position.h"

namespace ontime {

struct FollowedLine {
  // Without its \n. Valid until the next Read or Start.
  std::string_view text;
  // The name the file had when read, and where the line starts in it.
  std::string_view file;
  int64_t offset = 0;
};

class FileFollower {
 public:
  // `rotated` names where rotation moves the file; empty: path + ".1".
  explicit FileFollower(std::string path, std::string rotated = "");
  FileFollower(const FileFollower&) = delete;
  FileFollower& operator=(const FileFollower&) = delete;
  ~FileFollower();

  // From a saved position, or from the start of the file.
  void Start(const std::optional<FilePosition>& saved);
  // Appends the complete lines written since the last Read (about
  // `max_bytes` of them at most) to `lines`. Only an I/O error is an error;
  // a file that does not exist yet is no lines.
  absl::Status Read(size_t max_bytes, std::vector<FollowedLine>* lines);

  // The first line of the file being read (a CSV header), if it has one.
  std::optional<std::string> FirstLine() const;

  // After the last line returned: what to save once they are safe.
  const FilePosition& position() const { return position_; }
  // Bytes written and not yet read, as of the last Read.
  int64_t lag_bytes() const { return lag_bytes_; }
  int64_t rotations() const { return rotations_; }
  int64_t truncations() const { return truncations_; }
  int64_t lost_positions() const { return lost_positions_; }

 private:
  bool OpenAt(const std::string& name, int64_t offset, std::string_view expected_head);
  void Close();
  // Reads complete lines of the current file; the bytes consumed.
  absl::Status ReadLines(size_t budget, std::vector<FollowedLine>* lines, int64_t* consumed);
  bool ContentReplaced() const;
  bool CurrentIsPath(bool* path_exists) const;
  void UpdateLag();

  std::string path_;
  std::string rotated_;
  int fd_ = -1;
  const std::string* current_name_ = nullptr;
  FilePosition position_;
  // The current file's first bytes (up to kFileHeadBytes) as read.
  std::string head_;
  // The path names a new file and the current one was at its end once.
  bool moved_on_seen_ = false;
  std::deque<std::string> buffers_;
  int64_t lag_bytes_ = 0;
  int64_t rotations_ = 0;
  int64_t truncations_ = 0;
  int64_t lost_positions_ = 0;
};

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_FILE_FOLLOWER_H_

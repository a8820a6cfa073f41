#include "collectors/file_follower.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace ontime {
namespace {

// Bytes read per system call; a line longer than this is returned in pieces
// (the queue_log's lines are under 300 bytes).
constexpr size_t kReadChunk = 1 << 20;

bool ReadExactlyAt(int fd, int64_t offset, size_t size, std::string* out) {
  out->resize(size);
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd, out->data() + done, size - done, offset + static_cast<int64_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

FileFollower::FileFollower(std::string path, std::string rotated)
    : path_(std::move(path)), rotated_(rotated.empty() ? path_ + ".1" : std::move(rotated)) {}

FileFollower::~FileFollower() { Close(); }

void FileFollower::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  current_name_ = nullptr;
  moved_on_seen_ = false;
}

bool FileFollower::OpenAt(const std::string& name, int64_t offset, std::string_view expected_head) {
  const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st{};
  std::string head;
  const int64_t head_bytes = std::min<int64_t>(offset, kFileHeadBytes);
  if (::fstat(fd, &st) != 0 || st.st_size < offset ||
      !ReadExactlyAt(fd, 0, static_cast<size_t>(head_bytes), &head) ||
      (expected_head.data() != nullptr && Fnv1a64(head) != Fnv1a64(expected_head))) {
    ::close(fd);
    return false;
  }
  Close();
  fd_ = fd;
  current_name_ = &name;
  head_ = std::move(head);
  position_ = {.device = static_cast<uint64_t>(st.st_dev),
               .inode = static_cast<uint64_t>(st.st_ino),
               .offset = offset,
               .head_bytes = static_cast<int64_t>(head_.size()),
               .head_hash = Fnv1a64(head_)};
  return true;
}

void FileFollower::Start(const std::optional<FilePosition>& saved) {
  Close();
  position_ = {};
  head_.clear();
  if (!saved || saved->offset == 0) return;  // the path, from its start, at the first Read
  // The saved file is recognised by its first bytes; the path is preferred
  // when it still is that file, else the rotated copy.
  for (const std::string* name : {&path_, &rotated_}) {
    const int fd = ::open(name->c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    std::string head;
    const bool same = ReadExactlyAt(fd, 0, static_cast<size_t>(saved->head_bytes), &head) &&
                      Fnv1a64(head) == saved->head_hash;
    ::close(fd);
    if (same && OpenAt(*name, saved->offset, head)) return;
  }
  ++lost_positions_;
}

bool FileFollower::ContentReplaced() const {
  struct stat st{};
  if (::fstat(fd_, &st) != 0) return false;
  if (st.st_size < position_.offset) return true;
  std::string head;
  return !head_.empty() && (!ReadExactlyAt(fd_, 0, head_.size(), &head) || head != head_);
}

bool FileFollower::CurrentIsPath(bool* path_exists) const {
  struct stat at_path{};
  *path_exists = ::stat(path_.c_str(), &at_path) == 0;
  return *path_exists && static_cast<uint64_t>(at_path.st_dev) == position_.device &&
         static_cast<uint64_t>(at_path.st_ino) == position_.inode;
}

absl::Status FileFollower::ReadLines(size_t budget, std::vector<FollowedLine>* lines, int64_t* consumed) {
  *consumed = 0;
  std::string& buffer = buffers_.emplace_back();
  buffer.resize(std::min(std::max<size_t>(budget, 4096), kReadChunk));
  ssize_t n;
  do {
    n = ::pread(fd_, buffer.data(), buffer.size(), position_.offset);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return absl::UnavailableError(absl::StrCat("cannot read ", *current_name_, ": ", std::strerror(errno)));
  buffer.resize(static_cast<size_t>(n));
  // Copied and truncated, then written past the old offset: the bytes read
  // belong to the new content, not after the old lines. Read nothing; the
  // caller sees the replacement and reads on from the copy.
  if (n > 0 && ContentReplaced()) return absl::OkStatus();
  size_t end = buffer.rfind('\n');
  if (end == std::string::npos) {
    // No line end in a whole chunk: a line too long to wait for, returned as is.
    if (buffer.size() < kReadChunk) return absl::OkStatus();
    end = buffer.size() - 1;
  }
  const std::string_view whole(buffer.data(), end + 1);
  size_t start = 0;
  while (start < whole.size()) {
    size_t stop = whole.find('\n', start);
    if (stop == std::string_view::npos) stop = whole.size();
    lines->push_back({.text = whole.substr(start, stop - start),
                      .file = *current_name_,
                      .offset = position_.offset + static_cast<int64_t>(start)});
    start = stop + 1;
  }
  if (position_.offset < kFileHeadBytes) {
    const size_t more = static_cast<size_t>(std::min<int64_t>(kFileHeadBytes - position_.offset,
                                                              static_cast<int64_t>(whole.size())));
    head_.append(whole.substr(0, more));
    position_.head_bytes = static_cast<int64_t>(head_.size());
    position_.head_hash = Fnv1a64(head_);
  }
  position_.offset += static_cast<int64_t>(whole.size());
  *consumed = static_cast<int64_t>(whole.size());
  return absl::OkStatus();
}

absl::Status FileFollower::Read(size_t max_bytes, std::vector<FollowedLine>* lines) {
  buffers_.clear();
  if (fd_ < 0) {
    if (!OpenAt(path_, 0, {})) {
      lag_bytes_ = 0;
      return absl::OkStatus();
    }
  }
  size_t read = 0;
  while (read < max_bytes) {
    int64_t consumed = 0;
    if (absl::Status s = ReadLines(max_bytes - read, lines, &consumed); !s.ok()) return s;
    if (consumed > 0) {
      read += static_cast<size_t>(consumed);
      moved_on_seen_ = false;
      continue;
    }
    // At the end of the current file.
    bool path_exists = false;
    if (CurrentIsPath(&path_exists)) {
      if (!ContentReplaced()) break;
      // Copied and truncated: what was not read yet is in the copy, if the
      // copy begins as this file did.
      ++truncations_;
      const int64_t offset = position_.offset;
      const std::string head = head_;
      if (!OpenAt(rotated_, offset, head)) {
        ++lost_positions_;
        if (!OpenAt(path_, 0, {})) break;
      }
      continue;
    }
    if (!path_exists) break;  // rotated away, and the new file is not there yet
    // The path names a new file. The writer may still append to the old one
    // until it reopens its log: switch once the old file has been at its end
    // on two looks in a row.
    if (!moved_on_seen_) {
      moved_on_seen_ = true;
      break;
    }
    if (!OpenAt(path_, 0, {})) break;
    ++rotations_;
  }
  UpdateLag();
  return absl::OkStatus();
}

std::optional<std::string> FileFollower::FirstLine() const {
  if (fd_ < 0) return std::nullopt;
  std::string line(4096, '\0');
  const ssize_t n = ::pread(fd_, line.data(), line.size(), 0);
  if (n <= 0) return std::nullopt;
  line.resize(static_cast<size_t>(n));
  const size_t end = line.find('\n');
  if (end == std::string::npos) return std::nullopt;
  line.resize(end);
  return line;
}

void FileFollower::UpdateLag() {
  lag_bytes_ = 0;
  struct stat st{};
  if (fd_ >= 0 && ::fstat(fd_, &st) == 0) lag_bytes_ = std::max<int64_t>(0, st.st_size - position_.offset);
  bool path_exists = false;
  if (fd_ >= 0 && !CurrentIsPath(&path_exists) && path_exists && ::stat(path_.c_str(), &st) == 0) {
    lag_bytes_ += st.st_size;
  }
}

}  // namespace ontime

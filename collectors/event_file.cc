#include "collectors/event_file.h"

#include "absl/strings/str_cat.h"

namespace ontime {
namespace {

// A record larger than this is refused rather than read into memory.
constexpr uint64_t kMaxRecordBytes = 1 << 20;

}  // namespace

absl::Status EventFileReader::Open(const std::string& path) {
  in_.open(path, std::ios::binary);
  if (!in_) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  int first;
  while ((first = in_.peek()) != EOF && (first == ' ' || first == '\n' || first == '\r' || first == '\t')) {
    in_.get();
  }
  format_ = first == '{' || first == EOF ? WireFormat::kJson : WireFormat::kProtobuf;
  in_.clear();
  in_.seekg(0);
  return absl::OkStatus();
}

std::optional<EventRecord> EventFileReader::Next() {
  return format_ == WireFormat::kJson ? NextJsonLine() : NextDelimited();
}

std::optional<EventRecord> EventFileReader::NextJsonLine() {
  while (std::getline(in_, buffer_)) {
    ++record_number_;
    if (!buffer_.empty() && buffer_.back() == '\r') buffer_.pop_back();
    if (buffer_.find_first_not_of(" \t") == std::string::npos) continue;
    EventRecord record;
    record.position = absl::StrCat("line ", record_number_);
    record.status = decoder_.DecodeJson(buffer_, &record.event);
    return record;
  }
  return std::nullopt;
}

std::optional<EventRecord> EventFileReader::NextDelimited() {
  uint64_t size = 0;
  int shift = 0;
  int byte;
  const uint64_t record_offset = offset_;
  while ((byte = in_.get()) != EOF) {
    ++offset_;
    size |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) break;
    shift += 7;
    if (shift > 63) break;
  }
  if (byte == EOF) return std::nullopt;
  ++record_number_;
  EventRecord record;
  record.position = absl::StrCat("record ", record_number_, " at byte ", record_offset);
  if (size > kMaxRecordBytes) {
    record.status = absl::InvalidArgumentError(
        absl::StrCat("record of ", size, " bytes is larger than the ", kMaxRecordBytes,
                     "-byte limit; the rest of the file cannot be framed"));
    in_.setstate(std::ios::eofbit);
    return record;
  }
  buffer_.resize(size);
  in_.read(buffer_.data(), static_cast<std::streamsize>(size));
  if (static_cast<uint64_t>(in_.gcount()) != size) {
    record.status = absl::DataLossError("the file ends in the middle of a record");
    return record;
  }
  offset_ += size;
  record.status = decoder_.DecodeProtobuf(buffer_, &record.event);
  return record;
}

}  // namespace ontime

#include "collectors/queue_log_collector.h"

namespace ontime {

QueueLogCollector::QueueLogCollector(const QueueLogSourceSettings& settings)
    : settings_(settings), follower_(settings.path), mapping_(settings) {}

void QueueLogCollector::Start(const std::optional<FilePosition>& saved) {
  follower_.Start(saved);
  csv_ = PbxwareCsvReader();
  if (settings_.format == QueueLogFormat::kPbxwareCsv && saved && saved->offset > 0) {
    if (std::optional<std::string> header = follower_.FirstLine()) (void)csv_.ReadHeader(*header);
  }
}

void QueueLogCollector::Reject(const FollowedLine& line, std::string reason, std::string detail,
                               QueueLogBatch* batch) {
  ++lines_by_use_[reason];
  batch->rejected.push_back({.text = std::string(line.text),
                             .file = std::string(line.file),
                             .offset = line.offset,
                             .reason = std::move(reason),
                             .detail = std::move(detail)});
}

absl::Status QueueLogCollector::Next(size_t max_bytes, QueueLogBatch* batch) {
  lines_.clear();
  absl::Status read = follower_.Read(max_bytes, &lines_);
  for (const FollowedLine& line : lines_) {
    ++batch->lines;
    if (line.text.empty() || line.text == "\r") {
      ++lines_by_use_["empty_line"];
      continue;
    }
    absl::Status parsed;
    if (settings_.format == QueueLogFormat::kAsterisk) {
      parsed = ParseAsteriskQueueLogLine(line.text, &record_);
    } else if (line.offset == 0) {
      // Each file of the export begins with its header.
      if (absl::Status header = csv_.ReadHeader(line.text); !header.ok()) {
        Reject(line, "missing_header", std::string(header.message()), batch);
      } else {
        ++lines_by_use_["header"];
      }
      continue;
    } else if (!csv_.has_header()) {
      Reject(line, "missing_header", "the file's first line is not a queue_log header", batch);
      continue;
    } else {
      parsed = csv_.ParseLine(line.text, &record_);
    }
    if (!parsed.ok()) {
      Reject(line, "unreadable_line", std::string(parsed.message()), batch);
      continue;
    }
    const int before = batch->events.size();
    QueueLogUse use = QueueLogUse::kNotACallEvent;
    if (absl::Status converted = mapping_.Convert(record_, &batch->events, &use); !converted.ok()) {
      Reject(line, "missing_call_id", std::string(converted.message()), batch);
      continue;
    }
    ++lines_by_use_[std::string(QueueLogUseName(use))];
    events_made_ += static_cast<int64_t>(batch->events.size() - before);
  }
  batch->end = follower_.position();
  return read;
}

}  // namespace ontime

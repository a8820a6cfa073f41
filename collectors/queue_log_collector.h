// A telephone system's queue_log, followed as it grows, as contact events:
// the file follower, the line parser of the source's format and the
// mapping to events, with what each line became counted. It decides nothing
// about delivery: the caller produces a batch's events, and saves
// batch.end (SaveFilePosition) only once the broker acknowledged them all.
//
//   QueueLogCollector collector(settings);
//   collector.Start(saved_position);
//   QueueLogBatch batch;
//   collector.Next(1 << 20, &batch);   // batch.events, batch.rejected, batch.end
#ifndef ONTIME_COLLECTORS_QUEUE_LOG_COLLECTOR_H_
#define ONTIME_COLLECTORS_QUEUE_LOG_COLLECTOR_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "collectors/file_follower.h"
#include "collectors/queue_log_events.h"
#include "collectors/queue_log_record.h"
#include "collectors/rejected_line.h"
#include "config/collector_settings.h"
#include "ontime/v1/contact_event.pb.h"

namespace ontime {

struct QueueLogBatch {
  // Cleared, not freed, between batches: the events' storage is reused.
  google::protobuf::RepeatedPtrField<v1::ContactEvent> events;
  std::vector<RejectedLine> rejected;
  int64_t lines = 0;
  // The position after this batch: safe to save once its events and
  // rejected lines are acknowledged.
  FilePosition end;

  void Clear() {
    events.Clear();
    rejected.clear();
    lines = 0;
  }
};

class QueueLogCollector {
 public:
  explicit QueueLogCollector(const QueueLogSourceSettings& settings);

  void Start(const std::optional<FilePosition>& saved);
  // The lines written since the last call (about `max_bytes` of them) as
  // events; an I/O error otherwise.
  absl::Status Next(size_t max_bytes, QueueLogBatch* batch);

  const FileFollower& follower() const { return follower_; }
  // Lines read, by what became of them (events, not_a_call_event,
  // unmapped_queue, or the reason they were rejected).
  const std::map<std::string, int64_t>& lines_by_use() const { return lines_by_use_; }
  int64_t events_made() const { return events_made_; }

 private:
  void Reject(const FollowedLine& line, std::string reason, std::string detail, QueueLogBatch* batch);

  const QueueLogSourceSettings& settings_;
  FileFollower follower_;
  QueueLogEvents mapping_;
  PbxwareCsvReader csv_;
  QueueLogRecord record_;
  std::vector<FollowedLine> lines_;
  std::map<std::string, int64_t> lines_by_use_;
  int64_t events_made_ = 0;
};

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_QUEUE_LOG_COLLECTOR_H_

// Where the records ontimed writes go (dead letters now, alerts next): the
// seam between the ingest pipeline and Kafka. KafkaProducer sends them to
// Kafka; tests hold them in memory (tests/support/fake_record_sink.h),
// refusing, failing and acknowledging out of order at will.
//
// The contract the pipeline's exactly-once rule rests on: every record
// gets a sequence number in the order sent, and FlushUpTo(n) returns OK
// only once every record up to n is acknowledged, whatever order the
// acknowledgements came in. A partition's checkpoint is saved only after
// FlushUpTo(the last record that partition sent) returned OK.
#ifndef ONTIME_KAFKA_RECORD_SINK_H_
#define ONTIME_KAFKA_RECORD_SINK_H_

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace ontime {

struct KafkaRecordOut {
  std::string_view topic;
  // -1: chosen by the key's hash, as every Kafka client does.
  int32_t partition = -1;
  std::string_view key;
  std::string_view value;
  // Unset: the time of sending.
  absl::Time timestamp = absl::InfinitePast();
  std::vector<std::pair<std::string_view, std::string_view>> headers = {};
  // Sent again whenever delivery fails (dead letters: at least once),
  // instead of counting as failed.
  bool resend_on_failure = false;
  // A null value (not an empty one): compaction removes the key's records.
  bool tombstone = false;
};

class RecordSink {
 public:
  virtual ~RecordSink() = default;

  // Queues a record (copied); waits while the local queue is full, at most
  // `queue_wait`. The record's sequence number is in *sequence if given.
  virtual absl::Status Send(const KafkaRecordOut& record, uint64_t* sequence, absl::Duration queue_wait) = 0;
  // Waits until every record up to `sequence` is acknowledged or failed,
  // within `timeout`; an error if any of them failed or time ran out.
  virtual absl::Status FlushUpTo(uint64_t sequence, absl::Duration timeout) = 0;
};

}  // namespace ontime

#endif  // ONTIME_KAFKA_RECORD_SINK_H_

// Saves checkpoints on a thread of its own, one at a time in the order
// asked, so the daemon's loop never waits on Kafka: with the broker away
// for minutes, signals, metrics and readiness go on. It also owns each
// partition's checkpoint generation, which must follow the saves exactly
// (a save writes to the slot its generation names).
//
// A checkpoint says "every record before this offset is done", dead letters
// included, so it goes out only once the records it covers that went to
// `acknowledged_first` (up to the sequence the save names) are
// acknowledged; if they are not within `flush_timeout`, the save fails and
// the previous checkpoint stands.
#ifndef ONTIME_DAEMON_CHECKPOINT_WRITER_H_
#define ONTIME_DAEMON_CHECKPOINT_WRITER_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "kafka/record_sink.h"
#include "kafka/state_store.h"
#include "kafka/topic_partition.h"

namespace ontime {

class CheckpointWriter {
 public:
  // Runs on the writer's thread once a save has succeeded or failed.
  using Done = std::function<void(const TopicPartition&, int64_t next_offset, const absl::Status&)>;

  CheckpointWriter(StateStore* store, RecordSink* acknowledged_first,
                   absl::Duration flush_timeout = absl::Minutes(1));
  CheckpointWriter(const CheckpointWriter&) = delete;
  CheckpointWriter& operator=(const CheckpointWriter&) = delete;
  // Finishes the saves asked for, then stops.
  ~CheckpointWriter();

  // The partition is ours with its loaded checkpoint's generation (0: none).
  void Adopt(const TopicPartition& tp, uint64_t generation);
  // Saves in the background, once the sink's records up to `after_sequence`
  // are acknowledged (0: none to wait for).
  void Save(const TopicPartition& tp, PartitionCheckpoint checkpoint, uint64_t after_sequence, Done done);
  // Saves after everything asked before, and waits for it (revocation,
  // shutdown); then forgets the partition.
  absl::Status SaveAndForget(const TopicPartition& tp, PartitionCheckpoint checkpoint, uint64_t after_sequence);
  // The partition went to another member: saves not yet begun are dropped,
  // for its new owner writes its checkpoints now.
  void Forget(const TopicPartition& tp);
  // Returns once every save asked for so far has finished: a partition's
  // checkpoint is loaded only when no save of ours can still land on it.
  void WaitIdle();
  // Hands memory the process freed back to the system (malloc_trim), here,
  // off the loop. Snapshots, restores and librdkafka's fetch buffers free
  // far more than the open contacts keep, and glibc holds on to it in each
  // thread's arena; without this, resident memory after catching up stays
  // at about 3.5 times what the contacts need.
  void ReleaseFreedMemory();

 private:
  struct Job {
    TopicPartition tp;
    PartitionCheckpoint checkpoint;
    uint64_t after_sequence = 0;
    Done done;
  };

  void Run();
  absl::Status Write(Job& job);

  StateStore* store_;
  RecordSink* acknowledged_first_;
  const absl::Duration flush_timeout_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  // Writer thread only: each partition's generation and whether it is sure.
  std::map<TopicPartition, std::pair<uint64_t, bool>> generations_;
  // Guarded by mutex_: bumped by Adopt and Forget; a save asked for under
  // an earlier epoch of its partition is void.
  std::map<TopicPartition, uint64_t> epoch_;
  std::thread thread_;
};

}  // namespace ontime

#endif  // ONTIME_DAEMON_CHECKPOINT_WRITER_H_

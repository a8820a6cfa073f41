#include "daemon/checkpoint_writer.h"

#include <malloc.h>

#include <future>
#include <string>

namespace ontime {

CheckpointWriter::CheckpointWriter(StateStore* store, RecordSink* acknowledged_first, absl::Duration flush_timeout)
    : store_(store), acknowledged_first_(acknowledged_first), flush_timeout_(flush_timeout), thread_([this] { Run(); }) {}

CheckpointWriter::~CheckpointWriter() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void CheckpointWriter::Run() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
  }
}

void CheckpointWriter::Adopt(const TopicPartition& tp, uint64_t generation) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++epoch_[tp];
  jobs_.push_back([this, tp, generation] { generations_[tp] = {generation, true}; });
  wake_.notify_one();
}

absl::Status CheckpointWriter::Write(Job& job) {
  if (job.after_sequence > 0 && acknowledged_first_ != nullptr) {
    if (absl::Status s = acknowledged_first_->FlushUpTo(job.after_sequence, flush_timeout_); !s.ok()) {
      return absl::Status(s.code(), std::string("the dead letters it covers are not all acknowledged: ") +
                                        std::string(s.message()));
    }
  }
  auto& [generation, known] = generations_[job.tp];
  job.checkpoint.generation = generation;
  job.checkpoint.generation_known = known;
  absl::Status saved = store_->Save(job.tp, job.checkpoint);
  generation = job.checkpoint.generation;
  known = job.checkpoint.generation_known;
  return saved;
}

void CheckpointWriter::Save(const TopicPartition& tp, PartitionCheckpoint checkpoint, uint64_t after_sequence,
                            Done done) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto job = std::make_shared<Job>(Job{tp, std::move(checkpoint), after_sequence, std::move(done)});
  const uint64_t epoch = epoch_[tp];
  jobs_.push_back([this, job, epoch] {
    {
      std::lock_guard<std::mutex> guard(mutex_);
      if (epoch_[job->tp] != epoch) return;
    }
    const absl::Status saved = Write(*job);
    job->done(job->tp, job->checkpoint.next_offset, saved);
  });
  wake_.notify_one();
}

absl::Status CheckpointWriter::SaveAndForget(const TopicPartition& tp, PartitionCheckpoint checkpoint,
                                             uint64_t after_sequence) {
  std::promise<absl::Status> result;
  std::future<absl::Status> saved = result.get_future();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto job = std::make_shared<Job>(Job{tp, std::move(checkpoint), after_sequence, nullptr});
    ++epoch_[tp];  // saves still queued for it are superseded by this one
    jobs_.push_back([this, job, &result] {
      result.set_value(Write(*job));
      generations_.erase(job->tp);
    });
  }
  wake_.notify_one();
  return saved.get();
}

void CheckpointWriter::WaitIdle() {
  std::promise<void> idle;
  std::future<void> done = idle.get_future();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back([&idle] { idle.set_value(); });
  }
  wake_.notify_one();
  done.wait();
}

void CheckpointWriter::ReleaseFreedMemory() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back([] { malloc_trim(0); });
  }
  wake_.notify_one();
}

void CheckpointWriter::Forget(const TopicPartition& tp) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++epoch_[tp];
  jobs_.push_back([this, tp] { generations_.erase(tp); });
  wake_.notify_one();
}

}  // namespace ontime

#include "daemon/checkpoint_writer.h"

#include <malloc.h>

#include <future>

namespace ontime {

CheckpointWriter::CheckpointWriter(CheckpointStore* store) : store_(store), thread_([this] { Run(); }) {}

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
  auto& [generation, known] = generations_[job.tp];
  job.checkpoint.generation = generation;
  job.checkpoint.generation_known = known;
  absl::Status saved = store_->Save(job.tp.topic, job.tp.partition, job.checkpoint);
  generation = job.checkpoint.generation;
  known = job.checkpoint.generation_known;
  return saved;
}

void CheckpointWriter::Save(const TopicPartition& tp, PartitionCheckpoint checkpoint, Done done) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto job = std::make_shared<Job>(Job{tp, std::move(checkpoint), std::move(done)});
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

absl::Status CheckpointWriter::SaveAndForget(const TopicPartition& tp, PartitionCheckpoint checkpoint) {
  std::promise<absl::Status> result;
  std::future<absl::Status> saved = result.get_future();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto job = std::make_shared<Job>(Job{tp, std::move(checkpoint), nullptr});
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

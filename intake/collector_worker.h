// The config's collectors on a thread of their own (inside ontimed) or on
// the caller's (`ontime collect`): one producer (idempotent, acks=all) for
// all of them, each collector's batches delivered in turn, a look at every
// source every poll_every when nothing is new.
//
//   CollectorWorker worker;
//   worker.Open(kafka_settings, config.collectors, config.runtime.ingest);
//   worker.Start();             // ontimed: until Stop()
//   worker.Run(/*once=*/true, &stop);   // or on this thread
#ifndef ONTIME_INTAKE_COLLECTOR_WORKER_H_
#define ONTIME_INTAKE_COLLECTOR_WORKER_H_

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "config/collector_settings.h"
#include "config/daemon_settings.h"
#include "intake/queue_log_shipper.h"
#include "kafka/kafka_producer.h"
#include "metrics/collector_counters.h"

namespace ontime {

class CollectorWorker {
 public:
  // Told of what goes wrong (a source unreadable, a broker that did not
  // acknowledge), one line each.
  using Report = std::function<void(const std::string&)>;

  explicit CollectorWorker(Report report);
  ~CollectorWorker();

  // `settings` and `ingest` must outlive the worker.
  absl::Status Open(const std::map<std::string, std::string>& kafka, const CollectorSettings& settings,
                    const IngestSettings& ingest);
  // Until `stop` (or, with `once`, until no source has anything new). An
  // error if a position could not be saved.
  absl::Status Run(bool once, const std::atomic<bool>* stop);
  void Start();
  // Stops the thread; what was sent is flushed, and its position saved if
  // the broker acknowledged it.
  void Stop();

  std::vector<CollectorCounters> counters() const;

 private:
  Report report_;
  KafkaProducer producer_;
  std::vector<std::unique_ptr<QueueLogShipper>> shippers_;
  absl::Duration poll_ = absl::Seconds(1);
  std::atomic<bool> stop_ = false;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<CollectorCounters> counters_;
};

}  // namespace ontime

#endif  // ONTIME_INTAKE_COLLECTOR_WORKER_H_

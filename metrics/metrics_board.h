// Where the daemon's loop leaves the finished metrics for the HTTP thread.
// Publish swaps in a whole new snapshot; Read takes a reference to the
// current one. Both hold the lock only to copy a pointer, so a scrape,
// however large, stalls the loop by no more than that.
#ifndef ONTIME_METRICS_METRICS_BOARD_H_
#define ONTIME_METRICS_METRICS_BOARD_H_

#include <prometheus/metric_family.h>

#include <memory>
#include <mutex>
#include <vector>

namespace ontime {

class MetricsBoard {
 public:
  using Snapshot = std::vector<prometheus::MetricFamily>;

  // Returns the snapshot replaced, for the caller to let go of outside the
  // lock (a scrape still reading it keeps it alive until done).
  std::shared_ptr<const Snapshot> Publish(Snapshot families) {
    return Swap(std::make_shared<const Snapshot>(std::move(families)));
  }
  std::shared_ptr<const Snapshot> Swap(std::shared_ptr<const Snapshot> next) {
    std::lock_guard<std::mutex> lock(mutex_);
    current_.swap(next);
    return next;
  }

  std::shared_ptr<const Snapshot> Read() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return current_ ? current_ : std::make_shared<const Snapshot>();
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const Snapshot> current_;
};

}  // namespace ontime

#endif  // ONTIME_METRICS_METRICS_BOARD_H_

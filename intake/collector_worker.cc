#include "intake/collector_worker.h"

#include "absl/strings/str_cat.h"

namespace ontime {

CollectorWorker::CollectorWorker(Report report) : report_(std::move(report)) {}

CollectorWorker::~CollectorWorker() { Stop(); }

absl::Status CollectorWorker::Open(const std::map<std::string, std::string>& kafka, const CollectorSettings& settings,
                                   const IngestSettings& ingest) {
  std::map<std::string, std::string> producer_settings = kafka;
  if (!producer_settings.count("client.id")) producer_settings["client.id"] = "ontime-collectors";
  if (absl::Status s = producer_.Open(producer_settings); !s.ok()) return s;
  for (const QueueLogSourceSettings& source : settings.queue_logs) {
    auto shipper = std::make_unique<QueueLogShipper>(source, ShipperTopicsFor(ingest, source.topic), producer_);
    if (absl::Status s = shipper->Open(); !s.ok()) return absl::Status(s.code(), absl::StrCat(source.name, ": ", s.message()));
    if (shipper->position_lost()) {
      report_(absl::StrCat(source.name, ": the file read up to is neither ", source.path,
                           " nor its rotated copy any more; reading ", source.path, " from its start"));
    }
    poll_ = std::min(poll_, source.poll_every);
    shippers_.push_back(std::move(shipper));
  }
  counters_.resize(shippers_.size());
  for (size_t i = 0; i < shippers_.size(); ++i) counters_[i] = shippers_[i]->counters();
  return absl::OkStatus();
}

absl::Status CollectorWorker::Run(bool once, const std::atomic<bool>* stop) {
  absl::Status result;
  while (stop == nullptr || !stop->load()) {
    bool read_any = false;
    for (size_t i = 0; i < shippers_.size(); ++i) {
      absl::StatusOr<int64_t> lines = shippers_[i]->Step(stop);
      if (!lines.ok()) {
        report_(std::string(lines.status().message()));
        // A position that cannot be saved would make every batch a
        // duplicate; stop rather than go on.
        if (lines.status().code() != absl::StatusCode::kUnavailable) result = lines.status();
      } else {
        read_any = read_any || *lines > 0;
      }
      std::lock_guard<std::mutex> lock(mutex_);
      counters_[i] = shippers_[i]->counters();
    }
    if (!result.ok()) break;
    if (!read_any) {
      if (once) break;
      std::this_thread::sleep_for(absl::ToChronoMilliseconds(poll_));
    }
  }
  (void)producer_.Close(absl::Seconds(10));
  return result;
}

void CollectorWorker::Start() {
  thread_ = std::thread([this] {
    if (absl::Status s = Run(false, &stop_); !s.ok()) report_(absl::StrCat("collectors stopped: ", s.message()));
  });
}

void CollectorWorker::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

std::vector<CollectorCounters> CollectorWorker::counters() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return counters_;
}

}  // namespace ontime

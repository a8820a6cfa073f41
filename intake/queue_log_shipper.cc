#include "intake/queue_log_shipper.h"

#include "absl/strings/str_cat.h"

namespace ontime {

QueueLogShipper::QueueLogShipper(const QueueLogSourceSettings& settings, ShipperTopics topics, RecordSink& sink)
    : settings_(settings), topics_(std::move(topics)), sink_(sink), collector_(settings) {}

absl::Status QueueLogShipper::Open() {
  absl::StatusOr<std::optional<FilePosition>> saved = LoadFilePosition(settings_.position_file);
  if (!saved.ok()) return saved.status();
  saved_ = *saved;
  collector_.Start(saved_);
  return absl::OkStatus();
}

absl::Status QueueLogShipper::Deliver(const std::atomic<bool>* stop) {
  EventShipment shipment(sink_, topics_);
  for (const v1::ContactEvent& event : batch_.events) {
    if (absl::Status s = shipment.Send(event); !s.ok()) return s;
  }
  for (const RejectedLine& line : batch_.rejected) {
    if (absl::Status s = shipment.SendDeadLetter(settings_.name, line); !s.ok()) return s;
  }
  return shipment.AwaitAcknowledged(stop);
}

absl::StatusOr<int64_t> QueueLogShipper::Step(const std::atomic<bool>* stop) {
  batch_.Clear();
  const absl::Status read = collector_.Next(1 << 20, &batch_);
  if (!read.ok()) return read;
  if (batch_.lines == 0 && saved_ && batch_.end == *saved_) return 0;
  if (absl::Status delivered = Deliver(stop); !delivered.ok()) {
    ++delivery_failures_;
    collector_.Start(saved_);
    if (stop != nullptr && stop->load()) return 0;
    return absl::UnavailableError(absl::StrCat(settings_.name, ": not acknowledged (", delivered.message(),
                                               "); reading again from the last saved position"));
  }
  if (absl::Status s = SaveFilePosition(settings_.position_file, batch_.end); !s.ok()) return s;
  saved_ = batch_.end;
  events_produced_ += static_cast<uint64_t>(batch_.events.size());
  dead_letters_ += batch_.rejected.size();
  return batch_.lines;
}

CollectorCounters QueueLogShipper::counters() const {
  CollectorCounters c;
  c.collector = settings_.name;
  for (const auto& [use, n] : collector_.lines_by_use()) c.lines[use] = static_cast<uint64_t>(n);
  c.events_produced = events_produced_;
  c.dead_letters = dead_letters_;
  c.delivery_failures = delivery_failures_;
  const FileFollower& f = collector_.follower();
  c.lag_bytes = f.lag_bytes();
  c.rotations = static_cast<uint64_t>(f.rotations());
  c.truncations = static_cast<uint64_t>(f.truncations());
  c.positions_lost = static_cast<uint64_t>(f.lost_positions());
  return c;
}

}  // namespace ontime

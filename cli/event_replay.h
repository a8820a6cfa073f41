// Events through engines with event time as the clock, one engine per
// partition (a file is partition 0), fed in order: what `ontime replay` and
// `ontime statement --events` share, so both measure exactly as ontimed does.
//
//   EventReplay replay(config.engine, [&](const Engine& e, const Outcome& o) { ... });
//   ReadEvents({.events_path = "events.jsonl"}, config.runtime.ingest, replay, std::cerr);
//   replay.Finish(/*open_end=*/false);
#ifndef ONTIME_CLI_EVENT_REPLAY_H_
#define ONTIME_CLI_EVENT_REPLAY_H_

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "config/config_loader.h"
#include "config/daemon_settings.h"
#include "engine/engine.h"
#include "engine/figures.h"

namespace ontime {

class EventReplay {
 public:
  using OutcomeObserver = std::function<void(const Engine&, const Outcome&)>;

  EventReplay(EngineConfig config, OutcomeObserver on_outcome)
      : config_(std::move(config)), on_outcome_(std::move(on_outcome)) {}

  absl::Status Apply(int32_t partition, const Event& event, std::string_view position, std::ostream& err);
  // A record that never became an event. `reason`: the dead-letter reason
  // ontimed would give (a label word).
  void Bad(std::string_view position, std::string_view reason, std::string_view detail, std::ostream& err);
  void CountRecord() { ++records_; }
  // Events after `until` are counted, not applied: the figures as they
  // stood then (a statement as of its publication date).
  void StopAt(absl::Time until) { until_ = until; }
  uint64_t after_until() const { return after_until_; }
  // Makes every outcome final (unless `open_end`: the input goes on, as for
  // ontimed).
  void Finish(bool open_end, std::ostream& err);
  // What the engines add up to (a copy of every aggregate cell).
  Figures Sum() const;

  // The newest event time of all engines (InfinitePast before any event).
  absl::Time NewestEventTime() const;
  // Brings every engine's signals to `now`, so each engine's open contacts
  // read overdue as of the same instant (each has seen only its own
  // partition's newest event).
  void AdvanceAllTo(absl::Time now);

  const std::map<int32_t, std::unique_ptr<Engine>>& engines() const { return engines_; }
  const EngineConfig& config() const { return config_; }
  uint64_t records() const { return records_; }
  uint64_t bad() const { return bad_; }
  uint64_t at_risk_signals() const { return at_risk_; }
  uint64_t overdue_signals() const { return overdue_; }
  const std::map<std::string, uint64_t>& bad_by_reason() const { return bad_by_reason_; }

 private:
  void Drain(const Engine& engine);

  EngineConfig config_;
  OutcomeObserver on_outcome_;
  std::map<int32_t, std::unique_ptr<Engine>> engines_;
  Effects effects_;
  absl::Time until_ = absl::InfiniteFuture();
  uint64_t records_ = 0, bad_ = 0, at_risk_ = 0, overdue_ = 0, after_until_ = 0;
  std::map<std::string, uint64_t> bad_by_reason_;
};

// The config at `path`, checked as the engines will take it; nullopt with
// every error written to `err` (file:line:column) otherwise.
std::optional<LoadedConfig> LoadConfigForEngines(const std::string& path, std::ostream& err);

struct EventSource {
  std::string events_path;
  // Or a topic range: every partition from its start to its current end.
  std::string brokers;
  std::string topic;
};

// Feeds every record of the source to `replay`; bad records are reported
// and skipped. An error: the source could not be read.
absl::Status ReadEvents(const EventSource& source, const IngestSettings& ingest, EventReplay& replay,
                        std::ostream& err);

}  // namespace ontime

#endif  // ONTIME_CLI_EVENT_REPLAY_H_

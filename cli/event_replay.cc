#include "cli/event_replay.h"

#include <algorithm>
#include <optional>
#include <ostream>

#include "absl/strings/str_cat.h"
#include "collectors/event_file.h"
#include "collectors/ingest_admission.h"
#include "kafka/kafka_topic_reader.h"

namespace ontime {
namespace {

// Bad lines are listed up to this many; the rest are only counted.
constexpr int kMaxReportedBadRecords = 20;

}  // namespace

std::optional<LoadedConfig> LoadConfigForEngines(const std::string& path, std::ostream& err) {
  ConfigResult loaded = LoadConfigFile(path);
  if (!loaded.ok()) {
    for (const ConfigError& e : loaded.errors) err << e.ToString() << "\n";
    return std::nullopt;
  }
  if (auto engine = Engine::Create(loaded.config.engine); !engine.ok()) {
    err << path << ": " << engine.status().message() << "\n";
    return std::nullopt;
  }
  return std::move(loaded.config);
}

absl::Status EventReplay::Apply(int32_t partition, const Event& event, std::string_view position,
                                std::ostream& err) {
  if (event.time > until_) {
    ++after_until_;
    return absl::OkStatus();
  }
  auto it = engines_.find(partition);
  if (it == engines_.end()) {
    auto engine = Engine::Create(config_);
    if (!engine.ok()) return engine.status();
    it = engines_.emplace(partition, std::move(*engine)).first;
  }
  Engine& engine = *it->second;
  engine.Apply(event, effects_);
  if (effects_.disposition == Disposition::kInvalid) {
    Bad(position, kInvalidEventReason, effects_.invalid_reason, err);
  }
  // Event time is the clock: signals fall due as the events pass them.
  engine.Advance(engine.newest_event_time(), effects_);
  Drain(engine);
  return absl::OkStatus();
}

void EventReplay::Bad(std::string_view position, std::string_view reason, std::string_view detail,
                      std::ostream& err) {
  ++bad_by_reason_[std::string(reason)];
  if (++bad_ <= kMaxReportedBadRecords) err << position << ": " << detail << " (skipped)\n";
}

void EventReplay::Finish(bool open_end, std::ostream& err) {
  for (auto& [partition, engine] : engines_) {
    if (!open_end) engine->FinishInput(effects_);
    Drain(*engine);
  }
  if (bad_ > kMaxReportedBadRecords) err << bad_ - kMaxReportedBadRecords << " more bad records skipped\n";
}

Figures EventReplay::Sum() const {
  Figures figures(config_);
  for (const auto& [partition, engine] : engines_) figures.Add(*engine);
  return figures;
}

absl::Time EventReplay::NewestEventTime() const {
  absl::Time newest = absl::InfinitePast();
  for (const auto& [partition, engine] : engines_) newest = std::max(newest, engine->newest_event_time());
  return newest;
}

void EventReplay::AdvanceAllTo(absl::Time now) {
  for (auto& [partition, engine] : engines_) {
    engine->Advance(now, effects_);
    Drain(*engine);
  }
}

void EventReplay::Drain(const Engine& engine) {
  if (on_outcome_) {
    for (const Outcome& outcome : effects_.outcomes) on_outcome_(engine, outcome);
  }
  for (const Signal& signal : effects_.signals) {
    (signal.kind == SignalKind::kAtRisk ? at_risk_ : overdue_)++;
  }
  effects_.Clear();
}

absl::Status ReadEvents(const EventSource& source, const IngestSettings& ingest, EventReplay& replay,
                        std::ostream& err) {
  if (!source.topic.empty()) {
    // The daemon's own admission rules and the topic's format from the
    // config, so replay refuses exactly what ontimed dead-letters. A topic
    // the config does not list is read as JSON when a value opens with '{'.
    RecordAdmission admission(AdmissionLimitsOf(ingest));
    const std::optional<WireFormat> topic_format = TopicFormat(ingest, source.topic);
    Event event;
    absl::Status failed;
    const absl::Status read = ReadTopicRange(
        {{"bootstrap.servers", source.brokers}}, source.topic, std::nullopt, [&](const KafkaRecord& record) {
          if (!failed.ok()) return;
          replay.CountRecord();
          const std::string position = absl::StrCat(source.topic, "/", record.partition, "@", record.offset);
          const WireFormat format = topic_format.value_or(
              !record.value.empty() && record.value.front() == '{' ? WireFormat::kJson : WireFormat::kProtobuf);
          if (std::optional<Refusal> refused = admission.Admit(format, record.value, record.timestamp_ms, &event)) {
            replay.Bad(position, refused->reason, std::string(refused->reason) + ": " + refused->detail, err);
            return;
          }
          failed = replay.Apply(record.partition, event, position, err);
        });
    return read.ok() ? failed : read;
  }
  EventFileReader reader;
  if (absl::Status s = reader.Open(source.events_path); !s.ok()) return s;
  while (std::optional<EventRecord> record = reader.Next()) {
    replay.CountRecord();
    const std::string position = absl::StrCat(source.events_path, ": ", record->position);
    if (!record->status.ok()) {
      replay.Bad(position, "unreadable", std::string(record->status.message()), err);
      continue;
    }
    if (absl::Status s = replay.Apply(0, record->event, position, err); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace ontime

#include "cli/replay_command.h"

#include <fstream>
#include <map>
#include <memory>
#include <ostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "collectors/event_file.h"
#include "collectors/ingest_admission.h"
#include "config/config_loader.h"
#include "engine/engine.h"
#include "engine/figures.h"
#include "kafka/kafka_topic_reader.h"
#include "statements/figures_report.h"
#include "statements/outcome_json.h"

namespace ontime {
namespace {

// Bad lines are listed up to this many; the rest are only counted.
constexpr int kMaxReportedBadRecords = 20;

// One engine per partition (a file is partition 0), fed in order.
class Replay {
 public:
  Replay(EngineConfig config, std::ostream* outcomes) : config_(std::move(config)), outcomes_(outcomes) {}

  absl::Status Apply(int32_t partition, const Event& event, std::string_view position,
                     std::ostream& err) {
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
    // Replay's clock is event time: signals fall due as the events pass them.
    engine.Advance(engine.newest_event_time(), effects_);
    Drain(engine);
    return absl::OkStatus();
  }

  // `reason`: the dead-letter reason ontimed would give (a label word).
  void Bad(std::string_view position, std::string_view reason, std::string_view detail, std::ostream& err) {
    ++bad_by_reason_[std::string(reason)];
    if (++bad_ <= kMaxReportedBadRecords) err << position << ": " << detail << " (skipped)\n";
  }

  void Finish(bool open_end, std::ostream* aggregates_out, std::ostream& out, std::ostream& err) {
    Figures figures(config_);
    for (auto& [partition, engine] : engines_) {
      if (!open_end) engine->FinishInput(effects_);
      Drain(*engine);
      figures.Add(*engine);
    }
    if (bad_ > kMaxReportedBadRecords) {
      err << bad_ - kMaxReportedBadRecords << " more bad records skipped\n";
    }
    auto n = [&](Disposition d) { return figures.events(d); };
    out << absl::StrFormat(
        "%d records: %d applied, %d duplicate, %d late, %d held for their receipt "
        "(%d contacts orphaned), %d refused, %d bad\n",
        records_, n(Disposition::kApplied), n(Disposition::kDuplicate), n(Disposition::kLate),
        n(Disposition::kHeld), figures.counters().orphans, n(Disposition::kRefused), bad_);
    out << absl::StrFormat("%d contacts still open; %d at-risk and %d overdue signals on the way\n",
                           figures.open_contacts(), at_risk_, overdue_);
    if (figures.engines() > 1) out << figures.engines() << " partitions, one engine each\n";
    // As `ontime state` prints ontimed's dead letters, so the two compare.
    out << "bad records:";
    for (const auto& [reason, count] : bad_by_reason_) out << " " << reason << " " << count;
    out << (bad_by_reason_.empty() ? " none\n" : "\n");
    PrintSummary(config_.standards, figures.aggregates(), out);
    if (aggregates_out != nullptr) WriteAggregatesJson(figures.aggregates(), *aggregates_out);
  }

  void CountRecord() { ++records_; }

 private:
  void Drain(const Engine& engine) {
    if (outcomes_ != nullptr) {
      for (const Outcome& outcome : effects_.outcomes) *outcomes_ << OutcomeJson(engine, outcome) << "\n";
    }
    for (const Signal& signal : effects_.signals) {
      (signal.kind == SignalKind::kAtRisk ? at_risk_ : overdue_)++;
    }
    effects_.Clear();
  }

  EngineConfig config_;
  std::ostream* outcomes_;
  std::map<int32_t, std::unique_ptr<Engine>> engines_;
  Effects effects_;
  uint64_t records_ = 0, bad_ = 0, at_risk_ = 0, overdue_ = 0;
  std::map<std::string, uint64_t> bad_by_reason_;
};

}  // namespace

int RunReplay(const ReplayOptions& options, std::ostream& out, std::ostream& err) {
  ConfigResult loaded = LoadConfigFile(options.config_path);
  if (!loaded.ok()) {
    for (const ConfigError& e : loaded.errors) err << e.ToString() << "\n";
    return 2;
  }
  if (auto engine = Engine::Create(loaded.config.engine); !engine.ok()) {
    err << options.config_path << ": " << engine.status().message() << "\n";
    return 2;
  }
  std::ofstream outcomes;
  if (!options.outcomes_path.empty()) {
    outcomes.open(options.outcomes_path, std::ios::trunc);
    if (!outcomes) {
      err << "cannot write " << options.outcomes_path << "\n";
      return 1;
    }
  }
  const IngestSettings ingest = loaded.config.runtime.ingest;
  Replay replay(std::move(loaded.config.engine), outcomes.is_open() ? &outcomes : nullptr);

  if (!options.topic.empty()) {
    // The daemon's own admission rules and the topic's format from the
    // config, so replay refuses exactly what ontimed dead-letters. A topic
    // the config does not list is read as JSON when a value opens with '{'.
    RecordAdmission admission(AdmissionLimitsOf(ingest));
    const std::optional<WireFormat> topic_format = TopicFormat(ingest, options.topic);
    Event event;
    absl::Status failed;
    const absl::Status read = ReadTopicRange(
        {{"bootstrap.servers", options.brokers}}, options.topic, std::nullopt,
        [&](const KafkaRecord& record) {
          if (!failed.ok()) return;
          replay.CountRecord();
          const std::string position =
              absl::StrCat(options.topic, "/", record.partition, "@", record.offset);
          const WireFormat format = topic_format.value_or(
              !record.value.empty() && record.value.front() == '{' ? WireFormat::kJson : WireFormat::kProtobuf);
          if (std::optional<Refusal> refused = admission.Admit(format, record.value, record.timestamp_ms, &event)) {
            replay.Bad(position, refused->reason, std::string(refused->reason) + ": " + refused->detail, err);
            return;
          }
          failed = replay.Apply(record.partition, event, position, err);
        });
    if (!read.ok() || !failed.ok()) {
      err << (read.ok() ? failed : read).message() << "\n";
      return 1;
    }
  } else {
    EventFileReader reader;
    if (absl::Status s = reader.Open(options.events_path); !s.ok()) {
      err << s.message() << "\n";
      return 1;
    }
    while (std::optional<EventRecord> record = reader.Next()) {
      replay.CountRecord();
      const std::string position = absl::StrCat(options.events_path, ": ", record->position);
      if (!record->status.ok()) {
        replay.Bad(position, "unreadable", std::string(record->status.message()), err);
        continue;
      }
      if (absl::Status s = replay.Apply(0, record->event, position, err); !s.ok()) {
        err << s.message() << "\n";
        return 1;
      }
    }
  }
  std::ofstream aggregates;
  if (!options.aggregates_path.empty()) {
    aggregates.open(options.aggregates_path, std::ios::trunc);
    if (!aggregates) {
      err << "cannot write " << options.aggregates_path << "\n";
      return 1;
    }
  }
  replay.Finish(options.open_end, aggregates.is_open() ? &aggregates : nullptr, out, err);
  return 0;
}

}  // namespace ontime

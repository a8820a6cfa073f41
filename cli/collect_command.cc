#include "cli/collect_command.h"

#include <google/protobuf/util/json_util.h>

#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "collectors/file_position.h"
#include "collectors/queue_log_collector.h"
#include "config/config_loader.h"
#include "kafka/kafka_producer.h"

namespace ontime {
namespace {

struct RunningSource {
  const QueueLogSourceSettings* settings = nullptr;
  std::unique_ptr<QueueLogCollector> collector;
  std::string topic;
  WireFormat format = WireFormat::kProtobuf;
  std::optional<FilePosition> saved;
  int64_t events_sent = 0;
  int64_t rejected_sent = 0;
};

bool Stopping(const CollectOptions& options) { return options.stop != nullptr && options.stop->load(); }

// Sends a batch and waits for the broker's acknowledgement of all of it:
// while the broker is away, as long as it takes (or until told to stop).
absl::Status Deliver(const CollectOptions& options, const IngestSettings& ingest, RunningSource& source,
                     const QueueLogBatch& batch, KafkaProducer& producer, std::ostream& err) {
  google::protobuf::util::JsonPrintOptions json;
  std::string value;
  for (const v1::ContactEvent& event : batch.events) {
    value.clear();
    if (source.format == WireFormat::kJson) {
      (void)google::protobuf::util::MessageToJsonString(event, &value, json);
    } else {
      event.SerializeToString(&value);
    }
    const absl::Time time = absl::FromUnixSeconds(event.event_time().seconds()) +
                            absl::Nanoseconds(event.event_time().nanos());
    if (absl::Status s = producer.Send({.topic = source.topic, .key = event.contact_id(), .value = value,
                                        .timestamp = time});
        !s.ok()) {
      return s;
    }
  }
  for (const RejectedLine& line : batch.rejected) {
    const std::string offset = absl::StrCat(line.offset);
    if (absl::Status s = producer.Send({.topic = ingest.dead_letter_topic,
                                        .key = source.settings->name,
                                        .value = line.text,
                                        .headers = {{"ontime.reason", line.reason},
                                                    {"ontime.detail", line.detail},
                                                    {"ontime.source.collector", source.settings->name},
                                                    {"ontime.source.file", line.file},
                                                    {"ontime.source.offset", offset}}});
        !s.ok()) {
      return s;
    }
  }
  const uint64_t last = producer.last_sequence();
  bool told = false;
  for (;;) {
    absl::Status acked = producer.FlushUpTo(last, absl::Seconds(5));
    if (acked.ok() || !absl::IsDeadlineExceeded(acked)) return acked;
    if (Stopping(options)) return acked;
    if (!told) {
      err << "ontime collect: " << source.settings->name << ": waiting for the broker to acknowledge "
          << batch.events.size() << " events\n";
      told = true;
    }
  }
}

void PrintCounts(const std::vector<RunningSource>& sources, std::ostream& out) {
  for (const RunningSource& source : sources) {
    out << source.settings->name << ": " << source.events_sent << " events sent, " << source.rejected_sent
        << " dead letters; lines:";
    for (const auto& [use, count] : source.collector->lines_by_use()) out << " " << use << " " << count;
    const FileFollower& f = source.collector->follower();
    out << "; rotations " << f.rotations() << ", truncations " << f.truncations() << ", positions lost "
        << f.lost_positions() << "\n";
  }
}

}  // namespace

int RunCollect(const CollectOptions& options, std::ostream& out, std::ostream& err) {
  ConfigResult loaded = LoadConfigFile(options.config_path);
  if (!loaded.ok()) {
    for (const ConfigError& e : loaded.errors) err << e.ToString() << "\n";
    return 78;
  }
  const LoadedConfig& config = loaded.config;
  if (config.collectors.queue_logs.empty()) {
    err << "ontime collect: " << options.config_path << " has no collectors (a collectors: queue_logs: list)\n";
    return 78;
  }
  std::map<std::string, std::string> kafka = config.runtime.kafka;
  if (!options.brokers.empty()) kafka["bootstrap.servers"] = options.brokers;
  if (kafka["bootstrap.servers"] == "embedded") {
    err << "ontime collect: it needs a real broker: give --brokers HOST:PORT or kafka.bootstrap.servers\n";
    return 64;
  }
  kafka["client.id"] = "ontime-collect";
  KafkaProducer producer;
  if (absl::Status s = producer.Open(kafka); !s.ok()) {
    err << "ontime collect: " << s.message() << "\n";
    return 1;
  }
  const IngestSettings& ingest = config.runtime.ingest;
  std::vector<RunningSource> sources;
  for (const QueueLogSourceSettings& settings : config.collectors.queue_logs) {
    RunningSource& source = sources.emplace_back();
    source.settings = &settings;
    source.topic = settings.topic.empty() ? ingest.topics.front().name : settings.topic;
    for (const TopicSettings& topic : ingest.topics) {
      if (topic.name == source.topic) source.format = topic.format;
    }
    absl::StatusOr<std::optional<FilePosition>> saved = LoadFilePosition(settings.position_file);
    if (!saved.ok()) {
      err << "ontime collect: " << settings.name << ": " << saved.status().message() << "\n";
      return 1;
    }
    source.saved = *saved;
    source.collector = std::make_unique<QueueLogCollector>(settings);
    source.collector->Start(source.saved);
    if (source.collector->follower().lost_positions() > 0) {
      err << "ontime collect: " << settings.name << ": the file read up to is neither " << settings.path
          << " nor its rotated copy any more; reading " << settings.path << " from its start\n";
    }
  }
  absl::Duration poll = absl::Seconds(1);
  for (const RunningSource& source : sources) poll = std::min(poll, source.settings->poll_every);

  int exit_code = 0;
  QueueLogBatch batch;
  while (!Stopping(options)) {
    bool read_any = false;
    for (RunningSource& source : sources) {
      batch.Clear();
      if (absl::Status s = source.collector->Next(1 << 20, &batch); !s.ok()) {
        err << "ontime collect: " << source.settings->name << ": " << s.message() << "\n";
        exit_code = 1;
      }
      if (batch.lines == 0 && source.saved && batch.end == *source.saved) continue;
      read_any = read_any || batch.lines > 0;
      absl::Status delivered = Deliver(options, ingest, source, batch, producer, err);
      if (!delivered.ok()) {
        // Not acknowledged: read again from the saved position (the same
        // lines make the same event ids, so a partial delivery counts once).
        err << "ontime collect: " << source.settings->name << ": " << delivered.message()
            << "; reading again from the last saved position\n";
        source.collector->Start(source.saved);
        continue;
      }
      if (absl::Status s = SaveFilePosition(source.settings->position_file, batch.end); !s.ok()) {
        err << "ontime collect: " << source.settings->name << ": " << s.message() << "\n";
        return 1;
      }
      source.saved = batch.end;
      source.events_sent += static_cast<int64_t>(batch.events.size());
      source.rejected_sent += static_cast<int64_t>(batch.rejected.size());
    }
    if (!read_any) {
      if (options.once) break;
      std::this_thread::sleep_for(absl::ToChronoMilliseconds(poll));
    }
  }
  (void)producer.Close(absl::Seconds(10));
  PrintCounts(sources, out);
  return exit_code;
}

}  // namespace ontime

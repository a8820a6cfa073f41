#include "cli/state_command.h"

#include <fstream>

#include "absl/strings/str_format.h"
#include "config/config_loader.h"
#include "engine/engine.h"
#include "engine/figures.h"
#include "kafka/checkpoint_store.h"
#include "kafka/kafka_admin.h"
#include "statements/figures_report.h"

namespace ontime {

int RunState(const StateOptions& options, std::ostream& out, std::ostream& err) {
  ConfigResult loaded = LoadConfigFile(options.config_path);
  if (!loaded.ok()) {
    for (const ConfigError& e : loaded.errors) err << e.ToString() << "\n";
    return 2;
  }
  RuntimeSettings& settings = loaded.config.runtime;
  if (!options.brokers.empty()) settings.kafka["bootstrap.servers"] = options.brokers;
  if (settings.embedded()) {
    err << "the embedded Kafka lives inside ontimed; give --brokers HOST:PORT of a real cluster\n";
    return 2;
  }
  KafkaProducer unused;  // the store writes through it; reading needs none
  CheckpointStore store(&unused, settings.kafka, settings.ingest.state_topic, "ontime state");
  absl::StatusOr<int> state_partitions =
      CountPartitions(settings.kafka, settings.ingest.state_topic, absl::Seconds(30));
  if (!state_partitions.ok() || *state_partitions <= 0) {
    err << "no state topic " << settings.ingest.state_topic << " at " << settings.kafka["bootstrap.servers"]
        << "\n";
    return 1;
  }
  if (absl::Status s = store.Prepare(*state_partitions); !s.ok()) {
    err << s.message() << "\n";
    return 1;
  }

  Figures figures(loaded.config.engine);
  std::map<std::string, uint64_t> dead_letters;
  for (const TopicSettings& topic : settings.ingest.topics) {
    absl::StatusOr<int> partitions = CountPartitions(settings.kafka, topic.name, absl::Seconds(30));
    if (!partitions.ok()) {
      err << partitions.status().message() << "\n";
      return 1;
    }
    for (int32_t p = 0; p < *partitions; ++p) {
      absl::StatusOr<std::optional<PartitionCheckpoint>> checkpoint = store.Load(TopicPartition{topic.name, p});
      if (!checkpoint.ok()) {
        err << checkpoint.status().message() << "\n";
        return 1;
      }
      if (!*checkpoint) {
        out << absl::StrFormat("%s/%d: no checkpoint\n", topic.name, p);
        continue;
      }
      absl::StatusOr<std::unique_ptr<Engine>> engine =
          Engine::Restore(loaded.config.engine, (*checkpoint)->engine_state);
      if (!engine.ok()) {
        err << topic.name << "/" << p << ": " << engine.status().message() << "\n";
        return 1;
      }
      out << absl::StrFormat("%s/%d: offset %d, checkpoint %d, %d contacts open\n", topic.name, p,
                             (*checkpoint)->next_offset, (*checkpoint)->generation, (*engine)->open_contacts());
      figures.Add(**engine);
      for (const auto& [reason, n] : (*checkpoint)->dead_letters_by_reason) dead_letters[reason] += n;
    }
  }
  auto n = [&](Disposition d) { return figures.events(d); };
  out << absl::StrFormat("events: %d applied, %d duplicate, %d late, %d held, %d refused, %d invalid; "
                         "%d contacts orphaned, %d open\n",
                         n(Disposition::kApplied), n(Disposition::kDuplicate), n(Disposition::kLate),
                         n(Disposition::kHeld), n(Disposition::kRefused), n(Disposition::kInvalid),
                         figures.counters().orphans, figures.open_contacts());
  out << "dead letters:";
  for (const auto& [reason, count] : dead_letters) out << " " << reason << " " << count;
  out << (dead_letters.empty() ? " none\n" : "\n");
  PrintSummary(loaded.config.engine.standards, figures.aggregates(), out);
  if (!options.aggregates_path.empty()) {
    std::ofstream file(options.aggregates_path, std::ios::trunc);
    WriteAggregatesJson(figures.aggregates(), file);
    if (!file.flush()) {
      err << "cannot write " << options.aggregates_path << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace ontime

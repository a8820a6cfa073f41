#include "cli/collect_command.h"

#include "absl/strings/str_cat.h"
#include "config/config_loader.h"
#include "intake/collector_worker.h"

namespace ontime {

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
  CollectorWorker worker([&err](const std::string& problem) { err << "ontime collect: " << problem << "\n"; });
  if (absl::Status s = worker.Open(kafka, config.collectors, config.runtime.ingest); !s.ok()) {
    err << "ontime collect: " << s.message() << "\n";
    return 1;
  }
  const absl::Status ran = worker.Run(options.once, options.stop);
  for (const CollectorCounters& c : worker.counters()) {
    out << c.collector << ": " << c.events_produced << " events sent, " << c.dead_letters << " dead letters; lines:";
    for (const auto& [use, count] : c.lines) out << " " << use << " " << count;
    out << "; rotations " << c.rotations << ", truncations " << c.truncations << ", positions lost "
        << c.positions_lost << "\n";
  }
  return ran.ok() ? 0 : 1;
}

}  // namespace ontime

// ontimed --config FILE: the daemon (see daemon/ontimed.h).
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <string>
#include <string_view>

#include "absl/time/civil_time.h"
#include "config/config_loader.h"
#include "daemon/log_format.h"
#include "daemon/ontimed.h"
#include "kafka/protobuf_logging.h"

namespace {

constexpr std::string_view kUsage =
    "usage: ontimed --config FILE [--today YYYY-MM-DD]\n"
    "  Consumes contact events from Kafka, measures them against the standards\n"
    "  in FILE, and serves /metrics, /-/healthy and /-/ready on daemon.listen.\n"
    "  SIGTERM drains and exits 0; SIGHUP reloads the standards.\n"
    "  --today DAY   the day the embedded simulator takes as today (its first\n"
    "                simulated day is the first weekday of the month before);\n"
    "                default: the real date\n"
    "  --version     the version and the revision it was built from\n";

int Usage(std::string_view problem) {
  std::cerr << "ontimed: " << problem << "\n" << kUsage;
  return 64;
}

}  // namespace

int main(int argc, char** argv) {
  std::string config_path;
  ontime::OntimedOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (flag == "--version") {
      std::cout << "ontimed " << ONTIME_VERSION << " (revision " << ONTIME_REVISION << ")\n";
      return 0;
    }
    if (i + 1 >= argc) return Usage(std::string(flag) + " needs a value");
    if (flag == "--config") {
      config_path = argv[++i];
    } else if (flag == "--today") {
      absl::CivilDay today;
      if (!absl::ParseCivilTime(argv[++i], &today)) return Usage("--today takes a date like 2026-12-02");
      options.today = today;
    } else {
      return Usage("unknown option " + std::string(flag));
    }
  }
  if (config_path.empty()) return Usage("--config FILE is needed");
  // Logs to stderr; stdout carries the live lines.
  spdlog::set_default_logger(spdlog::stderr_color_mt("ontimed"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  ontime::RouteProtobufLogsToSpdlog();
  ontime::ConfigResult loaded = ontime::LoadConfigFile(config_path);
  if (!loaded.ok()) {
    for (const ontime::ConfigError& e : loaded.errors) std::cerr << e.ToString() << "\n";
    return 2;
  }
  ontime::UseLogFormat(loaded.config.runtime.daemon.log_format);
  // Which settings the environment gave, never their values (secrets).
  for (const ontime::EnvironmentOverride& o : loaded.from_environment) {
    spdlog::info("{} sets {}", o.variable, o.place);
  }
  ontime::Ontimed daemon(config_path, std::move(loaded.config), std::cout, options);
  return daemon.Run();
}

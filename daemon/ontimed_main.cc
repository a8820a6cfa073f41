// ontimed --config FILE: the daemon (see daemon/ontimed.h).
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <string>

#include "config/config_loader.h"
#include "daemon/ontimed.h"

int main(int argc, char** argv) {
  std::string config_path;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--config" && i + 1 < argc) {
      config_path = argv[++i];
    } else {
      std::cerr << "usage: ontimed --config FILE\n";
      return 64;
    }
  }
  if (config_path.empty()) {
    std::cerr << "usage: ontimed --config FILE\n";
    return 64;
  }
  // Logs to stderr; stdout carries the live lines.
  spdlog::set_default_logger(spdlog::stderr_color_mt("ontimed"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  ontime::ConfigResult loaded = ontime::LoadConfigFile(config_path);
  if (!loaded.ok()) {
    for (const ontime::ConfigError& e : loaded.errors) std::cerr << e.ToString() << "\n";
    return 2;
  }
  ontime::Ontimed daemon(config_path, std::move(loaded.config), std::cout);
  return daemon.Run();
}

#include "kafka/protobuf_logging.h"

#include <google/protobuf/stubs/logging.h>
#include <spdlog/spdlog.h>

#include <string>

#include "kafka/log_limiter.h"

namespace ontime {
namespace {

void LogProtobufLine(google::protobuf::LogLevel level, const char* file, int line, const std::string& message) {
  static LogLimiter limiter;
  // Keyed by where protobuf said it: one key per kind of complaint.
  const std::string key = std::string(file) + ":" + std::to_string(line);
  uint64_t held = 0;
  if (!limiter.Allow(key, &held)) return;
  const std::string suffix = held ? " (" + std::to_string(held) + " more like it not shown)" : "";
  switch (level) {
    case google::protobuf::LOGLEVEL_INFO: spdlog::info("protobuf: {}{}", message, suffix); break;
    case google::protobuf::LOGLEVEL_WARNING: spdlog::warn("protobuf: {}{}", message, suffix); break;
    default: spdlog::error("protobuf: {}{}", message, suffix); break;
  }
}

}  // namespace

void RouteProtobufLogsToSpdlog() { google::protobuf::SetLogHandler(LogProtobufLine); }

}  // namespace ontime

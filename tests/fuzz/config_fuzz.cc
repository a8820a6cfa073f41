// libFuzzer: arbitrary bytes as a standards file. The loader returns errors
// or a config; a config it accepts must also make an engine.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/config_loader.h"
#include "engine/engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ontime::ConfigResult result =
      ontime::ParseConfig({reinterpret_cast<const char*>(data), size}, "fuzz.yaml");
  if (result.ok()) (void)ontime::Engine::Create(std::move(result.config.engine));
  return 0;
}

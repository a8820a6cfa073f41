// libFuzzer: arbitrary bytes through the JSON event decoder and, when they
// decode, through the engine. Nothing may crash, leak or trip a sanitizer.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "collectors/event_decoder.h"
#include "tests/fuzz/fuzz_engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static ontime::EventDecoder decoder;
  ontime::Event event;
  if (decoder.DecodeJson({reinterpret_cast<const char*>(data), size}, &event).ok()) {
    ontime::fuzz::ApplyToEngine(event);
  }
  return 0;
}

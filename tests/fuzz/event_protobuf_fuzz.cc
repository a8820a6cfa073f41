// libFuzzer: arbitrary bytes through the protobuf event decoder and, when
// they decode, through the engine.
#include <cstddef>
#include <cstdint>

#include <google/protobuf/stubs/logging.h>

#include "collectors/event_decoder.h"
#include "tests/fuzz/fuzz_engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // protobuf logs every invalid UTF-8 string it meets; the decoder's status
  // already says the message is bad.
  static const bool quiet = (google::protobuf::SetLogHandler(nullptr), true);
  (void)quiet;
  static ontime::EventDecoder decoder;
  ontime::Event event;
  if (decoder.DecodeProtobuf({reinterpret_cast<const char*>(data), size}, &event).ok()) {
    ontime::fuzz::ApplyToEngine(event);
  }
  return 0;
}

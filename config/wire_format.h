// How a topic's records are written: protobuf (ontime.v1.ContactEvent) or
// protobuf's JSON mapping of it. The config names it per topic
// (`ingest.topics[].format`); the decoders read it.
#ifndef ONTIME_CONFIG_WIRE_FORMAT_H_
#define ONTIME_CONFIG_WIRE_FORMAT_H_

namespace ontime {

enum class WireFormat { kProtobuf, kJson };

}  // namespace ontime

#endif  // ONTIME_CONFIG_WIRE_FORMAT_H_

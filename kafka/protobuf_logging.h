// protobuf's own log lines (it reports, for one, each message with invalid
// UTF-8 in a string field) routed to spdlog and rate-limited: a stream of
// hostile records is counted and dead-lettered, not echoed line by line.
#ifndef ONTIME_KAFKA_PROTOBUF_LOGGING_H_
#define ONTIME_KAFKA_PROTOBUF_LOGGING_H_

namespace ontime {

// Once, early in main().
void RouteProtobufLogsToSpdlog();

}  // namespace ontime

#endif  // ONTIME_KAFKA_PROTOBUF_LOGGING_H_

// A queue_log record as contact events: what a call in a queue means for
// the standards.
//
//   ENTERQUEUE                                   RECEIVED (channel, service, site from the queue's mapping)
//   CONNECT                                      FIRST_RESPONSE (answered)
//   ABANDON, EXITWITHTIMEOUT, EXITEMPTY,
//   EXITWITHKEY                                  ABANDONED (the caller left before an answer)
//   COMPLETEAGENT, COMPLETECALLER                RESOLVED
//   TRANSFER, BLINDTRANSFER, ATTENDEDTRANSFER    TRANSFERRED, and RESOLVED at the same instant
//                                                unless the source says `transfer: continues`
//   anything else (RINGNOANSWER, agent log-ins,
//   QUEUESTART, PBXware's OUT* rows)             no event
//
// The contact is the call (its Asterisk unique id). Event ids come from the
// record's own content, "<call id>/<queue>/<VERB>/<time>", so reading a
// line twice (after a restart, or the same call in both forms of the log)
// makes the same event, which the engine counts once.
#ifndef ONTIME_COLLECTORS_QUEUE_LOG_EVENTS_H_
#define ONTIME_COLLECTORS_QUEUE_LOG_EVENTS_H_

#include <string_view>
#include <vector>

#include "collectors/queue_log_record.h"
#include "config/collector_settings.h"
#include "ontime/v1/contact_event.pb.h"

namespace ontime {

// What became of a record, in a word fit for a metric label.
enum class QueueLogUse {
  kEvents,           // one or two events
  kNotACallEvent,    // a verb that says nothing about a call's timeliness
  kUnmappedQueue,    // a call in a queue the config does not measure
};
std::string_view QueueLogUseName(QueueLogUse use);

class QueueLogEvents {
 public:
  explicit QueueLogEvents(const QueueLogSourceSettings& settings);

  // Appends the record's events to `events`. An error (a call event without
  // a call id) means the record is a dead letter.
  absl::Status Convert(const QueueLogRecord& record, google::protobuf::RepeatedPtrField<v1::ContactEvent>* events, QueueLogUse* use) const;

 private:
  const QueueMapping* MappingFor(std::string_view queue) const;

  const QueueLogSourceSettings& settings_;
};

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_QUEUE_LOG_EVENTS_H_

// A helpdesk's webhook body as one contact event, by the webhook's mapping
// (config/webhook_mapping.h): each field's expression evaluated over the
// body's JSON, the event written in protobuf's JSON mapping, so it is then
// admitted exactly as an event POSTed in ontime's own form.
#ifndef ONTIME_COLLECTORS_WEBHOOK_EVENTS_H_
#define ONTIME_COLLECTORS_WEBHOOK_EVENTS_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "config/webhook_mapping.h"

namespace ontime {

struct WebhookResult {
  bool ok = false;
  // The mapping's type said "skip": a body that is no contact event (an
  // internal note, a change nobody measures). Not an error.
  bool skipped = false;
  std::string event_json;  // when ok
  // When not: a word (not_json, missing_field, unlisted_value, bad_time,
  // skipped_local_time, repeated_local_time) and the particulars.
  std::string_view reason;
  std::string detail;
};

class WebhookEvents {
 public:
  explicit WebhookEvents(const WebhookMapping& mapping);
  ~WebhookEvents();
  WebhookEvents(const WebhookEvents&) = delete;
  WebhookEvents& operator=(const WebhookEvents&) = delete;

  // Not thread-safe: one caller at a time (the HTTP thread). `arrived`:
  // when the body came, which a template reads as {@arrived} (for senders
  // whose bodies carry no time a machine can read).
  WebhookResult Convert(std::string_view body, absl::Time arrived);

 private:
  struct Body;
  const WebhookMapping& mapping_;
  std::unique_ptr<Body> body_;
};

}  // namespace ontime

#endif  // ONTIME_COLLECTORS_WEBHOOK_EVENTS_H_

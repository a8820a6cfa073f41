// How a helpdesk's webhook body becomes one contact event: for each field a
// small expression over the body's JSON, written in the config.
//
//   contact_id: "zammad-{ticket.id}"               a template: text, and
//                                                  {a.b.c} for the value at
//                                                  that path; empty as a whole
//                                                  when a path is absent
//   channel: {from: "{ticket.create_article_type}",
//             values: {email: email, phone: phone},
//             otherwise: web_form}                 a value looked up
//   type:                                          the first case that holds
//     - {when: {ticket.state: [closed, merged]}, then: resolved}
//     - {when: {article.sender: Agent}, then: first_response}
//     - {then: update}
//   event_time: {from: "{ticket.updated_at}"}      RFC 3339, or a format in
//                                                  a time zone:
//   event_time: {from: "{created}", format: "%Y-%m-%d %H:%M:%S", time_zone: Europe/London}
//   event_time: "{@arrived}"                       when the body came (for
//                                                  senders whose times a
//                                                  machine cannot read)
//   type: ... then: skip                           a body that is no event:
//                                                  answered 200, nothing stored
//
// deploy/examples/webhook-{zammad,freshdesk,osticket}.yaml are examples.
#ifndef ONTIME_CONFIG_WEBHOOK_MAPPING_H_
#define ONTIME_CONFIG_WEBHOOK_MAPPING_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"

namespace ontime {

// "zammad-{ticket.id}": literal text and paths, in order.
struct Template {
  struct Part {
    bool is_path = false;
    std::string text;  // the literal, or the path ("ticket.group.name")
  };
  std::vector<Part> parts;
};

struct FieldExpression {
  enum class Kind { kTemplate, kLookup, kCases };
  Kind kind = Kind::kTemplate;
  Template from;
  // kLookup: what `from` gives -> the value; not listed: `otherwise`, or
  // the event is refused when there is none.
  std::map<std::string, std::string> values;
  std::optional<std::string> otherwise;
  // kCases: the first whose every condition holds gives `then`.
  struct Case {
    std::vector<std::pair<std::string, std::vector<std::string>>> when;  // path -> any of these values
    Template then;
  };
  std::vector<Case> cases;
};

struct TimeExpression {
  FieldExpression from;
  // Empty: RFC 3339 with its offset. Otherwise absl::ParseTime's format, a
  // wall-clock time in `time_zone` (a time a clock change skips or repeats
  // is refused).
  std::string format;
  absl::TimeZone time_zone = absl::UTCTimeZone();
  std::string time_zone_name = "UTC";
};

struct WebhookMapping {
  FieldExpression event_id;
  FieldExpression contact_id;
  // Event type names as in the config: received, first_response, update,
  // on_hold, resumed, transferred, promised, resolved, abandoned, reopened.
  FieldExpression type;
  TimeExpression event_time;
  std::optional<FieldExpression> channel;  // channel names: phone, email, ...
  std::optional<FieldExpression> contact_type;
  std::optional<FieldExpression> service;
  std::optional<FieldExpression> site;
  std::optional<FieldExpression> customer_group;
  std::optional<FieldExpression> priority;
  std::map<std::string, FieldExpression> attributes;
};

}  // namespace ontime

#endif  // ONTIME_CONFIG_WEBHOOK_MAPPING_H_

// Helpdesk webhooks as events: the example mappings in deploy/examples/
// (Zammad, Freshdesk, osTicket) read as a config reads them, then applied
// to bodies in each helpdesk's shape (tests/data/webhooks): each gives the
// event its README promises, a body that is no event is skipped, a time a
// clock change repeats is refused. And the mapping's mistakes, with where.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "collectors/webhook_events.h"
#include "config/collector_settings_reader.h"
#include "config/webhook_mapping_reader.h"
#include "google/protobuf/util/json_util.h"
#include "ontime/v1/contact_event.pb.h"

namespace ontime {
namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The example's one webhook, read as ontimed reads the config.
IntakeWebhookSettings Example(const std::string& name) {
  const std::string file = std::string(ONTIME_SOURCE_DIR) + "/deploy/examples/webhook-" + name + ".yaml";
  YamlReader r(file);
  CollectorSettings settings;
  std::string text = Read(file);
  // The placeholder for a token digest is for people; a digest stands in.
  const size_t at = text.find("[<sha256");
  text.replace(at, text.find(']', at) + 1 - at, "[" + std::string(64, 'a') + "]");
  ReadCollectorSettings(r, YAML::Load(text)["collectors"], &settings);
  for (const ConfigError& e : r.errors()) ADD_FAILURE() << e.ToString();
  EXPECT_TRUE(settings.http);
  EXPECT_EQ(settings.http->webhooks.size(), 1u);
  return settings.http->webhooks.at(0);
}

struct Converted {
  WebhookResult result;
  v1::ContactEvent event;
};

Converted Convert(const IntakeWebhookSettings& hook, const std::string& body_file, absl::Time arrived = absl::UnixEpoch()) {
  WebhookEvents events(hook.mapping);
  Converted c{events.Convert(Read(std::string(ONTIME_SOURCE_DIR) + "/tests/data/webhooks/" + body_file), arrived),
              {}};
  if (c.result.ok) {
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(c.result.event_json, &c.event).ok());
  }
  return c;
}

std::string Utc(const v1::ContactEvent& e) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E*SZ", absl::FromUnixSeconds(e.event_time().seconds()) +
                                                  absl::Nanoseconds(e.event_time().nanos()),
                          absl::UTCTimeZone());
}

TEST(ZammadExample, ATicketsLifeAsEvents) {
  const IntakeWebhookSettings hook = Example("zammad");
  EXPECT_EQ(hook.signature_header, "X-Hub-Signature");
  Converted c = Convert(hook, "zammad-created.json");
  ASSERT_TRUE(c.result.ok) << c.result.detail;
  EXPECT_EQ(c.event.event_id(), "zammad-5120-2026-03-27T16:40:11.204Z");
  EXPECT_EQ(c.event.contact_id(), "zammad-5120");
  EXPECT_EQ(c.event.type(), v1::EVENT_TYPE_RECEIVED);
  EXPECT_EQ(Utc(c.event), "2026-03-27T16:40:11.204Z");
  EXPECT_EQ(c.event.channel(), v1::CHANNEL_PHONE);
  EXPECT_EQ(c.event.contact_type(), "enquiry");  // the body has no ticket.type
  EXPECT_EQ(c.event.service(), "Waste Services");
  EXPECT_EQ(c.event.priority(), "2 normal");
  EXPECT_EQ(c.event.customer_group(), "");  // organization: null
  EXPECT_EQ(c.event.attributes().at("zammad_number"), "31005120");
  c = Convert(hook, "zammad-agent-reply.json");
  ASSERT_TRUE(c.result.ok) << c.result.detail;
  EXPECT_EQ(c.event.type(), v1::EVENT_TYPE_FIRST_RESPONSE);
  EXPECT_EQ(Utc(c.event), "2026-03-30T08:02:45.018Z");
  EXPECT_TRUE(Convert(hook, "zammad-internal-note.json").result.skipped);
  c = Convert(hook, "zammad-closed.json");
  ASSERT_TRUE(c.result.ok) << c.result.detail;
  EXPECT_EQ(c.event.type(), v1::EVENT_TYPE_RESOLVED);
}

TEST(FreshdeskExample, EventsStampedWhenTheyArrive) {
  const IntakeWebhookSettings hook = Example("freshdesk");
  const absl::Time arrived = absl::FromCivil(absl::CivilSecond(2026, 12, 3, 9, 14, 2), absl::UTCTimeZone());
  Converted c = Convert(hook, "freshdesk-created.json", arrived);
  ASSERT_TRUE(c.result.ok) << c.result.detail;
  EXPECT_EQ(c.event.event_id(), "freshdesk-88213-created");
  EXPECT_EQ(c.event.type(), v1::EVENT_TYPE_RECEIVED);
  EXPECT_EQ(Utc(c.event), "2026-12-03T09:14:02Z");
  EXPECT_EQ(c.event.channel(), v1::CHANNEL_WEB_FORM);
  EXPECT_EQ(c.event.contact_type(), "Question");
  EXPECT_EQ(c.event.service(), "Council Tax");
  c = Convert(hook, "freshdesk-resolved.json", arrived + absl::Hours(30));
  ASSERT_TRUE(c.result.ok) << c.result.detail;
  EXPECT_EQ(c.event.type(), v1::EVENT_TYPE_RESOLVED);
  EXPECT_EQ(c.event.contact_id(), "freshdesk-88213");
}

TEST(OsTicketExample, WallClockTimesInTheServersZone) {
  const IntakeWebhookSettings hook = Example("osticket");
  Converted c = Convert(hook, "osticket-created.json");
  ASSERT_TRUE(c.result.ok) << c.result.detail;
  EXPECT_EQ(c.event.contact_id(), "osticket-738402");
  EXPECT_EQ(c.event.type(), v1::EVENT_TYPE_RECEIVED);
  EXPECT_EQ(Utc(c.event), "2026-10-24T15:12:00Z");  // BST, UTC+1
  EXPECT_EQ(c.event.channel(), v1::CHANNEL_WEB_FORM);
  EXPECT_EQ(c.event.contact_type(), "Damp and mould");
  EXPECT_EQ(c.event.service(), "Housing Repairs");
  c = Convert(hook, "osticket-replied.json");
  ASSERT_TRUE(c.result.ok) << c.result.detail;
  EXPECT_EQ(Utc(c.event), "2026-10-26T10:05:00Z");  // GMT again
  EXPECT_TRUE(Convert(hook, "osticket-note.json").result.skipped);
  // 01:30 on 25 October 2026 happened twice in London.
  c = Convert(hook, "osticket-clock-change.json");
  EXPECT_FALSE(c.result.ok);
  EXPECT_EQ(c.result.reason, "repeated_local_time");
}

TEST(WebhookMapping, RefusalsSayWhy) {
  WebhookMapping mapping;
  YamlReader r("m.yaml");
  ReadWebhookMapping(r, YAML::Load(R"(
event_id: "x-{id}"
contact_id: "x-{id}"
type: {from: "{kind}", values: {new: received}}
event_time: "{at}"
channel: {from: "{via}", values: {mail: email}, otherwise: web_form}
)"),
                     &mapping);
  ASSERT_TRUE(r.errors().empty());
  WebhookEvents events(mapping);
  EXPECT_TRUE(events.Convert(R"({"id": 1, "kind": "new", "at": "2026-12-03T09:00:00Z"})", absl::UnixEpoch()).ok);
  // A path the body lacks empties its whole template: no "x-" ids.
  WebhookResult res = events.Convert(R"({"kind": "new", "at": "2026-12-03T09:00:00Z"})", absl::UnixEpoch());
  EXPECT_EQ(res.reason, "missing_field");
  EXPECT_EQ(res.detail, "event_id is empty for this body");
  res = events.Convert(R"({"id": 2, "kind": "old", "at": "2026-12-03T09:00:00Z"})", absl::UnixEpoch());
  EXPECT_EQ(res.reason, "unlisted_value");
  EXPECT_EQ(res.detail, "type: \"old\" is not among the mapping's values");
  res = events.Convert(R"({"id": 3, "kind": "new", "at": "yesterday"})", absl::UnixEpoch());
  EXPECT_EQ(res.reason, "bad_time");
  res = events.Convert(R"({"id": 4, "kind": "new"})", absl::UnixEpoch());
  EXPECT_EQ(res.reason, "missing_field");
  res = events.Convert("{not json", absl::UnixEpoch());
  EXPECT_EQ(res.reason, "not_json");
}

TEST(WebhookMapping, MistakesWithWhereTheyAre) {
  WebhookMapping mapping;
  YamlReader r("m.yaml");
  ReadWebhookMapping(r, YAML::Load(R"(event_id: "x-{id"
contact_id: "{id}"
type: [{when: {a: b}, then: recieved}]
event_time: "{at}"
channel: {from: "{via}", values: {mail: e-mail}}
)"),
                     &mapping);
  std::vector<std::string> errors;
  for (const ConfigError& e : r.errors()) errors.push_back(e.ToString());
  ASSERT_EQ(errors.size(), 3u) << testing::PrintToString(errors);
  EXPECT_EQ(errors[0], "m.yaml:1:11: event_id \"x-{id\": a { is not closed by }");
  EXPECT_EQ(errors[1], "m.yaml:3:29: type \"recieved\" is unknown; write e.g. received, resolved, or skip");
  EXPECT_EQ(errors[2], "m.yaml:5:41: channel \"e-mail\" is unknown; write e.g. email, phone, web_form");
}

}  // namespace
}  // namespace ontime

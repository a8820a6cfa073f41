// The webhook outbox: each change once, signed as Standard Webhooks
// specifies (checked against the specification's own example), held to the
// service's opening hours (across a clock change and a bank holiday),
// urgent levels at any hour, and a change that ended while held never sent.
#include "alerts/webhook_outbox.h"

#include "alerts/service_hours.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/london_time.h"

namespace ontime {
namespace {

using testing::London;
using testing::LondonTime;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

CalendarSpec Council() {
  CalendarSpec council = testing::WeekdayCalendar("council", 8 * 60 + 30, 17 * 60);
  council.holidays = {absl::CivilDay(2026, 8, 31)};
  return council;
}

AlertSettings Settings() {
  AlertSettings alerts;
  alerts.topic = "ontime-alerts";
  alerts.services["default"].calendar = "council";
  alerts.services["housing"] = {.calendar = "council", .urgent_levels = {"head_of_service"}};
  alerts.services["out-of-hours"] = {};
  return alerts;
}

// The specification's example secret (https://www.standardwebhooks.com).
const char kSecret[] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

std::unique_ptr<WebhookOutbox> Outbox() {
  absl::StatusOr<std::unique_ptr<WebhookOutbox>> outbox = WebhookOutbox::Create(Settings(), {Council()}, kSecret);
  EXPECT_TRUE(outbox.ok()) << outbox.status();
  return std::move(*outbox);
}

v1::Alert Overdue(const std::string& contact, const std::string& service = "waste",
                  const std::string& level = "service_manager") {
  v1::Alert a;
  a.set_identity("contact/" + contact + "/letter-reply/0/overdue");
  a.set_kind(v1::Alert::CONTACT);
  a.set_status(v1::Alert::FIRING);
  a.set_state("overdue");
  a.set_level(level);
  a.set_service(service);
  a.set_standard_id("letter-reply");
  a.set_contact_reference(contact);
  a.set_channel("letter");
  a.set_due_by_text("the end of Friday 23 October 2026");
  return a;
}

v1::Alert Resolved(v1::Alert a) {
  a.set_status(v1::Alert::RESOLVED);
  a.set_reason("answered late");
  return a;
}

std::string Header(const OutboundRequest& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "";
}

TEST(WebhookOutbox, SignsAsTheStandardWebhooksExampleDoes) {
  EXPECT_EQ(Outbox()->Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, R"({"test": 2432232314})"),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
}

TEST(WebhookOutbox, ASecretNotInTheStandardFormIsRefused) {
  EXPECT_FALSE(WebhookOutbox::Create(Settings(), {}, "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").ok());
  EXPECT_FALSE(WebhookOutbox::Create(Settings(), {}, "whsec_c2hvcnQ=").ok()) << "a 5-byte key";
  EXPECT_TRUE(WebhookOutbox::Create(Settings(), {}, std::string(kSecret) + "\n").ok());
}

TEST(WebhookOutbox, EachChangeHasItsOwnIdTheSameEveryTime) {
  const v1::Alert firing = Overdue("L-1");
  EXPECT_EQ(WebhookOutbox::MessageId(firing), WebhookOutbox::MessageId(Overdue("L-1")));
  EXPECT_NE(WebhookOutbox::MessageId(firing), WebhookOutbox::MessageId(Resolved(firing)));
  EXPECT_NE(WebhookOutbox::MessageId(firing), WebhookOutbox::MessageId(Overdue("L-2")));
  EXPECT_THAT(WebhookOutbox::MessageId(firing), ::testing::MatchesRegex("msg_[0-9a-f]{32}"));
}

TEST(WebhookOutbox, InOpeningHoursAChangeGoesAtOnceSignedAndIsNotSentAgainOnceAccepted) {
  auto outbox = Outbox();
  const absl::Time wed = LondonTime(10, 21, 10);
  outbox->Apply(Overdue("L-1"), {0, 7}, true, wed);
  std::vector<OutboundRequest> requests = outbox->TakeRequests(wed, false);
  ASSERT_EQ(requests.size(), 1u);
  const OutboundRequest r = requests[0];
  EXPECT_THAT(r.body, HasSubstr(R"({"type":"alert.firing","timestamp":"2026-10-21T09:00:00Z","data":{)"));
  EXPECT_THAT(r.body, HasSubstr(R"("contact_reference":"L-1","channel":"letter","episode":0,)"));
  EXPECT_EQ(Header(r, "webhook-timestamp"), "1792573200");
  EXPECT_EQ(Header(r, "webhook-signature"),
            outbox->Sign(Header(r, "webhook-id"), 1792573200, r.body));
  EXPECT_EQ(outbox->LowestOwed(0), 7);
  // Refused: the same change again, same id, signed anew.
  requests = outbox->TakeRequests(wed + absl::Seconds(30), false);
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(Header(requests[0], "webhook-id"), Header(r, "webhook-id"));
  EXPECT_EQ(Header(requests[0], "webhook-timestamp"), "1792573230");
  outbox->Delivered();
  EXPECT_THAT(outbox->TakeRequests(wed + absl::Minutes(1), true), IsEmpty());
  EXPECT_EQ(outbox->LowestOwed(0), std::nullopt);
  EXPECT_EQ(outbox->firing(), 1u);
}

TEST(WebhookOutbox, OutOfHoursAChangeWaitsForTheNextOpeningAcrossTheClockChange) {
  auto outbox = Outbox();
  const absl::Time friday_evening = LondonTime(10, 23, 18);
  outbox->Apply(Overdue("L-1"), {0, 1}, true, friday_evening);
  EXPECT_THAT(outbox->TakeRequests(friday_evening, false), IsEmpty());
  // Monday 26 October 08:30 GMT (the clocks went back on Sunday).
  EXPECT_EQ(outbox->NextDue(friday_evening), LondonTime(10, 26, 8, 30));
  EXPECT_EQ(absl::FormatTime("%H:%M", outbox->NextDue(friday_evening), absl::UTCTimeZone()), "08:30");
  EXPECT_THAT(outbox->TakeRequests(LondonTime(10, 26, 8, 29), false), IsEmpty());
  EXPECT_EQ(outbox->TakeRequests(LondonTime(10, 26, 8, 30), false).size(), 1u);
  EXPECT_EQ(outbox->oldest_undelivered(), friday_evening);
}

TEST(WebhookOutbox, UrgentLevelsAndServicesWithoutHoursGoAtAnyHour) {
  auto outbox = Outbox();
  const absl::Time sunday_night = LondonTime(10, 25, 23);
  outbox->Apply(Overdue("L-1", "housing", "head_of_service"), {0, 1}, true, sunday_night);
  outbox->Apply(Overdue("L-2", "housing", "service_manager"), {0, 2}, true, sunday_night);
  outbox->Apply(Overdue("L-3", "out-of-hours"), {0, 3}, true, sunday_night);
  const std::vector<OutboundRequest> requests = outbox->TakeRequests(sunday_night, false);
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_THAT(requests[0].body, HasSubstr("L-1"));
  EXPECT_THAT(requests[1].body, HasSubstr("L-3"));
  outbox->Delivered();
  EXPECT_EQ(outbox->LowestOwed(0), 2) << "L-2 waits for Monday: nothing after it may be committed past it";
}

TEST(WebhookOutbox, AChangeThatEndedWhileHeldIsNeverSent) {
  auto outbox = Outbox();
  const absl::Time saturday = LondonTime(10, 24, 12);
  outbox->Apply(Overdue("L-1"), {0, 1}, true, saturday);
  outbox->Apply(Resolved(Overdue("L-1")), {0, 2}, true, saturday + absl::Hours(3));
  EXPECT_THAT(outbox->TakeRequests(LondonTime(10, 26, 9), false), IsEmpty());
  EXPECT_EQ(outbox->undelivered(), 0u);
  EXPECT_EQ(outbox->firing(), 0u);
}

TEST(WebhookOutbox, RecordsBeforeTheCommittedOffsetAreNotSent) {
  auto outbox = Outbox();
  const absl::Time wed = LondonTime(10, 21, 10);
  outbox->Apply(Overdue("L-1"), {0, 1}, /*deliver=*/false, wed);
  EXPECT_THAT(outbox->TakeRequests(wed, true), IsEmpty());
  EXPECT_EQ(outbox->firing(), 1u);
}

TEST(ServiceHours, NextOpenInstant) {
  Calendar council(Council());
  EXPECT_EQ(NextOpenInstant(council, LondonTime(10, 21, 10)), LondonTime(10, 21, 10)) << "open: now";
  EXPECT_EQ(NextOpenInstant(council, LondonTime(10, 21, 17)), LondonTime(10, 22, 8, 30)) << "closing time is closed";
  EXPECT_EQ(NextOpenInstant(council, LondonTime(10, 21, 7)), LondonTime(10, 21, 8, 30));
  // Friday 28 August, evening: Monday 31 is a bank holiday.
  EXPECT_EQ(NextOpenInstant(council, LondonTime(8, 28, 18)), LondonTime(9, 1, 8, 30));
  CalendarSpec never = Council();
  never.opening_hours = {};
  EXPECT_EQ(NextOpenInstant(Calendar(never), LondonTime(10, 21, 10)), absl::InfiniteFuture());
}

}  // namespace
}  // namespace ontime

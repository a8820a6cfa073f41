// The deliverer's book: what Alertmanager is sent (every firing alert,
// re-sent with a later end; every ending owed, once accepted never again),
// deterministic bodies, and nothing cleared that was not in an accepted body.
#include "alerts/alert_book.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ontime {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const absl::Time kNow = absl::FromUnixSeconds(1790000000);

v1::Alert Contact(const std::string& contact, v1::Alert::Status status, const std::string& reason = "") {
  v1::Alert a;
  a.set_identity("contact/" + contact + "/phone-answer/0/overdue");
  a.set_kind(v1::Alert::CONTACT);
  a.set_status(status);
  a.set_state("overdue");
  a.set_level("service_manager");
  a.set_service("housing");
  a.set_standard_id("phone-answer");
  a.set_contact_reference(contact);
  a.set_channel("phone");
  a.set_summary("phone " + contact + " is overdue");
  a.set_since_us(absl::ToUnixMicros(kNow - absl::Minutes(9)));
  if (status != v1::Alert::FIRING) {
    a.set_ended_us(absl::ToUnixMicros(kNow - absl::Minutes(1)));
    a.set_reason(reason);
  }
  return a;
}

std::string All(const std::vector<std::string>& bodies) {
  std::string all;
  for (const std::string& b : bodies) all += b + "\n";
  return all;
}

TEST(AlertBook, FiringAlertsAreSentWithTheirEndAheadAndAgainEachTime) {
  AlertBook book;
  book.Apply(Contact("C1", v1::Alert::FIRING), {0, 1}, /*deliver=*/true, kNow);
  EXPECT_EQ(book.undelivered(), 1u);
  EXPECT_EQ(book.oldest_undelivered(), kNow);
  const std::vector<std::string> first = book.TakeBodies(kNow + absl::Minutes(4), 100);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_THAT(first[0], HasSubstr(R"("labels":{"alertname":"OntimeContactOverdue","source":"ontime",)"
                                  R"("service":"housing","level":"service_manager","standard":"phone-answer",)"
                                  R"("channel":"phone","contact":"C1","episode":"0"})"));
  EXPECT_THAT(first[0], HasSubstr(R"("endsAt":"2026-09-21T14:17:20Z")"));
  book.Delivered();
  EXPECT_EQ(book.undelivered(), 0u);
  EXPECT_EQ(book.oldest_undelivered(), absl::InfiniteFuture());
  // Re-sent, ending later: Alertmanager keeps it while ontime runs.
  const std::vector<std::string> again = book.TakeBodies(kNow + absl::Minutes(5), 100);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_THAT(again[0], HasSubstr(R"("endsAt":"2026-09-21T14:18:20Z")"));
}

TEST(AlertBook, AnEndingIsSentUntilAcceptedThenNeverAgain) {
  AlertBook book;
  book.Apply(Contact("C1", v1::Alert::FIRING), {0, 2}, true, kNow);
  book.Apply(Contact("C2", v1::Alert::FIRING), {0, 3}, true, kNow);
  book.Delivered();  // nothing in flight yet: changes nothing
  EXPECT_EQ(book.undelivered(), 2u);
  book.TakeBodies(kNow, 100);
  book.Delivered();
  book.Apply(Contact("C1", v1::Alert::RESOLVED, "answered late"), {0, 4}, true, kNow);
  EXPECT_EQ(book.firing(), 1u);
  // Not accepted (Alertmanager down): the ending stays owed.
  std::string sent = All(book.TakeBodies(kNow, 100));
  EXPECT_THAT(sent, HasSubstr(R"("resolved":"answered late")"));
  EXPECT_THAT(sent, HasSubstr(R"("endsAt":"2026-09-21T14:12:20Z")")) << "ended when the contact stopped";
  sent = All(book.TakeBodies(kNow, 100));
  EXPECT_THAT(sent, HasSubstr("answered late"));
  book.Delivered();
  sent = All(book.TakeBodies(kNow, 100));
  EXPECT_THAT(sent, Not(HasSubstr("C1"))) << "accepted once, never sent again";
  EXPECT_THAT(sent, HasSubstr("C2"));
}

TEST(AlertBook, AnEndingReadWhileABodyIsInFlightIsStillOwedAfterIt) {
  AlertBook book;
  book.Apply(Contact("C1", v1::Alert::FIRING), {0, 5}, true, kNow);
  book.TakeBodies(kNow, 100);  // in flight: C1 firing
  book.Apply(Contact("C1", v1::Alert::WITHDRAWN, "met after all"), {0, 6}, true, kNow);
  book.Delivered();
  const std::string sent = All(book.TakeBodies(kNow, 100));
  EXPECT_THAT(sent, HasSubstr(R"("withdrawn":"met after all")"));
  EXPECT_EQ(book.undelivered(), 1u);
}

TEST(AlertBook, RecordsBeforeTheCommittedOffsetOnlyRebuildWhatFires) {
  AlertBook book;
  // Replayed from the start: delivered before, so owed nothing but the
  // re-sends of what still fires.
  book.Apply(Contact("C1", v1::Alert::FIRING), {0, 7}, /*deliver=*/false, kNow);
  book.Apply(Contact("C2", v1::Alert::FIRING), {0, 8}, false, kNow);
  book.Apply(Contact("C2", v1::Alert::RESOLVED, "answered late"), {0, 9}, false, kNow);
  EXPECT_EQ(book.undelivered(), 0u);
  EXPECT_EQ(book.firing(), 1u);
  const std::string sent = All(book.TakeBodies(kNow, 100));
  EXPECT_THAT(sent, HasSubstr("C1"));
  EXPECT_THAT(sent, Not(HasSubstr("C2")));
}

TEST(AlertBook, TheLowestOwedOffsetIsTheFirstRecordNotYetAccepted) {
  AlertBook book;
  book.Apply(Contact("C1", v1::Alert::FIRING), {0, 40}, true, kNow);
  book.Apply(Contact("C2", v1::Alert::FIRING), {0, 41}, true, kNow);
  EXPECT_EQ(book.LowestOwed(0), 40);
  EXPECT_EQ(book.LowestOwed(1), std::nullopt);
  book.TakeBodies(kNow, 100);
  book.Apply(Contact("C1", v1::Alert::RESOLVED, "answered late"), {0, 42}, true, kNow);
  book.Delivered();
  EXPECT_EQ(book.LowestOwed(0), 42) << "read while the body was in flight: still owed";
  book.TakeBodies(kNow, 100);
  book.Delivered();
  EXPECT_EQ(book.LowestOwed(0), std::nullopt);
}

TEST(AlertBook, BodiesAreBoundedAndTheSameForTheSameBook) {
  AlertBook a, b;
  for (int i = 0; i < 25; ++i) {
    a.Apply(Contact("C" + std::to_string(i), v1::Alert::FIRING), {0, i}, true, kNow);
    b.Apply(Contact("C" + std::to_string(24 - i), v1::Alert::FIRING), {0, i}, true, kNow);
  }
  const std::vector<std::string> bodies = a.TakeBodies(kNow, 10);
  ASSERT_EQ(bodies.size(), 3u);
  EXPECT_EQ(bodies, b.TakeBodies(kNow, 10)) << "sorted by identity, whatever order they came in";
  for (const std::string& body : bodies) {
    EXPECT_EQ(body.front(), '[');
    EXPECT_EQ(body.back(), ']');
  }
}

TEST(AlertBook, TextFromTheConfigIsEscaped) {
  v1::Alert alert = Contact("C1", v1::Alert::FIRING);
  alert.set_standard_wording("We aim to answer \"most\" calls\nquickly");
  const std::string json = AlertBook::AlertmanagerJson(alert, kNow);
  EXPECT_THAT(json, HasSubstr(R"("standard_wording":"We aim to answer \"most\" calls\nquickly")"));
}

}  // namespace
}  // namespace ontime

// Engine::CountWaiting: what the live gauges (open, at risk, overdue,
// oldest) read, per standard and channel.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>

#include "engine/engine.h"
#include "tests/support/answer_standard.h"
#include "tests/support/event_builder.h"

namespace ontime {
namespace {

using testing::MakeEvent;

const absl::Time kT0 = absl::FromCivil(absl::CivilSecond(2026, 10, 5, 9, 0, 0), absl::UTCTimeZone());

std::unique_ptr<Engine> AnswerEngine() {
  EngineConfig config;
  const Standard answer = testing::AnswerWithin60s();
  config.standards.push_back(answer);
  return *Engine::Create(config);
}

TEST(CountWaiting, FollowsAContactFromOpenToAtRiskToOverdueToAnswered) {
  auto engine = AnswerEngine();
  Effects fx;
  engine->Apply(MakeEvent("c1", EventType::kReceived, kT0).view(), fx);
  engine->Apply(MakeEvent("c2", EventType::kReceived, kT0 + absl::Seconds(10), Channel::kEmail).view(), fx);
  WaitingCounts counts;

  engine->CountWaiting(kT0 + absl::Seconds(20), &counts);
  const size_t phone = static_cast<size_t>(Channel::kPhone), email = static_cast<size_t>(Channel::kEmail);
  EXPECT_EQ(counts[0][phone].open, 1u);
  EXPECT_EQ(counts[0][email].open, 1u);
  EXPECT_EQ(counts[0][phone].at_risk, 0u);
  EXPECT_EQ(counts[0][phone].oldest_age_us, 20'000'000);

  engine->Advance(kT0 + absl::Seconds(35), fx);  // past 30 s: at risk
  engine->CountWaiting(kT0 + absl::Seconds(35), &counts);
  EXPECT_EQ(counts[0][phone].at_risk, 1u);
  EXPECT_EQ(counts[0][phone].overdue, 0u);

  engine->Advance(kT0 + absl::Seconds(61), fx);  // past 60 s: overdue
  engine->CountWaiting(kT0 + absl::Seconds(61), &counts);
  EXPECT_EQ(counts[0][phone].at_risk, 0u);
  EXPECT_EQ(counts[0][phone].overdue, 1u);
  EXPECT_EQ(counts[0][email].at_risk, 1u);

  engine->Apply(MakeEvent("c1", EventType::kFirstResponse, kT0 + absl::Seconds(70)).view(), fx);
  engine->CountWaiting(kT0 + absl::Seconds(70), &counts);
  EXPECT_EQ(counts[0][phone].open, 0u);
  EXPECT_EQ(counts[0][email].open, 1u);
}

TEST(CountWaiting, SurvivesASnapshot) {
  auto engine = AnswerEngine();
  Effects fx;
  for (int i = 0; i < 50; ++i) {
    engine->Apply(MakeEvent("c" + std::to_string(i), EventType::kReceived, kT0 + absl::Seconds(i)).view(), fx);
  }
  auto restored = *Engine::Restore(engine->config(), engine->Snapshot());
  WaitingCounts before, after;
  engine->CountWaiting(kT0 + absl::Minutes(1), &before);
  restored->CountWaiting(kT0 + absl::Minutes(1), &after);
  EXPECT_EQ(before[0][static_cast<size_t>(Channel::kPhone)].open, 50u);
  EXPECT_EQ(after[0][static_cast<size_t>(Channel::kPhone)].open, 50u);
  EXPECT_EQ(after[0][static_cast<size_t>(Channel::kPhone)].oldest_age_us, 60'000'000);
}

// Statements count open contacts by their receipt: past the deadline as
// not met, within it as pending.
TEST(ForEachOpen, EachWaitingEpisodeWithItsStartAndWhetherItIsOverdue) {
  auto engine = AnswerEngine();
  Effects fx;
  engine->Apply(MakeEvent("c1", EventType::kReceived, kT0).view(), fx);
  engine->Apply(MakeEvent("c2", EventType::kReceived, kT0 + absl::Seconds(30), Channel::kEmail).view(), fx);
  engine->Apply(MakeEvent("c3", EventType::kReceived, kT0 + absl::Seconds(31)).view(), fx);
  engine->Apply(MakeEvent("c3", EventType::kFirstResponse, kT0 + absl::Seconds(40)).view(), fx);
  engine->Advance(kT0 + absl::Seconds(60), fx);  // c1's deadline: 60 s is still within, 60 s + 1 us is not

  auto open = [&] {
    std::map<std::string, std::pair<absl::Time, bool>> seen;
    engine->ForEachOpen([&](const OpenEpisode& e) {
      EXPECT_EQ(Index(e.standard), 0u);
      seen[std::string(e.contact_id)] = {e.started, e.overdue};
    });
    return seen;
  };
  auto seen = open();
  ASSERT_EQ(seen.size(), 2u);  // c3 was answered
  EXPECT_EQ(seen["c1"], std::make_pair(kT0, false));
  EXPECT_EQ(seen["c2"], std::make_pair(kT0 + absl::Seconds(30), false));

  engine->Advance(kT0 + absl::Seconds(61), fx);
  seen = open();
  EXPECT_TRUE(seen["c1"].second);
  EXPECT_FALSE(seen["c2"].second);
}

}  // namespace
}  // namespace ontime

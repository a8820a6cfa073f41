// Figures: several engines (one per partition) added together equal one
// engine that saw every event, whatever the split, and Merge of two sums
// equals the sum of all.
#include "engine/figures.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "tests/support/answer_standard.h"
#include "tests/support/event_builder.h"

namespace ontime {
namespace {

using testing::MakeEvent;
using testing::OwnedEvent;

const absl::Time kT0 = absl::FromCivil(absl::CivilSecond(2026, 10, 5, 9, 0, 0), absl::UTCTimeZone());

EngineConfig AnswerAndResolve() {
  EngineConfig config;
  const Standard answer = testing::AnswerWithin60s();
  config.standards.push_back(answer);
  Standard resolve = answer;
  resolve.id = "resolve";
  resolve.stage = Stage::kResolution;
  resolve.threshold = absl::ToInt64Microseconds(absl::Minutes(30));
  config.standards.push_back(resolve);
  return config;
}

// A day of contacts: received, mostly answered (some late), some resolved,
// in event-time order (each partition has a watermark of its own, so
// lateness would differ by design between one engine and several).
std::vector<OwnedEvent> Traffic(uint32_t seed, int contacts) {
  std::mt19937 random(seed);
  std::vector<OwnedEvent> events;
  for (int c = 0; c < contacts; ++c) {
    const std::string id = "c" + std::to_string(c);
    const absl::Time received = kT0 + absl::Seconds(c * 7);
    const Channel channel = c % 3 == 0 ? Channel::kEmail : Channel::kPhone;
    events.push_back(MakeEvent(id, EventType::kReceived, received, channel));
    if (random() % 5 != 0) {
      events.push_back(MakeEvent(id, EventType::kFirstResponse, received + absl::Seconds(random() % 120)));
    }
    if (random() % 2 == 0) {
      events.push_back(MakeEvent(id, EventType::kResolved, received + absl::Minutes(random() % 60)));
    }
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const OwnedEvent& a, const OwnedEvent& b) { return a.time < b.time; });
  return events;
}

size_t PartitionOf(const std::string& contact, size_t partitions) { return std::hash<std::string>{}(contact) % partitions; }

TEST(Figures, PartitionsAddedUpEqualOneEngineThatSawEverything) {
  const EngineConfig config = AnswerAndResolve();
  const absl::Time now = kT0 + absl::Hours(3);
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE(seed);
    const std::vector<OwnedEvent> events = Traffic(seed, 400);
    const size_t partitions = 1 + seed % 6;
    auto whole = *Engine::Create(config);
    std::vector<std::unique_ptr<Engine>> parts;
    for (size_t p = 0; p < partitions; ++p) parts.push_back(*Engine::Create(config));
    Effects fx;
    for (const OwnedEvent& e : events) {
      whole->Apply(e.view(), fx);
      parts[PartitionOf(e.contact_id, partitions)]->Apply(e.view(), fx);
    }
    // Every outcome final, as at a replayed file's end.
    whole->FinishInput(fx);
    for (const auto& part : parts) part->FinishInput(fx);
    Figures one(config), summed(config);
    const ToDateStarts starts = StartsAt(config, now);
    one.Add(*whole);
    one.AddWaiting(*whole, now);
    one.AddToDate(*whole, starts);
    for (const auto& part : parts) {
      summed.Add(*part);
      summed.AddWaiting(*part, now);
      summed.AddToDate(*part, starts);
    }
    EXPECT_EQ(summed.engines(), partitions);
    EXPECT_EQ(summed.aggregates(), one.aggregates());
    EXPECT_EQ(summed.counters().events, one.counters().events);
    EXPECT_EQ(summed.counters().outcomes, one.counters().outcomes);
    EXPECT_EQ(summed.open_contacts(), one.open_contacts());
    ASSERT_EQ(summed.waiting().size(), one.waiting().size());
    for (size_t s = 0; s < one.waiting().size(); ++s) {
      for (size_t c = 0; c < kChannelCount; ++c) {
        EXPECT_EQ(summed.waiting()[s][c].open, one.waiting()[s][c].open);
        EXPECT_EQ(summed.waiting()[s][c].oldest_age_us, one.waiting()[s][c].oldest_age_us);
      }
    }
    for (size_t s = 0; s < config.standards.size(); ++s) {
      EXPECT_EQ(summed.to_date()[s].today, one.to_date()[s].today);
      EXPECT_EQ(summed.to_date()[s].month, one.to_date()[s].month);
    }
    EXPECT_GT(one.events(Disposition::kApplied), 0u);
  }
}

TEST(Figures, MergeOfTwoSumsIsTheSumOfAll) {
  const EngineConfig config = AnswerAndResolve();
  const std::vector<OwnedEvent> events = Traffic(7, 300);
  std::vector<std::unique_ptr<Engine>> parts;
  for (size_t p = 0; p < 4; ++p) parts.push_back(*Engine::Create(config));
  Effects fx;
  for (const OwnedEvent& e : events) parts[PartitionOf(e.contact_id, 4)]->Apply(e.view(), fx);
  const absl::Time now = kT0 + absl::Hours(1);
  Figures all(config), first(config), second(config);
  for (size_t p = 0; p < 4; ++p) {
    all.Add(*parts[p]);
    all.AddWaiting(*parts[p], now);
    Figures& half = p < 2 ? first : second;
    half.Add(*parts[p]);
    half.AddWaiting(*parts[p], now);
  }
  first.Merge(second);
  EXPECT_EQ(first.aggregates(), all.aggregates());
  EXPECT_EQ(first.counters(), all.counters());
  EXPECT_EQ(first.open_contacts(), all.open_contacts());
  EXPECT_EQ(first.engines(), 4u);
  for (size_t s = 0; s < config.standards.size(); ++s) {
    for (size_t c = 0; c < kChannelCount; ++c) {
      EXPECT_EQ(first.waiting()[s][c].open, all.waiting()[s][c].open);
      EXPECT_EQ(first.waiting()[s][c].at_risk, all.waiting()[s][c].at_risk);
      EXPECT_EQ(first.waiting()[s][c].oldest_age_us, all.waiting()[s][c].oldest_age_us);
    }
  }
}

}  // namespace
}  // namespace ontime

// Randomised properties of the engine over thousands of generated contacts:
//  - any arrival order within the allowed lateness, with duplicates, gives
//    the same outcomes and aggregates as the same events once and in order;
//  - snapshot at random points, restore, continue: the same as never stopping.
#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <random>
#include <tuple>

#include "engine/engine.h"
#include "gtest/gtest.h"
#include "tests/support/event_builder.h"

namespace ontime {
namespace {

using testing::MakeEvent;
using testing::OwnedEvent;

const absl::Time kStart =
    absl::FromCivil(absl::CivilSecond(2026, 10, 23, 8, 0, 0), absl::UTCTimeZone());
constexpr absl::Duration kLateness = absl::Minutes(10);

EngineConfig MixedConfig() {
  EngineConfig config;
  config.allowed_lateness = kLateness;
  config.hold_unknown_for = absl::Minutes(30);
  CalendarSpec office;
  office.name = "office";
  EXPECT_TRUE(absl::LoadTimeZone("Europe/London", &office.time_zone));
  for (int d = 0; d < 5; ++d) office.opening_hours[static_cast<size_t>(d)] = {{8 * 3600, 18 * 3600}};
  office.cut_off_second = 16 * 3600;
  config.calendars.push_back(office);
  auto add = [&](std::string id, Stage stage, ClockKind clock, int64_t threshold,
                 std::vector<Channel> channels) {
    Standard s;
    s.id = std::move(id);
    s.stage = stage;
    s.clock = clock;
    s.threshold = threshold;
    s.applies_to.channels = std::move(channels);
    if (clock != ClockKind::kElapsed) s.calendar = "office";
    s.abandoned_grace = absl::Seconds(10);
    config.standards.push_back(s);
  };
  const int64_t minute = 60'000'000;
  add("phone-answer", Stage::kFirstResponse, ClockKind::kElapsed, 2 * minute, {Channel::kPhone});
  add("phone-resolve", Stage::kResolution, ClockKind::kElapsed, 40 * minute, {Channel::kPhone});
  add("email-reply", Stage::kFirstResponse, ClockKind::kBusiness, 90 * minute, {Channel::kEmail});
  add("email-resolve", Stage::kResolution, ClockKind::kWorkingDays, 1, {Channel::kEmail});
  add("updates", Stage::kUpdate, ClockKind::kBusiness, 60 * minute, {Channel::kEmail});
  add("promises", Stage::kPromise, ClockKind::kElapsed, 0, {});
  add("fcr", Stage::kFirstContactResolution, ClockKind::kElapsed, 0, {});
  add("transfers", Stage::kTransfers, ClockKind::kElapsed, 1, {});
  add("satisfaction", Stage::kSatisfaction, ClockKind::kElapsed, 4, {});
  return config;
}

// One contact's life, with the awkward parts at random.
std::vector<OwnedEvent> RandomContact(std::mt19937_64& rng, int n) {
  const std::string id = "C" + std::to_string(n);
  const Channel channel = rng() % 2 ? Channel::kPhone : Channel::kEmail;
  auto secs = [&](int max) { return absl::Seconds(static_cast<int64_t>(rng() % max)); };
  absl::Time t = kStart + secs(3 * 3600);
  std::vector<OwnedEvent> events;
  const std::string service = rng() % 2 ? "housing" : "waste";
  const std::string group = rng() % 3 ? "group-a" : "group-b";
  // Reopenings and scores carry the contact's attributes, as the schema asks.
  auto with_attributes = [&](OwnedEvent e) {
    e.service = service;
    e.customer_group = group;
    return e;
  };
  events.push_back(with_attributes(MakeEvent(id, EventType::kReceived, t, channel)));
  if (channel == Channel::kPhone && rng() % 6 == 0) {
    events.push_back(MakeEvent(id, EventType::kAbandoned, t + secs(300)));
    return events;
  }
  t += secs(channel == Channel::kPhone ? 240 : 3 * 3600);
  events.push_back(MakeEvent(id, EventType::kFirstResponse, t));
  if (rng() % 3 == 0) {
    events.push_back(MakeEvent(id, EventType::kTransferred, t + secs(60)));
  }
  if (rng() % 3 == 0) {
    const absl::Time hold = t + secs(600);
    events.push_back(MakeEvent(id, EventType::kOnHold, hold));
    if (rng() % 4) events.push_back(MakeEvent(id, EventType::kResumed, hold + secs(3600)));
    t = hold + absl::Hours(1);
  }
  if (rng() % 3 == 0) {
    OwnedEvent promise = MakeEvent(id, EventType::kPromised, t + secs(120));
    promise.promised_time = promise.time + secs(7200) + absl::Seconds(1);
    events.push_back(promise);
  }
  if (channel == Channel::kEmail && rng() % 2) {
    events.push_back(MakeEvent(id, EventType::kUpdate, t + secs(4000)));
  }
  if (rng() % 5 != 0) {
    t += secs(4 * 3600);
    events.push_back(MakeEvent(id, EventType::kResolved, t));
    if (rng() % 5 == 0) {
      events.push_back(with_attributes(MakeEvent(id, EventType::kReopened, t + secs(1800), channel)));
      events.push_back(MakeEvent(id, EventType::kResolved, t + absl::Minutes(30) + secs(7200)));
    }
    if (rng() % 3 == 0) {
      OwnedEvent score = with_attributes(MakeEvent(id, EventType::kSatisfaction, t + secs(600), channel));
      score.satisfaction_score = 1 + static_cast<int32_t>(rng() % 5);
      events.push_back(score);
    }
  }
  return events;
}

std::vector<OwnedEvent> RandomStream(uint64_t seed, int contacts) {
  std::mt19937_64 rng(seed);
  std::vector<OwnedEvent> all;
  for (int n = 0; n < contacts; ++n) {
    for (OwnedEvent& e : RandomContact(rng, n)) all.push_back(std::move(e));
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const OwnedEvent& a, const OwnedEvent& b) { return a.time < b.time; });
  return all;
}

// Reorders events so none arrives after an event more than `max_skew` newer
// than itself, and delivers some twice.
std::vector<OwnedEvent> Disorder(const std::vector<OwnedEvent>& in, uint64_t seed,
                                 absl::Duration max_skew) {
  std::mt19937_64 rng(seed);
  std::vector<std::pair<absl::Time, OwnedEvent>> keyed;
  const int64_t skew_us = absl::ToInt64Microseconds(max_skew);
  for (const OwnedEvent& e : in) {
    keyed.emplace_back(e.time + absl::Microseconds(static_cast<int64_t>(rng() % skew_us)), e);
    if (rng() % 7 == 0) {
      keyed.emplace_back(e.time + absl::Microseconds(static_cast<int64_t>(rng() % skew_us)), e);
    }
  }
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<OwnedEvent> out;
  for (auto& [key, e] : keyed) out.push_back(std::move(e));
  return out;
}

std::string Describe(const std::vector<std::tuple<std::string, StandardIndex, uint32_t, int64_t, Verdict, int64_t, int64_t, int64_t>>& a,
                     const std::vector<std::tuple<std::string, StandardIndex, uint32_t, int64_t, Verdict, int64_t, int64_t, int64_t>>& b) {
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (a[i] != b[i]) {
      auto show = [](const auto& o) {
        return std::get<0>(o) + " std " + std::to_string(Index(std::get<1>(o))) + " ep " +
               std::to_string(std::get<2>(o)) + " started " + std::to_string(std::get<3>(o)) +
               " verdict " + std::string(VerdictName(std::get<4>(o))) + " measure " +
               std::to_string(std::get<5>(o)) + " decided " + std::to_string(std::get<6>(o)) +
               " deadline " + std::to_string(std::get<7>(o));
      };
      return "first difference: " + show(a[i]) + " vs " + show(b[i]);
    }
  }
  return "same prefix";
}

using OutcomeKey =
    std::tuple<std::string, StandardIndex, uint32_t, int64_t, Verdict, int64_t, int64_t, int64_t>;

std::string DescribeAggregates(const PortableAggregates& pa, const PortableAggregates& pb) {
  const auto& a = pa.cells();
  const auto& b = pb.cells();
  if (a.size() != b.size()) return "cells " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
  for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
    if (ia->first != ib->first || !(ia->second == ib->second)) {
      return "standard " + ia->first.standard + " period " +
             std::to_string(static_cast<int>(ia->first.period)) + " met " +
             std::to_string(ia->second.met) + "/" + std::to_string(ib->second.met) + " breached " +
             std::to_string(ia->second.breached) + "/" + std::to_string(ib->second.breached) +
             " sketch count " + std::to_string(ia->second.measures.count()) + "/" +
             std::to_string(ib->second.measures.count()) + " first " +
             std::to_string(ia->second.measures.first_index()) + "/" +
             std::to_string(ib->second.measures.first_index()) + " buckets " +
             std::to_string(ia->second.measures.buckets().size()) + "/" +
             std::to_string(ib->second.measures.buckets().size());
    }
  }
  return "same";
}

struct RunResult {
  std::vector<OutcomeKey> outcomes;
  PortableAggregates aggregates;
  uint64_t late = 0;
};

RunResult RunEngine(const std::vector<OwnedEvent>& events, std::mt19937_64* snapshot_rng = nullptr) {
  std::unique_ptr<Engine> engine = *Engine::Create(MixedConfig());
  RunResult result;
  Effects fx;
  auto collect = [&] {
    for (const Outcome& o : fx.outcomes) {
      result.outcomes.emplace_back(o.contact_id, o.standard, o.episode, absl::ToUnixMicros(o.started),
                                   o.verdict, o.measure,
                                   absl::ToUnixMicros(o.decided_at), absl::ToUnixMicros(o.deadline));
    }
    fx.Clear();
  };
  for (const OwnedEvent& e : events) {
    engine->Apply(e.view(), fx);
    collect();
    if (snapshot_rng != nullptr && (*snapshot_rng)() % 500 == 0) {
      const std::string bytes = engine->Snapshot();
      auto restored = Engine::Restore(MixedConfig(), bytes);
      EXPECT_TRUE(restored.ok()) << restored.status();
      EXPECT_EQ((*restored)->Snapshot().size(), bytes.size());
      engine = std::move(*restored);
    }
  }
  engine->FinishInput(fx);
  collect();
  std::sort(result.outcomes.begin(), result.outcomes.end());
  result.aggregates = engine->ExportAggregates();
  result.late = engine->counters().events[static_cast<size_t>(Disposition::kLate)];
  return result;
}

TEST(EngineProperty, AnyOrderWithinLatenessAndDuplicatesGivesTheInOrderOutcomes) {
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    const std::vector<OwnedEvent> ordered = RandomStream(seed, 400);
    const RunResult expected = RunEngine(ordered);
    ASSERT_GT(expected.outcomes.size(), 1000u);
    const RunResult disordered = RunEngine(Disorder(ordered, seed * 7919, kLateness / 2));
    EXPECT_EQ(disordered.late, 0u);
    ASSERT_EQ(disordered.outcomes.size(), expected.outcomes.size()) << "seed " << seed;
    EXPECT_TRUE(disordered.outcomes == expected.outcomes)
        << "seed " << seed << " " << Describe(disordered.outcomes, expected.outcomes);
    EXPECT_TRUE(disordered.aggregates == expected.aggregates)
        << "seed " << seed << " " << DescribeAggregates(disordered.aggregates, expected.aggregates);
  }
}

TEST(EngineProperty, PartitionsMergeToTheWholeStream) {
  // Contacts spread over three engines by contact id, as Kafka partitions
  // spread them; merged, their aggregates are those of one engine.
  const std::vector<OwnedEvent> events = RandomStream(77, 600);
  std::array<std::vector<OwnedEvent>, 3> partitions;
  for (const OwnedEvent& e : events) {
    partitions[std::hash<std::string>{}(e.contact_id) % partitions.size()].push_back(e);
  }
  PortableAggregates merged;
  size_t outcomes = 0;
  for (const auto& partition : partitions) {
    const RunResult part = RunEngine(partition);
    merged.Merge(part.aggregates);
    outcomes += part.outcomes.size();
  }
  const RunResult whole = RunEngine(events);
  EXPECT_EQ(outcomes, whole.outcomes.size());
  EXPECT_TRUE(merged == whole.aggregates) << DescribeAggregates(merged, whole.aggregates);
}

TEST(EngineProperty, EveryContactGetsExactlyOneOutcomePerStandardAndEpisode) {
  const RunResult result = RunEngine(RandomStream(99, 1000));
  std::vector<std::tuple<std::string, StandardIndex, uint32_t, int64_t>> keys;
  for (const OutcomeKey& o : result.outcomes) {
    keys.emplace_back(std::get<0>(o), std::get<1>(o), std::get<2>(o), std::get<3>(o));
  }
  const auto repeated = std::adjacent_find(keys.begin(), keys.end());
  EXPECT_EQ(repeated, keys.end()) << "contact " << std::get<0>(*repeated) << " standard "
                                  << Index(std::get<1>(*repeated)) << " episode " << std::get<2>(*repeated);
}

TEST(EngineProperty, EventsBeyondTheLatenessAreCountedLateNeverDoubleCounted) {
  const std::vector<OwnedEvent> ordered = RandomStream(3, 400);
  const RunResult far = RunEngine(Disorder(ordered, 11, kLateness * 6));
  EXPECT_GT(far.late, 0u);
  std::vector<std::tuple<std::string, StandardIndex, uint32_t, int64_t>> keys;
  for (const OutcomeKey& o : far.outcomes) keys.emplace_back(std::get<0>(o), std::get<1>(o), std::get<2>(o), std::get<3>(o));
  EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
}

TEST(EngineProperty, SnapshotRestoreAtRandomPointsChangesNothing) {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    const std::vector<OwnedEvent> events = Disorder(RandomStream(seed + 100, 400), seed, kLateness / 2);
    const RunResult uninterrupted = RunEngine(events);
    std::mt19937_64 snapshot_rng(seed);
    const RunResult restored = RunEngine(events, &snapshot_rng);
    EXPECT_TRUE(restored.outcomes == uninterrupted.outcomes) << "seed " << seed;
    EXPECT_TRUE(restored.aggregates == uninterrupted.aggregates) << "seed " << seed;
  }
}

// Outcomes by standard id, so runs under differently ordered standards compare.
using IdOutcome = std::tuple<std::string, std::string, uint32_t, int64_t, Verdict, int64_t, int64_t, int64_t>;

std::vector<IdOutcome> RunAcrossChange(const std::vector<OwnedEvent>& events, const EngineConfig& before,
                                       const EngineConfig* after, PortableAggregates* aggregates) {
  std::unique_ptr<Engine> engine = *Engine::Create(before);
  std::vector<IdOutcome> outcomes;
  Effects fx;
  auto collect = [&] {
    for (const Outcome& o : fx.outcomes) {
      outcomes.emplace_back(engine->standard(o.standard).id, o.contact_id, o.episode, absl::ToUnixMicros(o.started),
                            o.verdict, o.measure, absl::ToUnixMicros(o.decided_at), absl::ToUnixMicros(o.deadline));
    }
    fx.Clear();
  };
  for (size_t i = 0; i < events.size(); ++i) {
    if (after != nullptr && i == events.size() / 2) {
      auto restored = Engine::Restore(*after, engine->Snapshot());
      EXPECT_TRUE(restored.ok()) << restored.status();
      engine = std::move(*restored);
    }
    engine->Apply(events[i].view(), fx);
    collect();
  }
  engine->FinishInput(fx);
  collect();
  std::sort(outcomes.begin(), outcomes.end());
  *aggregates = engine->ExportAggregates();
  return outcomes;
}

// The standards change mid-stream (one removed, one added, the rest in
// reverse order, so every contact's per-standard positions move): the kept
// standards' outcomes and aggregates are exactly those of a run that never
// changed, and the removed one's are gone.
TEST(EngineProperty, RestoreIntoChangedStandardsKeepsWhatTheKeptOnesAreOwed) {
  const EngineConfig before = MixedConfig();
  EngineConfig after = before;
  const std::string removed = after.standards.back().id;
  after.standards.pop_back();
  std::reverse(after.standards.begin(), after.standards.end());
  Standard added = after.standards.front();
  added.id = "added";
  after.standards.push_back(added);
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    const std::vector<OwnedEvent> events = Disorder(RandomStream(seed + 200, 400), seed, kLateness / 2);
    PortableAggregates expected_cells, changed_cells;
    std::vector<IdOutcome> expected = RunAcrossChange(events, before, nullptr, &expected_cells);
    std::vector<IdOutcome> changed = RunAcrossChange(events, before, &after, &changed_cells);
    auto kept = [&](const std::vector<IdOutcome>& all) {
      std::vector<IdOutcome> out;
      for (const IdOutcome& o : all) {
        if (std::get<0>(o) != removed && std::get<0>(o) != "added") out.push_back(o);
      }
      return out;
    };
    ASSERT_GT(kept(expected).size(), 500u);
    EXPECT_TRUE(kept(changed) == kept(expected)) << "seed " << seed;
    PortableAggregates expected_kept, changed_kept;
    for (const auto& [key, cell] : expected_cells.cells()) {
      if (key.standard != removed) expected_kept.Add(key, cell);
    }
    for (const auto& [key, cell] : changed_cells.cells()) {
      EXPECT_NE(key.standard, removed);
      if (key.standard != "added") changed_kept.Add(key, cell);
    }
    EXPECT_TRUE(changed_kept == expected_kept) << "seed " << seed << " "
                                               << DescribeAggregates(changed_kept, expected_kept);
  }
}

TEST(EngineProperty, RestoreRefusesWhatIsNotASnapshot) {
  EXPECT_FALSE(Engine::Restore(MixedConfig(), "not a snapshot \xff\xff").ok());
}

}  // namespace
}  // namespace ontime

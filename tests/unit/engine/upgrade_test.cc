// Upgrades are tested, not hoped: tests/data/upgrade/ keeps an engine
// snapshot (the heart of each partition's checkpoint) written by release
// 0.1.0. Every later release must restore it and carry on exactly: the
// contacts it held still open, their outcomes when they are answered, the
// figures it had. Never regenerate a kept fixture: add the next release's
// beside it (ONTIME_WRITE_UPGRADE_FIXTURE=1 writes this release's).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/engine.h"
#include "tests/support/event_builder.h"

namespace ontime {
namespace {

using testing::MakeEvent;

const absl::Time kT0 = absl::FromUnixSeconds(1790000000);  // 2026-09-21

// The config the fixture was written with: what an operator's file of that
// release would give.
EngineConfig FixtureConfig() {
  EngineConfig config;
  config.allowed_lateness = absl::Minutes(5);
  for (auto [id, stage, seconds] : {std::tuple{"answer", Stage::kFirstResponse, 60},
                                    {"resolve", Stage::kResolution, 1800}}) {
    Standard s;
    s.id = id;
    s.stage = stage;
    s.threshold = int64_t{seconds} * 1'000'000;
    s.target = 0.8;
    s.applies_to.channels = {Channel::kPhone};
    config.standards.push_back(s);
  }
  return config;
}

std::string FixturePath(const std::string& release) {
  return std::string(ONTIME_SOURCE_DIR) + "/tests/data/upgrade/engine-snapshot-" + release + ".bin";
}

// What release 0.1.0 had in hand: ten calls answered and resolved, and
// three still waiting to be answered.
std::string WriteWithThisRelease() {
  auto engine = *Engine::Create(FixtureConfig());
  Effects fx;
  for (int i = 0; i < 10; ++i) {
    const std::string id = "done-" + std::to_string(i);
    const absl::Time at = kT0 + absl::Minutes(i);
    engine->Apply(MakeEvent(id, EventType::kReceived, at).view(), fx);
    engine->Apply(MakeEvent(id, EventType::kFirstResponse, at + absl::Seconds(20 + 10 * i)).view(), fx);
    engine->Apply(MakeEvent(id, EventType::kResolved, at + absl::Minutes(5)).view(), fx);
  }
  for (int i = 0; i < 3; ++i) {
    engine->Apply(MakeEvent("waiting-" + std::to_string(i), EventType::kReceived, kT0 + absl::Minutes(20 + i)).view(), fx);
  }
  return engine->Snapshot();
}

TEST(Upgrade, ASnapshotWrittenByRelease010IsRestoredAndCarriesOn) {
  if (std::getenv("ONTIME_WRITE_UPGRADE_FIXTURE") != nullptr) {
    std::ofstream(FixturePath(ONTIME_VERSION_FOR_FIXTURE), std::ios::binary) << WriteWithThisRelease();
  }
  std::ifstream in(FixturePath("0.1.0"), std::ios::binary);
  ASSERT_TRUE(in) << "the 0.1.0 fixture is missing: " << FixturePath("0.1.0");
  std::stringstream bytes;
  bytes << in.rdbuf();
  absl::StatusOr<std::unique_ptr<Engine>> restored = Engine::Restore(FixtureConfig(), bytes.str());
  ASSERT_TRUE(restored.ok()) << restored.status();
  Engine& engine = **restored;
  EXPECT_EQ(engine.open_contacts(), 3u);
  // The figures it had: ten calls answered, eight of them within 60 s.
  AggregateCell answered;
  for (const auto& [key, cell] : engine.aggregates().cells()) {
    if (key.standard == StandardAt(0) && key.period == PeriodKind::kMonth) answered.Merge(cell);
  }
  EXPECT_EQ(answered.met, 5u);
  EXPECT_EQ(answered.breached, 5u);
  // And it carries on: a waiting call answered in 30 s meets the standard.
  Effects fx;
  engine.Apply(MakeEvent("waiting-0", EventType::kFirstResponse, kT0 + absl::Minutes(20) + absl::Seconds(30)).view(), fx);
  engine.Advance(kT0 + absl::Hours(2), fx);
  engine.Apply(MakeEvent("later", EventType::kReceived, kT0 + absl::Hours(2)).view(), fx);
  int met = 0, breached = 0;
  for (const Outcome& o : fx.outcomes) {
    if (o.standard != StandardAt(0)) continue;
    (o.verdict == Verdict::kMet ? met : breached) += o.contact_id == "waiting-0" ? 1 : 0;
  }
  EXPECT_EQ(met, 1);
  EXPECT_EQ(breached, 0);
  // The same state as this release writes from the same events.
  auto now = *Engine::Restore(FixtureConfig(), WriteWithThisRelease());
  EXPECT_EQ(now->open_contacts(), 3u);
}

}  // namespace
}  // namespace ontime

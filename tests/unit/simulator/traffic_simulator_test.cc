// The simulator: deterministic, delivered in order, every contact received,
// and measured by the example standards without a single invalid event.
#include "simulator/traffic_simulator.h"

#include <set>

#include "collectors/event_decoder.h"
#include "config/config_loader.h"
#include "engine/engine.h"
#include "gtest/gtest.h"

namespace ontime {
namespace {

SimulationOptions Week() {
  SimulationOptions options;
  options.first_day = absl::CivilDay(2026, 10, 19);
  options.days = 7;
  options.calls_per_weekday = 300;
  return options;
}

TEST(TrafficSimulator, SameOptionsGiveTheSameBytes) {
  std::string a, b;
  Simulate(Week(), [&](const SimulatedEvent& e) { a += e.event.SerializeAsString(); });
  Simulate(Week(), [&](const SimulatedEvent& e) { b += e.event.SerializeAsString(); });
  EXPECT_EQ(a, b);
  SimulationOptions other = Week();
  other.seed = 2;
  std::string c;
  Simulate(other, [&](const SimulatedEvent& e) { c += e.event.SerializeAsString(); });
  EXPECT_NE(a, c);
}

TEST(TrafficSimulator, DeliveredInOrderWithEveryContactReceived) {
  absl::Time last = absl::InfinitePast();
  std::set<std::string> received, mentioned;
  int64_t events = 0;
  const int64_t contacts = Simulate(Week(), [&](const SimulatedEvent& e) {
    EXPECT_GE(e.delivered, last);
    last = e.delivered;
    ++events;
    mentioned.insert(e.event.contact_id());
    if (e.event.type() == v1::EVENT_TYPE_RECEIVED) received.insert(e.event.contact_id());
  });
  EXPECT_GT(contacts, 2000);
  EXPECT_GT(events, 3 * contacts);
  EXPECT_EQ(received, mentioned);
  EXPECT_EQ(static_cast<int64_t>(received.size()), contacts);
}

TEST(TrafficSimulator, TheExampleStandardsMeasureEveryEvent) {
  ConfigResult loaded = LoadConfigFile(ONTIME_SOURCE_DIR "/deploy/examples/ontime.yaml");
  ASSERT_TRUE(loaded.ok());
  std::unique_ptr<Engine> engine = *Engine::Create(loaded.config.engine);
  EventDecoder decoder;
  Effects effects;
  Simulate(Week(), [&](const SimulatedEvent& e) {
    Event event;
    ASSERT_TRUE(decoder.DecodeProtobuf(e.event.SerializeAsString(), &event).ok());
    engine->Apply(event, effects);
    effects.Clear();
  });
  engine->FinishInput(effects);
  const EngineCounters& c = engine->counters();
  EXPECT_EQ(c.events[static_cast<size_t>(Disposition::kInvalid)], 0u);
  EXPECT_EQ(c.events[static_cast<size_t>(Disposition::kLate)], 0u);
  EXPECT_GT(c.events[static_cast<size_t>(Disposition::kDuplicate)], 0u);
  EXPECT_EQ(c.orphans, 0u);
  EXPECT_GT(c.outcomes[static_cast<size_t>(Verdict::kMet)], 5000u);
  EXPECT_GT(c.outcomes[static_cast<size_t>(Verdict::kBreached)], 100u);
}

}  // namespace
}  // namespace ontime

// One long-lived engine for the decoder fuzzers, so fuzzed events meet the
// state earlier inputs left behind; Advance and Snapshot/Restore run too.
#ifndef ONTIME_TESTS_FUZZ_FUZZ_ENGINE_H_
#define ONTIME_TESTS_FUZZ_FUZZ_ENGINE_H_

#include <memory>

#include "engine/engine.h"

namespace ontime::fuzz {

inline EngineConfig FuzzConfig() {
  EngineConfig config;
  CalendarSpec office;
  office.name = "office";
  absl::LoadTimeZone("Europe/London", &office.time_zone);
  for (int d = 0; d < 5; ++d) office.opening_hours[static_cast<size_t>(d)] = {{9 * 3600, 17 * 3600}};
  config.calendars.push_back(office);
  const Stage stages[] = {Stage::kFirstResponse, Stage::kResolution, Stage::kUpdate, Stage::kPromise,
                          Stage::kFirstContactResolution, Stage::kSatisfaction, Stage::kTransfers};
  const ClockKind clocks[] = {ClockKind::kElapsed, ClockKind::kBusiness, ClockKind::kWorkingDays};
  int n = 0;
  for (Stage stage : stages) {
    for (ClockKind clock : clocks) {
      Standard s;
      s.id = "s" + std::to_string(n++);
      s.stage = stage;
      s.clock = clock;
      s.calendar = clock == ClockKind::kElapsed ? "" : "office";
      s.threshold = clock == ClockKind::kWorkingDays ? 2 : 3600'000'000;
      if (stage == Stage::kSatisfaction) s.threshold = 4;
      s.applies_to.channels = {static_cast<Channel>(1 + n % 8)};
      config.standards.push_back(s);
    }
  }
  config.max_held_contacts = 1000;
  return config;
}

inline void ApplyToEngine(const Event& event) {
  static std::unique_ptr<Engine> engine = *Engine::Create(FuzzConfig());
  static Effects effects;
  static int calls = 0;
  engine->Apply(event, effects);
  engine->Advance(event.time, effects);
  effects.Clear();
  if (++calls % 1000 == 0) {
    engine = *Engine::Restore(FuzzConfig(), engine->Snapshot());
  }
  if (engine->open_contacts() > 20000) engine = *Engine::Create(FuzzConfig());
}

}  // namespace ontime::fuzz

#endif  // ONTIME_TESTS_FUZZ_FUZZ_ENGINE_H_

// How late after its deadline an overdue contact's alert record is made,
// with 1 M open contacts falling due over 10 s (100,000 a second) and the
// loop applying new events at full speed between Advance ticks, as ontimed
// does: the Advance tick every second, then each signal through the alert
// policy and serialised (what the record sink copies). Lateness = when the
// record exists - the deadline (the first breaching instant), wall clock.
//
// Prints: p50_ms=... p99_ms=... max_ms=... early=N tick_ms=1000 alerts=N
//         events_per_second=...
// Usage: alert_lateness [OPEN_CONTACTS]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "alerts/contact_alerts.h"
#include "config/alert_settings.h"
#include "engine/engine.h"

namespace ontime::bench {
namespace {

EngineConfig Config() {
  EngineConfig config;
  config.allowed_lateness = absl::Minutes(5);
  Standard answer;
  answer.id = "phone-answer";
  answer.wording = "We aim to answer 80% of calls within 60 seconds";
  answer.stage = Stage::kFirstResponse;
  answer.threshold = absl::ToInt64Microseconds(absl::Seconds(60));
  answer.warn_at = 1.0;  // overdue only: the figure is about deadlines
  answer.applies_to.channels = {Channel::kPhone};
  config.standards.push_back(answer);
  return config;
}

Event Received(const std::string& id, absl::Time at) {
  Event e;
  e.event_id = id;
  e.contact_id = id;
  e.type = EventType::kReceived;
  e.channel = Channel::kPhone;
  e.time = at;
  return e;
}

int Run(int open_contacts) {
  const EngineConfig config = Config();
  std::unique_ptr<Engine> engine = *Engine::Create(config);
  const AlertLevels levels;
  const ContactAlerts alerts(engine->config(), levels);
  Effects effects;
  const absl::Duration threshold = absl::Seconds(60);
  const absl::Duration spread = absl::Seconds(10);
  // Deadlines from 0.5 s to 10.5 s after setting up (which takes a while:
  // `start` is taken after it, and the contacts are received relative to a
  // provisional start that is then corrected by the set-up time).
  const absl::Time provisional = absl::Now() + absl::Seconds(15);
  std::vector<std::string> ids;
  ids.reserve(static_cast<size_t>(open_contacts));
  for (int i = 0; i < open_contacts; ++i) {
    ids.push_back(absl::StrCat("CALL-", i));
    const absl::Time due = provisional + absl::Milliseconds(500) + spread * i / open_contacts;
    engine->Apply(Received(ids.back(), due - threshold), effects);
    effects.Clear();
  }
  if (absl::Now() > provisional) {
    std::fprintf(stderr, "set-up took over 15 s; the deadlines are already past\n");
    return 1;
  }
  absl::SleepFor(provisional - absl::Now());

  std::vector<double> lateness_ms;
  lateness_ms.reserve(static_cast<size_t>(open_contacts));
  std::vector<v1::Alert> out;
  std::string bytes;
  int64_t early = 0;
  int64_t applied = 0;
  int64_t fresh = 0;
  absl::Time next_tick = provisional + absl::Seconds(1);
  const absl::Time end = provisional + spread + absl::Seconds(2);
  while (absl::Now() < end) {
    // Between ticks: new calls, answered at once, as fast as the loop goes.
    while (absl::Now() < next_tick) {
      for (int k = 0; k < 256; ++k) {
        const std::string id = absl::StrCat("NEW-", fresh++);
        const absl::Time at = absl::Now() - absl::Seconds(1);
        engine->Apply(Received(id, at), effects);
        Event answered = Received(id, at + absl::Milliseconds(200));
        answered.event_id = id + ":a";
        answered.type = EventType::kFirstResponse;
        engine->Apply(answered, effects);
        applied += 2;
      }
      effects.Clear();
    }
    engine->Advance(absl::Now(), effects);
    for (const Signal& signal : effects.signals) {
      out.clear();
      alerts.OnSignal(signal, "housing", &out);
      for (const v1::Alert& alert : out) alert.SerializeToString(&bytes);
      const absl::Duration late = absl::Now() - signal.deadline;
      if (late < absl::ZeroDuration()) ++early;
      lateness_ms.push_back(absl::ToDoubleMilliseconds(late));
    }
    effects.Clear();
    next_tick += absl::Seconds(1);
  }
  std::sort(lateness_ms.begin(), lateness_ms.end());
  auto at = [&](double q) { return lateness_ms[static_cast<size_t>(q * static_cast<double>(lateness_ms.size() - 1))]; };
  const double seconds = absl::ToDoubleSeconds(end - provisional);
  std::printf("p50_ms=%.3f p99_ms=%.3f max_ms=%.3f early=%lld tick_ms=1000 alerts=%zu events_per_second=%.0f\n",
              at(0.5), at(0.99), lateness_ms.back(), static_cast<long long>(early), lateness_ms.size(),
              static_cast<double>(applied) / seconds);
  return lateness_ms.size() == static_cast<size_t>(open_contacts) ? 0 : 1;
}

}  // namespace
}  // namespace ontime::bench

int main(int argc, char** argv) { return ontime::bench::Run(argc > 1 ? std::atoi(argv[1]) : 1000000); }

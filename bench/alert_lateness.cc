// How late after its deadline an overdue contact's alert record is made,
// with OPEN open contacts whose deadlines fall DUE_PER_SECOND a second, and
// the loop applying new events between Advance ticks at ontimed's full
// end-to-end rate (EVENTS_PER_SECOND, 250,000 by default: what it reads
// from Kafka, bench/kafka_figures), as ontimed does: the Advance tick every second, then each signal through the
// alert policy and serialised (what the record sink copies). Lateness =
// when the record exists - the deadline (the first breaching instant), wall
// clock; measured for the contacts falling due in the first SECONDS.
//
// Prints: p50_ms=... p99_ms=... max_ms=... early=N tick_ms=1000 alerts=N
//         events_per_second=...
// Usage: alert_lateness [OPEN [DUE_PER_SECOND [SECONDS [EVENTS_PER_SECOND]]]]
#include <algorithm>
#include <cstdint>
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

// `threshold`: longer than the deadlines' spread, so every contact was
// received in the past (a future receipt would move the watermark ahead and
// make the new events late).
EngineConfig Config(absl::Duration threshold) {
  EngineConfig config;
  config.allowed_lateness = absl::Minutes(5);
  Standard answer;
  answer.id = "phone-answer";
  answer.wording = "We aim to answer 80% of calls within 60 seconds";
  answer.stage = Stage::kFirstResponse;
  answer.threshold = absl::ToInt64Microseconds(threshold);
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

int Run(int open_contacts, int due_per_second, int seconds, int events_per_second) {
  // Deadlines run from 0.5 s after the start, due_per_second a second.
  const absl::Duration spread = absl::Seconds(1) * open_contacts / due_per_second;
  const absl::Duration threshold = spread + absl::Minutes(2);
  const EngineConfig config = Config(threshold);
  std::unique_ptr<Engine> engine = *Engine::Create(config);
  const AlertLevels levels;
  const ContactAlerts alerts(engine->config(), levels);
  Effects effects;
  // Set-up (applying the contacts) takes a while: the run starts 15 s from
  // now, and the contacts' deadlines are placed relative to that.
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
  const absl::Time end = provisional + absl::Seconds(seconds);
  const absl::Time last_measured = end - absl::Seconds(1);
  while (absl::Now() < end) {
    // Between ticks: new calls, answered at once, at the full rate.
    while (absl::Now() < next_tick) {
      const int64_t allowed = static_cast<int64_t>(absl::ToDoubleSeconds(absl::Now() - provisional) * events_per_second);
      if (applied >= allowed) {
        absl::SleepFor(std::min(absl::Microseconds(200), next_tick - absl::Now()));
        continue;
      }
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
      if (signal.deadline > last_measured) continue;
      const absl::Duration late = absl::Now() - signal.deadline;
      if (late < absl::ZeroDuration()) ++early;
      lateness_ms.push_back(absl::ToDoubleMilliseconds(late));
    }
    effects.Clear();
    next_tick += absl::Seconds(1);
  }
  const EngineCounters& counters = engine->counters();
  const uint64_t not_applied = applied - counters.events[static_cast<size_t>(Disposition::kApplied)] + open_contacts;
  if (not_applied != 0) {
    std::fprintf(stderr, "%llu events were not applied (the load would be a fake)\n",
                 static_cast<unsigned long long>(not_applied));
    return 1;
  }
  std::sort(lateness_ms.begin(), lateness_ms.end());
  auto at = [&](double q) { return lateness_ms[static_cast<size_t>(q * static_cast<double>(lateness_ms.size() - 1))]; };
  const double elapsed = absl::ToDoubleSeconds(end - provisional);
  std::printf("p50_ms=%.3f p99_ms=%.3f max_ms=%.3f early=%lld tick_ms=1000 alerts=%zu events_per_second=%.0f\n",
              at(0.5), at(0.99), lateness_ms.back(), static_cast<long long>(early), lateness_ms.size(),
              static_cast<double>(applied) / elapsed);
  // Every contact due in the measured time, and none other, signalled.
  // Deadlines from 0.5 s on; those up to a second before the end measured.
  const int64_t expected = std::min<int64_t>(open_contacts, due_per_second * (2 * seconds - 3) / 2);
  if (std::abs(static_cast<int64_t>(lateness_ms.size()) - expected) > due_per_second / 100 + 1) {
    std::fprintf(stderr, "expected about %lld alerts, made %zu\n", static_cast<long long>(expected), lateness_ms.size());
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace ontime::bench

int main(int argc, char** argv) {
  return ontime::bench::Run(argc > 1 ? std::atoi(argv[1]) : 1000000, argc > 2 ? std::atoi(argv[2]) : 1000,
                            argc > 3 ? std::atoi(argv[3]) : 20, argc > 4 ? std::atoi(argv[4]) : 250000);
}

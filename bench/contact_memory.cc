// Memory per open contact: RSS growth divided by contacts, at 1 M and 2 M
// open contacts (phone calls received, not yet answered), with the deadline
// index and every other structure the engine keeps for them.
//
//   contact_memory N            a fresh engine, N open contacts
//   contact_memory N year       first a simulated year of closed contacts
//                               (2,000 a day over 10 services and 4 customer
//                               groups), then N open: the growth counts the
//                               history the engine still holds
//   contact_memory N year-kept  the same with every closed period kept (as
//                               before closed periods left the engine)
// Prints: open_contacts=N rss_growth_bytes=B bytes_per_contact=X cells=C
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "bench/corpus.h"
#include "engine/engine.h"

namespace {

long RssBytes() {
  std::ifstream statm("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return pages_resident * sysconf(_SC_PAGESIZE);
}

}  // namespace

// A year before t0: each day 2,000 calls answered and resolved within a
// minute (in order, within the allowed lateness), spread over services and customer groups, so every day, week and
// month gets its cells.
void SimulateClosedYear(ontime::Engine& engine, absl::Time t0) {
  static const char* kServices[] = {"housing", "waste", "parking", "council-tax", "benefits",
                                    "planning", "highways", "libraries", "licensing", "schools"};
  static const char* kGroups[] = {"none", "disability", "older", "language"};
  ontime::Effects effects;
  char id[32];
  const absl::Time start = t0 - absl::Hours(24 * 366);
  for (long n = 0; n < 365L * 2000; ++n) {
    const int len = std::snprintf(id, sizeof id, "OLD-%07ld", n);
    const absl::Time received = start + absl::Seconds(n * 43);  // 2,000 a day
    for (const auto& [type, after] : {std::pair{ontime::EventType::kReceived, 0},
                                      {ontime::EventType::kFirstResponse, 20},
                                      {ontime::EventType::kResolved, 60}}) {
      const std::string event_id = std::string(id, static_cast<size_t>(len)) + ":" + std::to_string(after);
      ontime::Event e;
      e.event_id = event_id;
      e.contact_id = std::string_view(id, static_cast<size_t>(len));
      e.type = type;
      e.time = received + absl::Seconds(after);
      if (type == ontime::EventType::kReceived) {
        e.channel = ontime::Channel::kPhone;
        e.service = kServices[n % 10];
        e.customer_group = kGroups[(n / 10) % 4];
      }
      engine.Apply(e, effects);
      effects.Clear();
    }
  }
}

int main(int argc, char** argv) {
  const long contacts = argc > 1 ? std::stol(argv[1]) : 1000000;
  const std::string history = argc > 2 ? argv[2] : "";
  ontime::EngineConfig config = ontime::bench::BenchConfig();
  if (history == "year-kept") {
    config.hourly_retention = config.daily_retention = config.monthly_retention = absl::InfiniteDuration();
  }
  const long before = RssBytes();
  std::unique_ptr<ontime::Engine> engine = *ontime::Engine::Create(config);
  ontime::Effects effects;
  // Ids as a case system issues them: 11 characters.
  char id[32];
  const absl::Time t0 = absl::FromUnixSeconds(1790000000);
  if (!history.empty()) SimulateClosedYear(*engine, t0);
  for (long i = 0; i < contacts; ++i) {
    const int n = std::snprintf(id, sizeof id, "CAS-%07ld", i);
    ontime::Event e;
    e.event_id = std::string_view(id, static_cast<size_t>(n));
    e.contact_id = std::string_view(id, static_cast<size_t>(n));
    e.type = ontime::EventType::kReceived;
    e.channel = ontime::Channel::kPhone;
    e.service = "housing";
    // All within the allowed lateness, so every contact stays open.
    e.time = t0 + absl::Microseconds(i);
    engine->Apply(e, effects);
    effects.Clear();
  }
  const long growth = RssBytes() - before;
  std::printf("open_contacts=%zu rss_growth_bytes=%ld bytes_per_contact=%.1f cells=%zu\n",
              engine->open_contacts(), growth,
              static_cast<double>(growth) / static_cast<double>(engine->open_contacts()),
              engine->aggregates().cells().size());
  return engine->open_contacts() == static_cast<size_t>(contacts) ? 0 : 1;
}

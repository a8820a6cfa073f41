// Memory per open contact: RSS growth divided by contacts, at 1 M and 2 M
// open contacts (phone calls received, not yet answered), with the deadline
// index and every other structure the engine keeps for them.
// Prints: open_contacts=N rss_growth_bytes=B bytes_per_contact=X
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

int main(int argc, char** argv) {
  const long contacts = argc > 1 ? std::stol(argv[1]) : 1000000;
  std::unique_ptr<ontime::Engine> engine = *ontime::Engine::Create(ontime::bench::BenchConfig());
  ontime::Effects effects;
  // Ids as a case system issues them: 11 characters.
  char id[32];
  const absl::Time t0 = absl::FromUnixSeconds(1790000000);
  const long before = RssBytes();
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
  std::printf("open_contacts=%zu rss_growth_bytes=%ld bytes_per_contact=%.1f\n",
              engine->open_contacts(), growth,
              static_cast<double>(growth) / static_cast<double>(engine->open_contacts()));
  return engine->open_contacts() == static_cast<size_t>(contacts) ? 0 : 1;
}

#include "engine/waiting_counts.h"

#include <algorithm>

#include "engine/check.h"

namespace ontime {

void CountWaiting(const ContactTable& contacts, const Applicability& applicability,
                  size_t standard_count, absl::Time now, WaitingCounts* counts) {
  counts->assign(standard_count, {});
  const int64_t now_us = absl::ToUnixMicros(now);
  Applicability::List computed;
  contacts.ForEach([&](Slot slot) {
    const Contact& c = contacts.at(slot);
    if (c.waiting == 0 || IsHeld(c)) return;
    const ContactAttributes& a = c.attributes;
    const Applicability::List& applicable = applicability.Lookup(a, &computed);
    const int64_t age_us = std::max<int64_t>(0, now_us - c.events.front().time_us);
    for (size_t pos = 0; pos < applicable.size(); ++pos) {
      if (!(c.waiting >> pos & 1)) continue;
      ONTIME_DCHECK(Index(applicable[pos]) < counts->size());
      WaitingCount& count = (*counts)[Index(applicable[pos])][static_cast<size_t>(a.channel)];
      ++count.open;
      const uint32_t sent = SignalBits(c, pos);
      if (OverdueSent(sent)) {  // escalated ones too
        ++count.overdue;
      } else if (sent == kAtRiskSent) {
        ++count.at_risk;
      }
      count.oldest_age_us = std::max(count.oldest_age_us, age_us);
    }
  });
}

}  // namespace ontime

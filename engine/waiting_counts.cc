#include "engine/waiting_counts.h"

#include <algorithm>

#include "engine/check.h"

namespace ontime {

void CountWaiting(const ContactTable& contacts, const Applicability& applicability,
                  size_t standard_count, absl::Time now, WaitingCounts* counts) {
  counts->assign(standard_count, {});
  const int64_t now_us = absl::ToUnixMicros(now);
  ForEachWaiting(contacts, applicability, [&](const WaitingContact& waiting) {
    const Contact& c = waiting.contact;
    ONTIME_DCHECK(Index(waiting.standard) < counts->size());
    WaitingCount& count = (*counts)[Index(waiting.standard)][static_cast<size_t>(c.attributes.channel)];
    ++count.open;
    if (waiting.overdue) {  // escalated ones too
      ++count.overdue;
    } else if (SignalBits(c, waiting.position) == kAtRiskSent) {
      ++count.at_risk;
    }
    count.oldest_age_us = std::max(count.oldest_age_us, std::max<int64_t>(0, now_us - c.events.front().time_us));
  });
}

}  // namespace ontime

// What is waiting now: per standard and channel, the contacts still waiting
// for their stop, how many of them were signalled at risk or overdue, and
// the oldest's age. A walk over the open contacts (about 10 ns each) for
// live gauges; it reads the contacts' waiting and signalled bits as the
// engine's last judgement and Advance() left them.
#ifndef ONTIME_ENGINE_WAITING_COUNTS_H_
#define ONTIME_ENGINE_WAITING_COUNTS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/time/time.h"
#include "engine/applicability.h"
#include "engine/contact_table.h"
#include "engine/event.h"

namespace ontime {

// Contacts waiting for a stop under a standard, on one channel.
struct WaitingCount {
  uint64_t open = 0;
  // Of those: past warn_at (and not overdue), and past the deadline, as
  // signalled so far.
  uint64_t at_risk = 0;
  uint64_t overdue = 0;
  // From the contact's first event to `now`.
  int64_t oldest_age_us = 0;
};
// [standard][channel]
using WaitingCounts = std::vector<std::array<WaitingCount, kChannelCount>>;

// One contact waiting for its stop under one standard.
struct WaitingContact {
  const Contact& contact;
  StandardIndex standard;
  // The standard's position among those applicable to the contact (its
  // waiting and signal bits).
  size_t position;
  // Signalled past its deadline (overdue or escalated) as of the engine's
  // last Advance().
  bool overdue;
};

// Calls visit(const WaitingContact&) for every standard every open,
// unheld contact still waits for, in the contact table's order.
template <typename Visit>
void ForEachWaiting(const ContactTable& contacts, const Applicability& applicability, Visit&& visit) {
  Applicability::List computed;
  contacts.ForEach([&](Slot slot) {
    const Contact& c = contacts.at(slot);
    if (c.waiting == 0 || IsHeld(c)) return;
    const Applicability::List& applicable = applicability.Lookup(c.attributes, &computed);
    for (size_t pos = 0; pos < applicable.size(); ++pos) {
      if (!(c.waiting >> pos & 1)) continue;
      visit(WaitingContact{.contact = c,
                           .standard = applicable[pos],
                           .position = pos,
                           .overdue = OverdueSent(SignalBits(c, pos))});
    }
  });
}

// Replaces *counts with the counts of `contacts` at `now`, for
// `standard_count` standards. Held contacts wait for nothing yet.
void CountWaiting(const ContactTable& contacts, const Applicability& applicability,
                  size_t standard_count, absl::Time now, WaitingCounts* counts);

}  // namespace ontime

#endif  // ONTIME_ENGINE_WAITING_COUNTS_H_

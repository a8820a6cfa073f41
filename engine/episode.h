// The facts of one episode of a contact, folded from its events in
// event-time order: when it started, its pauses, responses, promises,
// transfers and how it closed. Every standard is judged from these facts,
// so every standard sees the same reading of the events.
//
// An episode starts at the contact's receipt, or at a reopening. Events
// stamped before the contact's first start contradict it and are left out
// (a resolution stamped before its receipt is no instant answer). Events
// after the episode closed (resolved or abandoned) belong to no episode,
// except a reopening, which starts the next. Satisfaction scores belong to
// the contact, not to an episode: the engine judges each on its own.
#ifndef ONTIME_ENGINE_EPISODE_H_
#define ONTIME_ENGINE_EPISODE_H_

#include <cstdint>
#include <optional>

#include "absl/container/inlined_vector.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "engine/calendar.h"
#include "engine/contact.h"

namespace ontime {

struct Promise {
  absl::Time made;
  absl::Time due;
};

struct Episode {
  bool started = false;
  bool started_by_reopening = false;
  absl::Time start = absl::InfinitePast();
  // The first response, or the resolution if that came first.
  std::optional<absl::Time> first_response;
  std::optional<absl::Time> resolved;
  std::optional<absl::Time> abandoned;
  // Resolution's running time: from the start, broken by pauses, to the close
  // (or, while open, to the end of time; the last segment then ends at
  // InfiniteFuture, or at the pause if the contact is on hold).
  absl::InlinedVector<Interval, 2> running;
  bool on_hold = false;
  // Times the customer heard from us: the start, responses and updates.
  absl::InlinedVector<absl::Time, 4> touches;
  absl::InlinedVector<Promise, 2> promises;
  int32_t transfers = 0;

  std::optional<absl::Time> closed_at() const {
    return resolved.has_value() ? resolved : abandoned;
  }
};

// Folds `events` (sorted, de-duplicated) into the current episode's facts.
// `index_of_reopening` receives the index of a reopening after the close, if
// there is one (the next episode's start).
Episode FoldEpisode(absl::Span<const StoredEvent> events,
                    std::optional<size_t>* index_of_reopening);

}  // namespace ontime

#endif  // ONTIME_ENGINE_EPISODE_H_

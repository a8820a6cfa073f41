#include "engine/episode.h"

#include <algorithm>

namespace ontime {

Episode FoldEpisode(absl::Span<const StoredEvent> events,
                    std::optional<size_t>* index_of_reopening) {
  Episode episode;
  index_of_reopening->reset();
  size_t start_index = events.size();
  for (size_t i = 0; i < events.size(); ++i) {
    const EventType type = events[i].type();
    if (type == EventType::kReceived || type == EventType::kReopened) {
      start_index = i;
      break;
    }
  }
  if (start_index == events.size()) return episode;

  episode.started = true;
  episode.started_by_reopening = events[start_index].type() == EventType::kReopened;
  episode.start = events[start_index].time();
  episode.touches.push_back(episode.start);
  absl::Time running_since = episode.start;

  for (size_t i = 0; i < events.size(); ++i) {
    if (i == start_index) continue;
    const StoredEvent& e = events[i];
    // Stamped before the contact began: it contradicts the receipt, so it
    // is no response (the engine refuses such an event when the receipt
    // came first; this is the same rule when it came second).
    if (i < start_index && e.time() < episode.start) continue;
    const absl::Time t = std::max(e.time(), episode.start);
    if (episode.closed_at().has_value()) {
      if (i > start_index && e.type() == EventType::kReopened &&
          !index_of_reopening->has_value()) {
        *index_of_reopening = i;
      }
      continue;
    }
    switch (e.type()) {
      case EventType::kFirstResponse:
        if (!episode.first_response) episode.first_response = t;
        episode.touches.push_back(t);
        break;
      case EventType::kUpdate:
        episode.touches.push_back(t);
        break;
      case EventType::kOnHold:
        if (!episode.on_hold) {
          episode.running.push_back({running_since, t});
          episode.on_hold = true;
        }
        break;
      case EventType::kResumed:
        if (episode.on_hold) {
          running_since = t;
          episode.on_hold = false;
        }
        break;
      case EventType::kTransferred:
        ++episode.transfers;
        break;
      case EventType::kPromised:
        episode.promises.push_back(
            {t, absl::FromUnixSeconds(absl::ToUnixSeconds(e.time()) + e.payload)});
        break;
      case EventType::kResolved:
        if (!episode.first_response) episode.first_response = t;
        episode.resolved = t;
        break;
      case EventType::kAbandoned:
        // Abandoning only means something before a response.
        if (!episode.first_response) episode.abandoned = t;
        break;
      case EventType::kReceived:
      case EventType::kReopened:
      case EventType::kSatisfaction:
      case EventType::kUnspecified:
        break;
    }
  }
  const std::optional<absl::Time> closed = episode.closed_at();
  if (!episode.on_hold) {
    episode.running.push_back({running_since, closed.value_or(absl::InfiniteFuture())});
  }
  return episode;
}

}  // namespace ontime

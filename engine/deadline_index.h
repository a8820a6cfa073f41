// Which contacts need attention when: a min-heap of (instant, slot,
// generation), one live entry per contact and purpose, so a million open
// contacts need no timer each. Entries are never removed in place: one whose
// generation or instant no longer matches its contact is stale and skipped
// when it surfaces (the caller decides), and the heap is rebuilt without
// stale entries when they outnumber the live ones.
//
// Pop order is by instant, then slot, so draining is deterministic.
#ifndef ONTIME_ENGINE_DEADLINE_INDEX_H_
#define ONTIME_ENGINE_DEADLINE_INDEX_H_

#include <algorithm>
#include <cstdint>
#include <functional>
#include <tuple>
#include <vector>

#include "engine/check.h"

namespace ontime {

struct DeadlineEntry {
  int64_t due_us = 0;
  uint32_t slot = 0;
  uint32_t generation = 0;

  friend bool operator>(const DeadlineEntry& a, const DeadlineEntry& b) {
    return std::tie(a.due_us, a.slot, a.generation) >
           std::tie(b.due_us, b.slot, b.generation);
  }
};
static_assert(sizeof(DeadlineEntry) == 16);

class DeadlineIndex {
 public:
  void Push(DeadlineEntry entry) {
    heap_.push_back(entry);
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
    // The new entry sifted up as far as it belongs: the top is no later.
    ONTIME_DCHECK(!(heap_.front() > entry));
  }
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  const DeadlineEntry& top() const {
    ONTIME_DCHECK(!heap_.empty());
    return heap_.front();
  }
  DeadlineEntry Pop() {
    ONTIME_DCHECK(!heap_.empty());
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
    DeadlineEntry entry = heap_.back();
    heap_.pop_back();
    // Pops come in order: nothing left is earlier than what was popped.
    ONTIME_DCHECK(heap_.empty() || !(entry > heap_.front()));
    return entry;
  }
  // Keeps only entries for which is_live(entry) holds.
  template <typename IsLive>
  void Compact(IsLive&& is_live) {
    std::erase_if(heap_, [&](const DeadlineEntry& e) { return !is_live(e); });
    std::make_heap(heap_.begin(), heap_.end(), std::greater<>{});
    heap_.shrink_to_fit();
  }
  void Clear() { heap_.clear(); }

 private:
  std::vector<DeadlineEntry> heap_;
};

}  // namespace ontime

#endif  // ONTIME_ENGINE_DEADLINE_INDEX_H_

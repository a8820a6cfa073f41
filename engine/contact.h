// One open contact, packed: memory grows with open contacts, a known number
// of bytes each (104 here, plus the index entries in contact_table.h and
// deadline_index.h).
//
// A contact keeps its own events (de-duplicated, in event-time order) rather
// than a running state: any arrival order then folds to the same state, which
// is what makes outcomes exact in event time. Events are few per contact and
// leave when an episode settles.
#ifndef ONTIME_ENGINE_CONTACT_H_
#define ONTIME_ENGINE_CONTACT_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <tuple>

#include "absl/container/inlined_vector.h"
#include "absl/time/time.h"
#include "engine/event.h"
#include "engine/outcome.h"

namespace ontime {

// A contact reference: inline up to 22 bytes (call ids, case numbers), on the
// heap beyond.
class ContactKey {
 public:
  ContactKey() { std::memset(bytes_, 0, sizeof bytes_); }
  explicit ContactKey(std::string_view id);
  ContactKey(const ContactKey&) = delete;
  ContactKey& operator=(const ContactKey&) = delete;
  ContactKey(ContactKey&& other) noexcept;
  ContactKey& operator=(ContactKey&& other) noexcept;
  ~ContactKey();

  std::string_view view() const {
    if (static_cast<uint8_t>(bytes_[23]) == kHeapTag) {
      const char* heap;
      uint32_t size;
      std::memcpy(&heap, bytes_, sizeof heap);
      std::memcpy(&size, bytes_ + 8, sizeof size);
      return {heap, size};
    }
    return {bytes_, static_cast<size_t>(static_cast<uint8_t>(bytes_[23]))};
  }

 private:
  static constexpr size_t kInlineCapacity = 22;
  static constexpr uint8_t kHeapTag = 0xff;
  void Release();
  // Inline: bytes_[0..22) the id, bytes_[23] its length.
  // Heap: a char* at bytes_[0], a uint32 length at bytes_[8], bytes_[23] = kHeapTag.
  char bytes_[24];
};

// 16 bytes: time, a 28-bit hash of the event id with the type in the low 4
// bits, and the payload: for a promise, its due time in whole seconds after
// the event's own whole second (promised times are kept to the second); for
// a satisfaction score, the score; otherwise 0.
struct StoredEvent {
  int64_t time_us = 0;
  uint32_t hash_and_type = 0;
  int32_t payload = 0;

  EventType type() const { return static_cast<EventType>(hash_and_type & 0xf); }
  absl::Time time() const { return absl::FromUnixMicros(time_us); }
  // Canonical order: time, then the type (a receipt sorts before a response
  // at the same microsecond), then the id hash, then the payload. Two events
  // equal in all four are the same event delivered twice; the order is total,
  // so a re-sent event with a corrected payload is a different event and
  // every copy of either finds its twin.
  friend bool operator<(const StoredEvent& a, const StoredEvent& b) {
    const uint32_t a_type = a.hash_and_type & 0xf, b_type = b.hash_and_type & 0xf;
    return std::tie(a.time_us, a_type, a.hash_and_type, a.payload) <
           std::tie(b.time_us, b_type, b.hash_and_type, b.payload);
  }
  friend bool operator==(const StoredEvent&, const StoredEvent&) = default;
};
static_assert(sizeof(StoredEvent) == 16);

uint32_t HashEventId(std::string_view event_id, EventType type);

struct ContactAttributes {
  Channel channel = Channel::kUnspecified;
  // Set once the attributes come from a receipt (or reopening); until then
  // they are the provisional ones of whatever event arrived first.
  bool from_start = false;
  Symbol contact_type{};
  Symbol service{};
  Symbol priority{};
  Symbol customer_group{};
};

struct Contact {
  ContactKey id;
  absl::InlinedVector<StoredEvent, 2> events;
  // The instant of this contact's entry in the deadline index, or max if none.
  int64_t signal_due_us = INT64_MAX;
  // The event time of this contact's entry in the finalisation index, or max.
  int64_t final_due_us = INT64_MAX;
  // Bumped when the slot is freed, so index entries for an old occupant are
  // recognised as stale.
  uint32_t generation = 0;
  // Two bits per applicable standard (by position): which signals were sent
  // (see kAtRiskSent and the rest below).
  uint32_t signalled = 0;
  ContactAttributes attributes;
  // One bit per applicable standard: outcome emitted for this episode.
  uint16_t emitted = 0;
  uint16_t episode = 0;
  // One bit per applicable standard: still waiting for its stop, as of the
  // last judgement (for live counts; rebuilt by every Schedule).
  uint16_t waiting = 0;
};

// The two bits a contact keeps in `signalled` per applicable standard, as
// the signals go: none, then at risk, then overdue, then escalated. Overdue
// always sets the at-risk bit too (an at-risk warning is never sent after
// it), so the overdue bit alone is free to mean escalated: the state fits
// in the two bits contacts had before escalation existed, and older
// snapshots (0, 1, 3) read the same.
inline constexpr uint32_t kAtRiskBit = 1;
inline constexpr uint32_t kOverdueBit = 2;
inline constexpr uint32_t kNoSignalSent = 0;
inline constexpr uint32_t kAtRiskSent = kAtRiskBit;
inline constexpr uint32_t kOverdueSent = kAtRiskBit | kOverdueBit;
inline constexpr uint32_t kEscalatedSent = kOverdueBit;

// Overdue, escalated or not.
inline bool OverdueSent(uint32_t bits) { return (bits & kOverdueBit) != 0; }

// The signalled bits of the standard at position `pos` of the contact's
// applicable list.
inline uint32_t SignalBits(const Contact& contact, size_t pos) {
  return (contact.signalled >> (2 * pos)) & 3;
}
inline void SetSignalBits(Contact& contact, size_t pos, uint32_t bits) {
  contact.signalled = (contact.signalled & ~(3u << (2 * pos))) | (bits << (2 * pos));
}

// Held: the contact has events that need a receipt (or reopening) and none
// has arrived yet. Satisfaction scores alone do not need one.
inline bool IsHeld(const Contact& contact) {
  bool needs_start = false;
  for (const StoredEvent& e : contact.events) {
    if (StartsContact(e.type())) return false;
    if (e.type() != EventType::kSatisfaction) needs_start = true;
  }
  return needs_start;
}

}  // namespace ontime

#endif  // ONTIME_ENGINE_CONTACT_H_

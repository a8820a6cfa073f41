#include "engine/contact_table.h"

#include <utility>

namespace ontime {

ContactTable::ContactTable()
    : index_(0, SlotHash{this}, SlotEq{this}) {}

const Slot* ContactTable::Find(std::string_view id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &*it;
}

Slot ContactTable::Insert(std::string_view id) {
  const Slot slot = AllocateSlot(id);
  index_.insert(slot);
  return slot;
}

Slot ContactTable::FindOrInsert(std::string_view id) {
  auto it = index_.lazy_emplace(id, [&](const auto& construct) { construct(AllocateSlot(id)); });
  return *it;
}

Slot ContactTable::AllocateSlot(std::string_view id) {
  Slot slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = allocated_++;
    if ((slot >> kChunkBits) >= chunks_.size()) {
      chunks_.push_back(std::make_unique<Contact[]>(size_t{1} << kChunkBits));
    }
    live_.push_back(false);
  }
  Contact& contact = at(slot);
  contact.id = ContactKey(id);
  live_[slot] = true;
  return slot;
}

void ContactTable::Erase(Slot slot) {
  ONTIME_DCHECK(slot < allocated_ && live_[slot]);
  index_.erase(slot);
  Contact& contact = at(slot);
  const uint32_t generation = contact.generation + 1;
  contact = Contact{};
  contact.generation = generation;
  live_[slot] = false;
  free_.push_back(slot);
}

}  // namespace ontime

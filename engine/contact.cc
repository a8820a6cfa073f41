#include "engine/contact.h"

#include <utility>

namespace ontime {

ContactKey::ContactKey(std::string_view id) {
  std::memset(bytes_, 0, sizeof bytes_);
  if (id.size() <= kInlineCapacity) {
    std::memcpy(bytes_, id.data(), id.size());
    bytes_[23] = static_cast<char>(id.size());
  } else {
    char* heap = new char[id.size()];
    std::memcpy(heap, id.data(), id.size());
    const auto size = static_cast<uint32_t>(id.size());
    std::memcpy(bytes_, &heap, sizeof heap);
    std::memcpy(bytes_ + 8, &size, sizeof size);
    bytes_[23] = static_cast<char>(kHeapTag);
  }
}

ContactKey::ContactKey(ContactKey&& other) noexcept {
  std::memcpy(bytes_, other.bytes_, sizeof bytes_);
  std::memset(other.bytes_, 0, sizeof other.bytes_);
}

ContactKey& ContactKey::operator=(ContactKey&& other) noexcept {
  if (this != &other) {
    Release();
    std::memcpy(bytes_, other.bytes_, sizeof bytes_);
    std::memset(other.bytes_, 0, sizeof other.bytes_);
  }
  return *this;
}

ContactKey::~ContactKey() { Release(); }

void ContactKey::Release() {
  if (static_cast<uint8_t>(bytes_[23]) == kHeapTag) {
    char* heap;
    std::memcpy(&heap, bytes_, sizeof heap);
    delete[] heap;
    std::memset(bytes_, 0, sizeof bytes_);
  }
}

uint32_t HashEventId(std::string_view event_id, EventType type) {
  // Stable across processes and versions (snapshots store it), unlike
  // absl::Hash, which is seeded per process: FNV-1a, then a SplitMix64
  // finaliser so that the high bits mix well.
  uint64_t h = 14695981039346656037ull;
  for (const char c : event_id) {
    h ^= static_cast<uint8_t>(c);
    h *= 1099511628211ull;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  const auto hash = static_cast<uint32_t>(h >> 32);
  return (hash & ~uint32_t{0xf}) | static_cast<uint32_t>(type);
}

}  // namespace ontime

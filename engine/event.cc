#include "engine/event.h"

#include <array>

namespace ontime {
namespace {

constexpr std::array<std::string_view, kChannelCount> kChannelNames = {
    "unspecified", "phone", "email", "letter", "web_form",
    "chat",        "text",  "social", "visit"};

constexpr std::array<std::string_view, kEventTypeCount> kEventTypeNames = {
    "unspecified", "received", "first_response", "update",
    "on_hold",     "resumed",  "transferred",    "promised",
    "resolved",    "abandoned", "reopened",      "satisfaction"};

}  // namespace

std::string_view ChannelName(Channel channel) {
  return kChannelNames[static_cast<size_t>(channel)];
}

std::string_view EventTypeName(EventType type) {
  return kEventTypeNames[static_cast<size_t>(type)];
}

bool ParseChannel(std::string_view name, Channel* channel) {
  for (size_t i = 1; i < kChannelNames.size(); ++i) {
    if (kChannelNames[i] == name) {
      *channel = static_cast<Channel>(i);
      return true;
    }
  }
  return false;
}

bool ParseEventType(std::string_view name, EventType* type) {
  for (size_t i = 1; i < kEventTypeNames.size(); ++i) {
    if (kEventTypeNames[i] == name) {
      *type = static_cast<EventType>(i);
      return true;
    }
  }
  return false;
}

}  // namespace ontime

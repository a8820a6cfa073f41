// Whether an event is well-formed enough to apply: the fields every event
// needs and the ones its type needs. Checks the event alone; what
// contradicts the contact's other events is the engine's to find.
#ifndef ONTIME_ENGINE_EVENT_VALIDATION_H_
#define ONTIME_ENGINE_EVENT_VALIDATION_H_

#include <string_view>

#include "engine/event.h"

namespace ontime {

// Why `event` is invalid (a fixed reason, counted by the engine under this
// text), or empty if it is valid.
std::string_view ValidateEvent(const Event& event);

}  // namespace ontime

#endif  // ONTIME_ENGINE_EVENT_VALIDATION_H_

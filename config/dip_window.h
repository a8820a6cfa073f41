// A window a standard's dips are judged over (CSE 4.3.1): "today", "this
// week" (from Monday, local midnight), or a length ("1h", "8h") counted in
// the standard's own clock (see alerts/dip_watch.h).
#ifndef ONTIME_CONFIG_DIP_WINDOW_H_
#define ONTIME_CONFIG_DIP_WINDOW_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace ontime {

struct DipWindow {
  enum class Kind : uint8_t { kLength, kToday, kThisWeek };
  Kind kind = Kind::kToday;
  absl::Duration length;
  // As written: "today", "this week", "8h".
  std::string name;
};

absl::StatusOr<DipWindow> ParseDipWindow(const std::string& text);

}  // namespace ontime

#endif  // ONTIME_CONFIG_DIP_WINDOW_H_

#include "config/dip_window.h"

#include "absl/strings/str_cat.h"
#include "config/yaml_reader.h"

namespace ontime {

absl::StatusOr<DipWindow> ParseDipWindow(const std::string& text) {
  DipWindow window;
  window.name = text;
  if (text == "today") {
    window.kind = DipWindow::Kind::kToday;
    return window;
  }
  if (text == "this week") {
    window.kind = DipWindow::Kind::kThisWeek;
    return window;
  }
  if (ParseHumanDuration(text, &window.length) && window.length > absl::ZeroDuration()) {
    window.kind = DipWindow::Kind::kLength;
    return window;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("dip window \"", text, "\" is none of today, this week or a length like 1h or 8h"));
}

}  // namespace ontime

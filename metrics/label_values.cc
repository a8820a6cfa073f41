#include "metrics/label_values.h"

namespace ontime {

LabelValues::LabelValues(const DaemonRunSettings& settings, const EngineConfig& config) {
  services_.closed = !settings.service_labels.empty();
  groups_.closed = !settings.customer_group_labels.empty();
  services_.allowed.insert(settings.service_labels.begin(), settings.service_labels.end());
  groups_.allowed.insert(settings.customer_group_labels.begin(), settings.customer_group_labels.end());
  for (const Standard& standard : config.standards) {
    services_.allowed.insert(standard.applies_to.services.begin(), standard.applies_to.services.end());
  }
}

const std::string& LabelValues::Dimension::Label(const std::string& value) {
  auto it = allowed.find(value);
  if (it != allowed.end()) return *it;
  static const std::string kNotGiven;
  if (value.empty()) return kNotGiven;  // "not given" stays an empty label
  if (!closed && admitted < kMaxUndeclared) {
    ++admitted;
    return *allowed.insert(value).first;
  }
  if (refused.size() < 10000) refused.insert(value);
  return kOther;
}

}  // namespace ontime

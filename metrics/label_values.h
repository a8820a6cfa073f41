// Which values the service and customer_group labels of the metrics take,
// the same for every partition of the process: the declared ones (config
// daemon.service_labels, daemon.customer_group_labels) and the services the
// standards name; without a declaration, also the first values seen, up to
// a cap. Everything else is "other". Once a value is a label it stays one,
// so no series of a counter ever moves under "other" and back.
#ifndef ONTIME_METRICS_LABEL_VALUES_H_
#define ONTIME_METRICS_LABEL_VALUES_H_

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "config/daemon_settings.h"
#include "engine/engine_config.h"

namespace ontime {

class LabelValues {
 public:
  // Values beyond the declared ones, per dimension, when none are declared.
  static constexpr size_t kMaxUndeclared = 100;
  static inline const std::string kOther = "other";

  LabelValues() = default;
  LabelValues(const DaemonRunSettings& settings, const EngineConfig& config);

  const std::string& Service(const std::string& value) { return services_.Label(value); }
  const std::string& CustomerGroup(const std::string& value) { return groups_.Label(value); }
  // Values that went to "other" since start (to say so in the log).
  size_t services_refused() const { return services_.refused.size(); }
  size_t customer_groups_refused() const { return groups_.refused.size(); }

 private:
  struct Dimension {
    std::set<std::string> allowed;
    bool closed = false;  // declared: nothing else is admitted
    size_t admitted = 0;
    // Bounded record of refused values, for the log's count.
    std::set<std::string> refused;
    const std::string& Label(const std::string& value);
  };
  Dimension services_, groups_;
};

}  // namespace ontime

#endif  // ONTIME_METRICS_LABEL_VALUES_H_

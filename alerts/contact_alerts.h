// The contact alerts policy (CSE 5.2.5): the engine's signals and outcomes
// in, alert records out. Pure: no clock, no I/O.
//
//   at risk    -> FIRING  at_risk    (level: team lead)
//   overdue    -> FIRING  overdue    (level: service manager), and the
//                 at-risk alert RESOLVED ("now overdue")
//   escalated  -> FIRING  escalated  (level: head of service)
//   stopped    -> each alert that stood RESOLVED ("answered in time",
//                 "answered late", "abandoned", ...), or WITHDRAWN when a
//                 late event shows an overdue contact was met after all
//
// It keeps no state: which signals stood for a contact is in the engine
// (and so in every checkpoint; see Outcome::signalled). The same signal or
// outcome always gives the same records with the same identities, so one
// written again after a crash is the same alert, not a second one.
#ifndef ONTIME_ALERTS_CONTACT_ALERTS_H_
#define ONTIME_ALERTS_CONTACT_ALERTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "config/alert_settings.h"
#include "engine/engine_config.h"
#include "engine/outcome.h"
#include "ontime/v1/alert.pb.h"

namespace ontime {

class ContactAlerts {
 public:
  // `config` and `levels` outlive this.
  ContactAlerts(const EngineConfig& config, const AlertLevels& levels);

  // `service`: the contact's service as the metrics label it (never free text).
  void OnSignal(const Signal& signal, std::string_view service, std::vector<v1::Alert>* out) const;
  // Nothing unless signals stood for the outcome's contact and standard.
  void OnOutcome(const Outcome& outcome, std::string_view service, std::vector<v1::Alert>* out) const;

  // contact/<reference>/<standard id>/<episode>/<state>
  static std::string Identity(std::string_view contact, std::string_view standard_id, uint32_t episode,
                              SignalKind state);

 private:
  const std::string& LevelOf(SignalKind kind) const;
  // The alert's fields common to every state and status.
  v1::Alert Base(std::string_view contact, StandardIndex standard, uint32_t episode, const Dimensions& dimensions,
                 std::string_view service, SignalKind state) const;

  const EngineConfig& config_;
  const AlertLevels& levels_;
  // Per standard: the time zone its calendar keeps.
  std::vector<absl::TimeZone> zones_;
};

// "Tuesday 27 October 2026, 17:00", or for a working-days standard (whose
// deadline is the midnight ending the last allowed day) "the end of Friday
// 23 October 2026"; in `zone`.
std::string DueByInWords(const Standard& standard, absl::Time due_by, absl::TimeZone zone);

}  // namespace ontime

#endif  // ONTIME_ALERTS_CONTACT_ALERTS_H_

// A standard: what the organisation promises its customers, in a form the
// engine can judge every contact against (CSE 5.1.1, 5.1.2).
//
//   phone / first_response / 60 s elapsed / target 90 %
//   letter / resolution / 10 working days / target 95 %
//   complaint / promise / kept / target 95 %
//
// A standard applies to a contact whose attributes pass its filter; each
// applicable standard gives the contact exactly one outcome per episode (a
// reopened contact starts a new episode of its resolution).
#ifndef ONTIME_ENGINE_STANDARD_H_
#define ONTIME_ENGINE_STANDARD_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "engine/clock.h"
#include "engine/event.h"

namespace ontime {

enum class Stage : uint8_t {
  // Received until the first response (or the resolution, if that comes first).
  kFirstResponse,
  // Received (or reopened) until resolved; pauses stop the clock.
  kResolution,
  // The longest gap without contact (received, responses, updates) until
  // resolved must stay within the threshold: customers kept informed.
  kUpdate,
  // Every promise of a time for the outcome (CSE 5.2.4) is kept.
  kPromise,
  // Resolved with no transfer and no promise: done at first contact.
  kFirstContactResolution,
  // A satisfaction score at or above the threshold.
  kSatisfaction,
  // Resolved with at most `threshold` transfers.
  kTransfers,
};

std::string_view StageName(Stage stage);
bool ParseStage(std::string_view name, Stage* stage);
std::string_view ClockName(ClockKind clock);
bool ParseClock(std::string_view name, ClockKind* clock);

// Whether a stage is measured on a clock (and so has deadlines and at-risk
// warnings), or is a quality judgement made at one moment.
bool IsTimed(Stage stage);

enum class AbandonedCountAs : uint8_t { kExcluded, kBreached };

// Empty lists match anything.
struct StandardFilter {
  std::vector<Channel> channels;
  std::vector<std::string> contact_types;
  std::vector<std::string> services;
  std::vector<std::string> priorities;
};

// A canonical text of a filter, to tell whether two filters are the same.
std::string FilterFingerprint(const StandardFilter& filter);

// What a standard's measure is counted in.
enum class MeasureUnit : uint8_t { kMicroseconds, kWorkingDays, kScore, kCount };
std::string_view MeasureUnitName(MeasureUnit unit);

struct Standard {
  std::string id;
  // The published wording, e.g. "We aim to answer 90% of calls within 60 seconds".
  std::string wording;
  StandardFilter applies_to;
  Stage stage = Stage::kFirstResponse;
  ClockKind clock = ClockKind::kElapsed;
  // Calendar name; empty means the built-in 24/7 UTC calendar.
  std::string calendar;
  // In the standard's unit: microseconds (elapsed, business), working days,
  // the lowest satisfying score, or the most transfers allowed. Unused for
  // promise and first_contact_resolution.
  int64_t threshold = 0;
  // The published goal, as a ratio (0.9 = 90 %).
  double target = 0.9;
  // The line below the target that some organisations publish (the amber
  // line): a month reads met, below target, or below floor. 0: none.
  double floor = 0;
  // At risk once this share of the allowed time is used (CSE 5.2.5).
  double warn_at = 0.8;
  // Calls abandoned within `abandoned_grace` are always excluded; after it
  // they count as configured. Within means a wait <= grace (a call given up
  // after exactly 5 s of a 5 s grace is excluded), or < grace where
  // `abandoned_grace_inclusive` is false, as some organisations count.
  AbandonedCountAs abandoned_count_as = AbandonedCountAs::kBreached;
  absl::Duration abandoned_grace = absl::ZeroDuration();
  bool abandoned_grace_inclusive = true;
  // Open past its deadline by more than this, in the standard's unit and
  // clock (working days, or microseconds of elapsed or business time), the
  // contact escalates (CSE 5.2.5: head of service). 0: never.
  int64_t escalate_after = 0;
  // A period with fewer outcomes than this is never called a dip.
  int64_t min_volume = 0;
  // The windows its dips are judged over, live ("today", "this week", "1h":
  // config/dip_window.h); none: no dip alerts.
  std::vector<std::string> dip_windows;
  // Satisfaction: the top of the score scale (e.g. 5).
  int32_t score_scale = 5;

  MeasureUnit unit() const;
};

// A measure (or threshold) in the standard's unit as the aggregates'
// sketches, statements and alerts show it: seconds for timed standards,
// working days, scores or transfers as they are.
double MeasureValue(const Standard& standard, int64_t measure);

}  // namespace ontime

#endif  // ONTIME_ENGINE_STANDARD_H_

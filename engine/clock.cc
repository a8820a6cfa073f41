#include "engine/clock.h"

#include "engine/business_clock.h"
#include "engine/elapsed_clock.h"
#include "engine/working_day_clock.h"

namespace ontime {

std::unique_ptr<Clock> MakeClock(ClockKind kind, const Calendar* calendar) {
  switch (kind) {
    case ClockKind::kElapsed: return std::make_unique<ElapsedClock>();
    case ClockKind::kBusiness: return std::make_unique<BusinessClock>(calendar);
    case ClockKind::kWorkingDays: return std::make_unique<WorkingDayClock>(calendar);
  }
  return std::make_unique<ElapsedClock>();
}

}  // namespace ontime

#include "engine/standard.h"

#include <array>

namespace ontime {
namespace {

constexpr std::array<std::string_view, 7> kStageNames = {
    "first_response", "resolution",   "update",   "promise",
    "first_contact_resolution", "satisfaction", "transfers"};

constexpr std::array<std::string_view, 3> kClockNames = {"elapsed", "business",
                                                         "working_days"};

constexpr std::array<std::string_view, 4> kUnitNames = {"microseconds", "working_days",
                                                        "score", "count"};

}  // namespace

std::string FilterFingerprint(const StandardFilter& filter) {
  std::string out = "channels:";
  for (Channel c : filter.channels) out.append(ChannelName(c)).append(",");
  for (const auto* list : {&filter.contact_types, &filter.services, &filter.priorities}) {
    out += ";";
    for (const std::string& value : *list) out.append(value).append(",");
  }
  return out;
}

std::string_view StageName(Stage stage) {
  return kStageNames[static_cast<size_t>(stage)];
}

bool ParseStage(std::string_view name, Stage* stage) {
  for (size_t i = 0; i < kStageNames.size(); ++i) {
    if (kStageNames[i] == name) {
      *stage = static_cast<Stage>(i);
      return true;
    }
  }
  return false;
}

std::string_view ClockName(ClockKind clock) {
  return kClockNames[static_cast<size_t>(clock)];
}

bool ParseClock(std::string_view name, ClockKind* clock) {
  for (size_t i = 0; i < kClockNames.size(); ++i) {
    if (kClockNames[i] == name) {
      *clock = static_cast<ClockKind>(i);
      return true;
    }
  }
  return false;
}

bool IsTimed(Stage stage) {
  switch (stage) {
    case Stage::kFirstResponse:
    case Stage::kResolution:
    case Stage::kUpdate:
    case Stage::kPromise:
      return true;
    case Stage::kFirstContactResolution:
    case Stage::kSatisfaction:
    case Stage::kTransfers:
      return false;
  }
  return false;
}

std::string_view MeasureUnitName(MeasureUnit unit) {
  return kUnitNames[static_cast<size_t>(unit)];
}

MeasureUnit Standard::unit() const {
  switch (stage) {
    case Stage::kSatisfaction: return MeasureUnit::kScore;
    case Stage::kTransfers: return MeasureUnit::kCount;
    case Stage::kPromise:
    case Stage::kFirstContactResolution: return MeasureUnit::kMicroseconds;
    case Stage::kFirstResponse:
    case Stage::kResolution:
    case Stage::kUpdate:
      return clock == ClockKind::kWorkingDays ? MeasureUnit::kWorkingDays
                                              : MeasureUnit::kMicroseconds;
  }
  return MeasureUnit::kMicroseconds;
}

double MeasureValue(const Standard& standard, int64_t measure) {
  // Seconds for timed measures: the unit Grafana and statements show, and
  // small enough numbers for the sketches' bucket index.
  return standard.unit() == MeasureUnit::kMicroseconds ? static_cast<double>(measure) / 1e6
                                                       : static_cast<double>(measure);
}

}  // namespace ontime

// Escalation signals: a contact open past its deadline by more than the
// standard's escalate_after, counted in the standard's own clock, escalates
// at that exact instant (never a microsecond early), once per episode,
// across a DST change and a snapshot; the outcome says which signals stood.
#include <map>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/london_time.h"
#include "tests/support/event_builder.h"

namespace ontime {
namespace {

using testing::London;
using testing::LondonTime;
using testing::MakeEvent;
using ::testing::IsEmpty;

EngineConfig OfficeConfig() {
  EngineConfig config;
  config.allowed_lateness = absl::Minutes(5);
  config.calendars.push_back(testing::WeekdayCalendar("office", 8 * 60, 18 * 60));

  Standard letters;
  letters.id = "letters";
  letters.stage = Stage::kResolution;
  letters.clock = ClockKind::kWorkingDays;
  letters.calendar = "office";
  letters.threshold = 2;       // working days
  letters.escalate_after = 2;  // working days over
  letters.applies_to.channels = {Channel::kLetter};
  config.standards.push_back(letters);

  Standard emails;
  emails.id = "emails";
  emails.stage = Stage::kFirstResponse;
  emails.clock = ClockKind::kBusiness;
  emails.calendar = "office";
  emails.threshold = absl::ToInt64Microseconds(absl::Minutes(90));
  emails.escalate_after = absl::ToInt64Microseconds(absl::Hours(4));
  emails.applies_to.channels = {Channel::kEmail};
  config.standards.push_back(emails);

  Standard calls;  // no escalate_after: never escalates
  calls.id = "calls";
  calls.stage = Stage::kFirstResponse;
  calls.threshold = absl::ToInt64Microseconds(absl::Seconds(60));
  calls.applies_to.channels = {Channel::kPhone};
  config.standards.push_back(calls);
  return config;
}

std::vector<Signal> AdvanceTo(Engine& engine, absl::Time now) {
  Effects fx;
  engine.Advance(now, fx);
  return fx.signals;
}

std::vector<SignalKind> Kinds(const std::vector<Signal>& signals) {
  std::vector<SignalKind> kinds;
  for (const Signal& s : signals) kinds.push_back(s.kind);
  return kinds;
}

constexpr uint8_t Bit(SignalKind kind) { return static_cast<uint8_t>(1u << static_cast<int>(kind)); }

TEST(Escalation, WorkingDaysEscalateAtTheEndOfTheSecondWorkingDayOverAcrossTheClockChange) {
  auto engine = *Engine::Create(OfficeConfig());
  Effects fx;
  // Wednesday 21 October (BST). Received day D0; due by the end of D2,
  // Friday 23; two working days over is the end of Tuesday 27, after the
  // clocks went back on Sunday 25 (GMT).
  engine->Apply(MakeEvent("L1", EventType::kReceived, LondonTime(10, 21, 10), Channel::kLetter).view(), fx);
  const absl::Time due = LondonTime(10, 24, 0);
  const absl::Time escalates = LondonTime(10, 28, 0);
  ASSERT_EQ(absl::FormatTime("%H:%M %z", escalates, London()), "00:00 +0000");

  EXPECT_THAT(Kinds(AdvanceTo(*engine, due - absl::Microseconds(1))), ::testing::ElementsAre(SignalKind::kAtRisk));
  EXPECT_THAT(Kinds(AdvanceTo(*engine, due)), ::testing::ElementsAre(SignalKind::kOverdue));
  EXPECT_THAT(AdvanceTo(*engine, escalates - absl::Microseconds(1)), IsEmpty()) << "never early";
  const std::vector<Signal> at = AdvanceTo(*engine, escalates);
  ASSERT_THAT(Kinds(at), ::testing::ElementsAre(SignalKind::kEscalated));
  EXPECT_EQ(at[0].due, escalates);
  EXPECT_EQ(at[0].deadline, due);
  EXPECT_EQ(at[0].due_by, due) << "working days: due by the end (midnight) of Friday 23";
  EXPECT_THAT(AdvanceTo(*engine, escalates + absl::Hours(24 * 30)), IsEmpty()) << "once per episode";
  EXPECT_EQ(engine->counters().signals[static_cast<size_t>(SignalKind::kEscalated)], 1u);
}

TEST(Escalation, BusinessHoursCountOnlyOpeningHoursOverTheWeekend) {
  auto engine = *Engine::Create(OfficeConfig());
  Effects fx;
  // Friday 17:00: one opening hour left, then Monday. Due by Monday 08:30
  // (90 minutes in; a microsecond later breaches); more than four business
  // hours over that: Monday 12:30 and a microsecond.
  engine->Apply(MakeEvent("E1", EventType::kReceived, LondonTime(10, 23, 17), Channel::kEmail).view(), fx);
  const absl::Duration us = absl::Microseconds(1);
  EXPECT_THAT(Kinds(AdvanceTo(*engine, LondonTime(10, 26, 8, 30))), ::testing::ElementsAre(SignalKind::kAtRisk));
  const std::vector<Signal> overdue = AdvanceTo(*engine, LondonTime(10, 26, 8, 30) + us);
  ASSERT_THAT(Kinds(overdue), ::testing::ElementsAre(SignalKind::kOverdue));
  EXPECT_EQ(overdue[0].due_by, LondonTime(10, 26, 8, 30)) << "people are told the end of the allowed time";
  EXPECT_THAT(AdvanceTo(*engine, LondonTime(10, 26, 12, 30)), IsEmpty());
  EXPECT_THAT(Kinds(AdvanceTo(*engine, LondonTime(10, 26, 12, 30) + us)), ::testing::ElementsAre(SignalKind::kEscalated));
}

TEST(Escalation, AStandardWithoutEscalateAfterNeverEscalates) {
  auto engine = *Engine::Create(OfficeConfig());
  Effects fx;
  engine->Apply(MakeEvent("C1", EventType::kReceived, LondonTime(10, 21, 10), Channel::kPhone).view(), fx);
  EXPECT_THAT(Kinds(AdvanceTo(*engine, LondonTime(12, 31, 0))),
              ::testing::ElementsAre(SignalKind::kOverdue));
}

TEST(Escalation, ASignalledContactsOutcomeSaysWhichSignalsStood) {
  auto engine = *Engine::Create(OfficeConfig());
  Effects fx;
  engine->Apply(MakeEvent("L1", EventType::kReceived, LondonTime(10, 21, 10), Channel::kLetter).view(), fx);
  engine->Apply(MakeEvent("L2", EventType::kReceived, LondonTime(10, 21, 10), Channel::kLetter).view(), fx);
  engine->Apply(MakeEvent("L3", EventType::kReceived, LondonTime(10, 21, 10), Channel::kLetter).view(), fx);
  AdvanceTo(*engine, LondonTime(10, 23, 12));  // all at risk
  engine->Apply(MakeEvent("L1", EventType::kResolved, LondonTime(10, 23, 13), Channel::kLetter).view(), fx);
  AdvanceTo(*engine, LondonTime(10, 26, 9));  // L2, L3 overdue
  engine->Apply(MakeEvent("L2", EventType::kResolved, LondonTime(10, 26, 10), Channel::kLetter).view(), fx);
  AdvanceTo(*engine, LondonTime(10, 28, 1));  // L3 escalated
  engine->Apply(MakeEvent("L3", EventType::kResolved, LondonTime(10, 28, 9), Channel::kLetter).view(), fx);
  engine->FinishInput(fx);  // fx has every outcome since the start
  std::map<std::string, uint8_t> signalled;
  for (const Outcome& o : fx.outcomes) signalled[o.contact_id] = o.signalled;
  EXPECT_EQ(signalled["L1"], Bit(SignalKind::kAtRisk));
  EXPECT_EQ(signalled["L2"], Bit(SignalKind::kOverdue)) << "overdue supersedes at risk";
  EXPECT_EQ(signalled["L3"], Bit(SignalKind::kOverdue) | Bit(SignalKind::kEscalated));
}

TEST(Escalation, TheEscalationSentSurvivesASnapshot) {
  const EngineConfig config = OfficeConfig();
  auto engine = *Engine::Create(config);
  Effects fx;
  engine->Apply(MakeEvent("L1", EventType::kReceived, LondonTime(10, 21, 10), Channel::kLetter).view(), fx);
  engine->Apply(MakeEvent("L2", EventType::kReceived, LondonTime(10, 22, 10), Channel::kLetter).view(), fx);
  ASSERT_THAT(Kinds(AdvanceTo(*engine, LondonTime(10, 28, 0))),
              ::testing::UnorderedElementsAre(SignalKind::kOverdue, SignalKind::kOverdue, SignalKind::kEscalated));
  auto restored = *Engine::Restore(config, engine->Snapshot());
  EXPECT_THAT(AdvanceTo(*restored, LondonTime(10, 28, 12)), IsEmpty()) << "L1 is not escalated again";
  // L2: D0 Thursday 22, due end of Monday 26, escalates at the end of Wednesday 28.
  EXPECT_THAT(Kinds(AdvanceTo(*restored, LondonTime(10, 29, 0))), ::testing::ElementsAre(SignalKind::kEscalated));
  EXPECT_EQ(restored->Snapshot(), [&] {
    AdvanceTo(*engine, LondonTime(10, 29, 0));
    return engine->Snapshot();
  }());
}

}  // namespace
}  // namespace ontime

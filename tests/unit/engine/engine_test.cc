// The engine's behaviour, case by case: outcomes per stage, pauses,
// promises, abandons, late and duplicate events, held contacts, signals.
#include "engine/engine.h"

#include <algorithm>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/event_builder.h"

namespace ontime {
namespace {

using testing::MakeEvent;
using testing::OwnedEvent;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::Time kT0 = absl::FromCivil(absl::CivilSecond(2026, 10, 5, 9, 0, 0), absl::UTCTimeZone());

Standard Timed(std::string id, Stage stage, absl::Duration threshold) {
  Standard s;
  s.id = std::move(id);
  s.stage = stage;
  s.threshold = absl::ToInt64Microseconds(threshold);
  s.applies_to.channels = {Channel::kPhone};
  s.abandoned_grace = absl::Seconds(5);
  return s;
}

EngineConfig PhoneConfig() {
  EngineConfig config;
  config.allowed_lateness = absl::Minutes(5);
  config.standards.push_back(Timed("answer", Stage::kFirstResponse, absl::Seconds(60)));
  config.standards.push_back(Timed("resolve", Stage::kResolution, absl::Minutes(30)));
  Standard promise;
  promise.id = "promises";
  promise.stage = Stage::kPromise;
  config.standards.push_back(promise);
  Standard fcr;
  fcr.id = "fcr";
  fcr.stage = Stage::kFirstContactResolution;
  config.standards.push_back(fcr);
  return config;
}

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override { engine_ = *Engine::Create(PhoneConfig()); }

  Effects Apply(const OwnedEvent& e) {
    Effects fx;
    engine_->Apply(e.view(), fx);
    all_.insert(all_.end(), fx.outcomes.begin(), fx.outcomes.end());
    return fx;
  }
  // Moves event time far on with an unrelated contact, so earlier outcomes
  // become final.
  void PassTime(absl::Time to) { Apply(MakeEvent("tick-" + std::to_string(ticks_++), EventType::kReceived, to)); }

  const Outcome* Find(std::string_view contact, std::string_view standard) {
    for (const Outcome& o : all_) {
      if (o.contact_id == contact && engine_->standard(o.standard).id == standard) return &o;
    }
    return nullptr;
  }

  std::unique_ptr<Engine> engine_;
  std::vector<Outcome> all_;
  int ticks_ = 0;
};

TEST_F(EngineTest, AnsweredWithinThresholdIsMetOnceWatermarkPasses) {
  Apply(MakeEvent("c1", EventType::kReceived, kT0));
  Effects fx = Apply(MakeEvent("c1", EventType::kFirstResponse, kT0 + absl::Seconds(42)));
  EXPECT_THAT(fx.outcomes, IsEmpty()) << "not final until the watermark passes it";
  PassTime(kT0 + absl::Minutes(6));
  const Outcome* answer = Find("c1", "answer");
  ASSERT_NE(answer, nullptr);
  EXPECT_EQ(answer->verdict, Verdict::kMet);
  EXPECT_EQ(answer->measure, 42'000'000);
  EXPECT_EQ(answer->deadline, kT0 + absl::Seconds(60) + absl::Microseconds(1));
}

TEST_F(EngineTest, AnsweredOneMicrosecondLateIsBreached) {
  Apply(MakeEvent("c1", EventType::kReceived, kT0));
  Apply(MakeEvent("c1", EventType::kFirstResponse, kT0 + absl::Seconds(60) + absl::Microseconds(1)));
  Apply(MakeEvent("c2", EventType::kReceived, kT0));
  Apply(MakeEvent("c2", EventType::kFirstResponse, kT0 + absl::Seconds(60)));
  PassTime(kT0 + absl::Hours(1));
  EXPECT_EQ(Find("c1", "answer")->verdict, Verdict::kBreached);
  EXPECT_EQ(Find("c2", "answer")->verdict, Verdict::kMet);
}

TEST_F(EngineTest, AbandonWithinGraceIsExcludedAfterGraceBreached) {
  Apply(MakeEvent("short", EventType::kReceived, kT0));
  Apply(MakeEvent("short", EventType::kAbandoned, kT0 + absl::Seconds(5)));
  Apply(MakeEvent("long", EventType::kReceived, kT0));
  Apply(MakeEvent("long", EventType::kAbandoned, kT0 + absl::Seconds(20)));
  PassTime(kT0 + absl::Hours(1));
  EXPECT_EQ(Find("short", "answer")->verdict, Verdict::kExcluded);
  EXPECT_EQ(Find("long", "answer")->verdict, Verdict::kBreached);
  EXPECT_EQ(Find("long", "resolve")->verdict, Verdict::kExcluded);
  EXPECT_EQ(engine_->open_contacts(), 1u) << "only the tick contact is left";
}

TEST_F(EngineTest, OnHoldStopsTheResolutionClock) {
  Apply(MakeEvent("c1", EventType::kReceived, kT0));
  Apply(MakeEvent("c1", EventType::kFirstResponse, kT0 + absl::Seconds(10)));
  Apply(MakeEvent("c1", EventType::kOnHold, kT0 + absl::Minutes(10)));
  Apply(MakeEvent("c1", EventType::kResumed, kT0 + absl::Minutes(50)));
  Apply(MakeEvent("c1", EventType::kResolved, kT0 + absl::Minutes(55)));
  PassTime(kT0 + absl::Hours(2));
  const Outcome* resolve = Find("c1", "resolve");
  ASSERT_NE(resolve, nullptr);
  EXPECT_EQ(resolve->verdict, Verdict::kMet);
  EXPECT_EQ(resolve->measure, absl::ToInt64Microseconds(absl::Minutes(15)));
  EXPECT_EQ(Find("c1", "fcr")->verdict, Verdict::kMet);
  EXPECT_EQ(Find("c1", "promises"), nullptr) << "no promise was made";
}

TEST_F(EngineTest, PromiseKeptAndBroken) {
  for (const char* id : {"kept", "broken"}) {
    Apply(MakeEvent(id, EventType::kReceived, kT0));
    OwnedEvent promise = MakeEvent(id, EventType::kPromised, kT0 + absl::Minutes(1));
    promise.promised_time = kT0 + absl::Minutes(20);
    Apply(promise);
  }
  Apply(MakeEvent("kept", EventType::kResolved, kT0 + absl::Minutes(20)));
  Apply(MakeEvent("broken", EventType::kResolved, kT0 + absl::Minutes(21)));
  PassTime(kT0 + absl::Hours(2));
  EXPECT_EQ(Find("kept", "promises")->verdict, Verdict::kMet);
  EXPECT_EQ(Find("broken", "promises")->verdict, Verdict::kBreached);
  EXPECT_EQ(Find("kept", "fcr")->verdict, Verdict::kBreached) << "a promise means not done at first contact";
}

TEST_F(EngineTest, DuplicatesAndLateEventsAreCountedNotApplied) {
  const OwnedEvent received = MakeEvent("c1", EventType::kReceived, kT0);
  Apply(received);
  EXPECT_EQ(Apply(received).disposition, Disposition::kDuplicate);
  PassTime(kT0 + absl::Hours(1));
  EXPECT_EQ(Apply(MakeEvent("c1", EventType::kFirstResponse, kT0 + absl::Seconds(1))).disposition,
            Disposition::kLate);
  EXPECT_EQ(engine_->counters().events[static_cast<size_t>(Disposition::kLate)], 1u);
  EXPECT_EQ(engine_->counters().events[static_cast<size_t>(Disposition::kDuplicate)], 1u);
  EXPECT_EQ(Find("c1", "answer"), nullptr);
}

TEST_F(EngineTest, ResponseBeforeReceiptIsHeldThenMatched) {
  EXPECT_EQ(Apply(MakeEvent("c1", EventType::kFirstResponse, kT0 + absl::Seconds(30))).disposition,
            Disposition::kHeld);
  EXPECT_EQ(engine_->held_contacts(), 1u);
  EXPECT_EQ(Apply(MakeEvent("c1", EventType::kReceived, kT0)).disposition, Disposition::kApplied);
  EXPECT_EQ(engine_->held_contacts(), 0u);
  PassTime(kT0 + absl::Hours(1));
  EXPECT_EQ(Find("c1", "answer")->measure, 30'000'000);
}

TEST_F(EngineTest, AResponseStampedBeforeItsReceiptIsRefusedNotCreditedAsInstant) {
  EXPECT_EQ(Apply(MakeEvent("c1", EventType::kReceived, kT0)).disposition, Disposition::kApplied);
  Effects fx = Apply(MakeEvent("c1", EventType::kResolved, kT0 - absl::Minutes(5)));
  EXPECT_EQ(fx.disposition, Disposition::kInvalid);
  EXPECT_EQ(fx.invalid_reason, "stamped before its contact's receipt");
  EXPECT_EQ(engine_->counters().invalid_by_reason.at("stamped before its contact's receipt"), 1u);
  PassTime(kT0 + absl::Hours(1));
  EXPECT_EQ(Find("c1", "answer"), nullptr) << "still waiting for an answer";
  // The contact goes on: a real answer later is measured from the receipt.
  Apply(MakeEvent("c1", EventType::kFirstResponse, kT0 + absl::Hours(1) + absl::Seconds(1)));
  PassTime(kT0 + absl::Hours(3));
  ASSERT_NE(Find("c1", "answer"), nullptr);
  EXPECT_EQ(Find("c1", "answer")->verdict, Verdict::kBreached);
}

TEST_F(EngineTest, AResponseStampedBeforeItsReceiptCountsForNothingInEitherArrivalOrder) {
  // Arriving first, it is held; once the receipt comes it is left out.
  Apply(MakeEvent("c1", EventType::kResolved, kT0 - absl::Minutes(5)));
  EXPECT_EQ(Apply(MakeEvent("c1", EventType::kReceived, kT0)).disposition, Disposition::kApplied);
  PassTime(kT0 + absl::Hours(1));
  EXPECT_EQ(Find("c1", "answer"), nullptr);
}

// One source with a clock 50 minutes fast must not make everyone else late:
// the watermark follows event time only as far as each event's reference
// (when it reached the log).
OwnedEvent Logged(OwnedEvent e, absl::Time logged) {
  e.reference_time = logged;
  return e;
}

TEST_F(EngineTest, AnEventStampedInTheFutureDoesNotMoveTheWatermarkPastItsLogTime) {
  Apply(Logged(MakeEvent("c1", EventType::kReceived, kT0), kT0));
  Apply(Logged(MakeEvent("fast-clock", EventType::kReceived, kT0 + absl::Minutes(50)), kT0 + absl::Seconds(1)));
  EXPECT_LE(engine_->watermark(), kT0 + absl::Seconds(1) - absl::Minutes(5));
  EXPECT_EQ(Apply(Logged(MakeEvent("c1", EventType::kFirstResponse, kT0 + absl::Seconds(30)), kT0 + absl::Seconds(30)))
                .disposition,
            Disposition::kApplied);
  Apply(Logged(MakeEvent("c2", EventType::kReceived, kT0 + absl::Minutes(1)), kT0 + absl::Minutes(1)));
  Apply(Logged(MakeEvent("later", EventType::kReceived, kT0 + absl::Hours(1)), kT0 + absl::Hours(1)));
  ASSERT_NE(Find("c1", "answer"), nullptr);
  EXPECT_EQ(Find("c1", "answer")->verdict, Verdict::kMet);
  EXPECT_EQ(engine_->counters().events[static_cast<size_t>(Disposition::kLate)], 0u);
}

TEST_F(EngineTest, WithoutAReferenceTheEventTimeAloneMovesTheWatermark) {
  Apply(MakeEvent("c1", EventType::kReceived, kT0));
  Apply(MakeEvent("fast-clock", EventType::kReceived, kT0 + absl::Minutes(50)));
  EXPECT_EQ(Apply(MakeEvent("c1", EventType::kFirstResponse, kT0 + absl::Seconds(30))).disposition,
            Disposition::kLate);
}

TEST_F(EngineTest, FinishingTheInputSettlesFutureStampedEventsToo) {
  // Beyond the hold (1 h), so only the newest event time of all reaches it.
  Apply(Logged(MakeEvent("c1", EventType::kReceived, kT0 + absl::Hours(3)), kT0));
  Apply(Logged(MakeEvent("c1", EventType::kFirstResponse, kT0 + absl::Hours(3) + absl::Seconds(20)), kT0));
  Effects fx;
  engine_->FinishInput(fx);
  EXPECT_TRUE(std::any_of(fx.outcomes.begin(), fx.outcomes.end(),
                          [](const Outcome& o) { return o.verdict == Verdict::kMet; }));
}

TEST_F(EngineTest, HeldEventWithoutPartnerIsOrphanedAfterTheHold) {
  Apply(MakeEvent("ghost", EventType::kResolved, kT0));
  Effects fx;
  engine_->Apply(MakeEvent("tick", EventType::kReceived, kT0 + absl::Hours(2)).view(), fx);
  ASSERT_EQ(fx.orphans.size(), 1u);
  EXPECT_EQ(fx.orphans[0].contact_id, "ghost");
  EXPECT_EQ(engine_->counters().orphans, 1u);
}

TEST_F(EngineTest, InvalidEventsAreRefusedWithAReason) {
  OwnedEvent e = MakeEvent("c1", EventType::kReceived, kT0);
  e.channel = Channel::kUnspecified;
  Effects fx = Apply(e);
  EXPECT_EQ(fx.disposition, Disposition::kInvalid);
  EXPECT_THAT(std::string(fx.invalid_reason), ::testing::HasSubstr("channel"));
}

TEST_F(EngineTest, AtRiskThenOverdueNeverEarly) {
  Apply(MakeEvent("c1", EventType::kReceived, kT0));
  Effects fx;
  // At risk once MORE than warn_at (0.8) of the 60 s is used.
  engine_->Advance(kT0 + absl::Seconds(48), fx);
  EXPECT_THAT(fx.signals, IsEmpty());
  engine_->Advance(kT0 + absl::Seconds(48) + absl::Microseconds(1), fx);
  ASSERT_EQ(fx.signals.size(), 1u);
  EXPECT_EQ(fx.signals[0].kind, SignalKind::kAtRisk);
  EXPECT_EQ(fx.signals[0].due, kT0 + absl::Seconds(48) + absl::Microseconds(1));
  fx.Clear();
  engine_->Advance(kT0 + absl::Seconds(60), fx);
  EXPECT_THAT(fx.signals, IsEmpty()) << "a response at 60 s still meets the standard";
  engine_->Advance(kT0 + absl::Seconds(60) + absl::Microseconds(1), fx);
  ASSERT_EQ(fx.signals.size(), 1u);
  EXPECT_EQ(fx.signals[0].kind, SignalKind::kOverdue);
  fx.Clear();
  engine_->Advance(kT0 + absl::Hours(1), fx);
  for (const Signal& s : fx.signals) {
    EXPECT_NE(engine_->standard(s.standard).id, "answer") << "each signal once";
  }
}

TEST_F(EngineTest, AnsweredContactRaisesNoSignal) {
  Apply(MakeEvent("c1", EventType::kReceived, kT0));
  Apply(MakeEvent("c1", EventType::kFirstResponse, kT0 + absl::Seconds(5)));
  Effects fx;
  engine_->Advance(kT0 + absl::Seconds(59), fx);
  EXPECT_THAT(fx.signals, IsEmpty());
}

TEST_F(EngineTest, ReopenedContactStartsASecondResolutionEpisode) {
  Apply(MakeEvent("c1", EventType::kReceived, kT0));
  Apply(MakeEvent("c1", EventType::kResolved, kT0 + absl::Minutes(10)));
  Apply(MakeEvent("c1", EventType::kReopened, kT0 + absl::Minutes(20)));
  Apply(MakeEvent("c1", EventType::kResolved, kT0 + absl::Minutes(70)));
  PassTime(kT0 + absl::Hours(3));
  std::vector<std::pair<uint32_t, Verdict>> resolutions;
  for (const Outcome& o : all_) {
    if (o.contact_id == "c1" && engine_->standard(o.standard).id == "resolve") {
      resolutions.emplace_back(o.episode, o.verdict);
    }
  }
  EXPECT_THAT(resolutions, ElementsAre(std::pair{0u, Verdict::kMet}, std::pair{1u, Verdict::kBreached}));
}

TEST_F(EngineTest, AggregatesCountOutcomesPerPeriod) {
  Apply(MakeEvent("c1", EventType::kReceived, kT0));
  Apply(MakeEvent("c1", EventType::kFirstResponse, kT0 + absl::Seconds(30)));
  Apply(MakeEvent("c2", EventType::kReceived, kT0));
  Apply(MakeEvent("c2", EventType::kFirstResponse, kT0 + absl::Seconds(90)));
  PassTime(kT0 + absl::Hours(1));
  const AggregateCell day = engine_->aggregates().Total(
      StandardAt(0), PeriodKind::kDay, PeriodStart(PeriodKind::kDay, absl::CivilSecond(2026, 10, 5, 0, 0, 0)));
  EXPECT_EQ(day.met, 1u);
  EXPECT_EQ(day.breached, 1u);
  EXPECT_NEAR(day.measures.Quantile(1.0), 90, 0.9);
}

TEST_F(EngineTest, EventsBetweenACloseAndAReopeningNeverJoinTheNewEpisode) {
  Apply(MakeEvent("c1", EventType::kReceived, kT0));
  Apply(MakeEvent("c1", EventType::kResolved, kT0 + absl::Minutes(10)));
  Apply(MakeEvent("c1", EventType::kReopened, kT0 + absl::Minutes(30)));
  // The watermark is now 09:25; a hold stamped 09:27 is not late, and falls
  // after the close: it belongs to no episode.
  EXPECT_EQ(Apply(MakeEvent("c1", EventType::kOnHold, kT0 + absl::Minutes(27))).disposition,
            Disposition::kApplied);
  Apply(MakeEvent("c1", EventType::kResolved, kT0 + absl::Minutes(40)));
  PassTime(kT0 + absl::Hours(2));
  const Outcome* second = nullptr;
  for (const Outcome& o : all_) {
    if (o.contact_id == "c1" && o.episode == 1 && engine_->standard(o.standard).id == "resolve") second = &o;
  }
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->measure, absl::ToInt64Microseconds(absl::Minutes(10)));
}

TEST_F(EngineTest, PromisedTimesAreExactToTheSecondWhateverTheEventsFraction) {
  Apply(MakeEvent("c1", EventType::kReceived, kT0));
  OwnedEvent promise = MakeEvent("c1", EventType::kPromised, kT0 + absl::Milliseconds(30250));
  promise.promised_time = kT0 + absl::Minutes(20);
  Apply(promise);
  Apply(MakeEvent("c1", EventType::kResolved, kT0 + absl::Minutes(20) - absl::Milliseconds(400)));
  PassTime(kT0 + absl::Hours(1));
  EXPECT_EQ(Find("c1", "promises")->verdict, Verdict::kMet);
  EXPECT_EQ(Find("c1", "promises")->deadline, kT0 + absl::Minutes(20) + absl::Microseconds(1));
}

TEST_F(EngineTest, ACorrectedResendAndItsRedeliveriesAreEachKeptOnce) {
  Apply(MakeEvent("c1", EventType::kReceived, kT0));
  OwnedEvent first = MakeEvent("c1", EventType::kPromised, kT0 + absl::Minutes(1));
  first.promised_time = kT0 + absl::Minutes(20);
  OwnedEvent corrected = first;
  corrected.promised_time = kT0 + absl::Minutes(25);
  EXPECT_EQ(Apply(first).disposition, Disposition::kApplied);
  EXPECT_EQ(Apply(corrected).disposition, Disposition::kApplied);
  EXPECT_EQ(Apply(first).disposition, Disposition::kDuplicate);
  EXPECT_EQ(Apply(corrected).disposition, Disposition::kDuplicate);
}

TEST(EngineLimits, EventsPerContactAreBounded) {
  EngineConfig config = PhoneConfig();
  config.max_events_per_contact = 4;
  std::unique_ptr<Engine> engine = *Engine::Create(config);
  Effects fx;
  engine->Apply(MakeEvent("c1", EventType::kReceived, kT0).view(), fx);
  for (int i = 1; i <= 3; ++i) {
    engine->Apply(MakeEvent("c1", EventType::kUpdate, kT0 + absl::Seconds(i)).view(), fx);
    EXPECT_EQ(fx.disposition, Disposition::kApplied);
  }
  engine->Apply(MakeEvent("c1", EventType::kUpdate, kT0 + absl::Seconds(9)).view(), fx);
  EXPECT_EQ(fx.disposition, Disposition::kRefused);
}

// A filter widened between snapshot and restore: contacts already open stay
// measured, and contacts the filter now takes in are measured from then on.
TEST(EngineLimits, RestoreAcrossAWidenedFilter) {
  std::unique_ptr<Engine> engine = *Engine::Create(PhoneConfig());
  Effects fx;
  engine->Apply(MakeEvent("c1", EventType::kReceived, kT0).view(), fx);
  EngineConfig widened = PhoneConfig();
  widened.standards[0].applies_to.channels.push_back(Channel::kEmail);
  auto restored = Engine::Restore(widened, engine->Snapshot());
  ASSERT_TRUE(restored.ok()) << restored.status();
  engine = std::move(*restored);
  engine->Apply(MakeEvent("c1", EventType::kFirstResponse, kT0 + absl::Seconds(30)).view(), fx);
  engine->Apply(MakeEvent("e1", EventType::kReceived, kT0 + absl::Seconds(40), Channel::kEmail).view(), fx);
  engine->Apply(MakeEvent("e1", EventType::kFirstResponse, kT0 + absl::Seconds(50)).view(), fx);
  engine->FinishInput(fx);
  std::vector<std::string> answered;
  for (const Outcome& o : fx.outcomes) {
    if (o.standard == StandardAt(0)) answered.push_back(o.contact_id + ":" + std::string(VerdictName(o.verdict)));
  }
  EXPECT_THAT(answered, ::testing::UnorderedElementsAre("c1:met", "e1:met"));
}

// Standards whose service filters change between snapshot and restore: the
// contacts' own services survive by name (the new config interns its
// filter values first, so the numbers behind them move).
TEST(EngineLimits, RestoreAcrossChangedServiceFiltersKeepsEachContactsService) {
  auto by_service = [](std::string id, std::string service) {
    Standard s = Timed(std::move(id), Stage::kFirstResponse, absl::Seconds(60));
    s.applies_to.services = {std::move(service)};
    return s;
  };
  EngineConfig before;
  before.standards = {by_service("housing-answer", "housing"), by_service("waste-answer", "waste")};
  EngineConfig after;
  after.standards = {by_service("parking-answer", "parking"), by_service("waste-answer", "waste")};
  auto engine = *Engine::Create(before);
  Effects fx;
  engine->Apply(MakeEvent("h1", EventType::kReceived, kT0, Channel::kPhone, "housing").view(), fx);
  engine->Apply(MakeEvent("w1", EventType::kReceived, kT0, Channel::kPhone, "waste").view(), fx);
  auto restored = Engine::Restore(after, engine->Snapshot());
  ASSERT_TRUE(restored.ok()) << restored.status();
  engine = std::move(*restored);
  engine->Apply(MakeEvent("h1", EventType::kFirstResponse, kT0 + absl::Seconds(10)).view(), fx);
  engine->Apply(MakeEvent("w1", EventType::kFirstResponse, kT0 + absl::Seconds(20)).view(), fx);
  engine->Apply(MakeEvent("p1", EventType::kReceived, kT0 + absl::Seconds(30), Channel::kPhone, "parking").view(), fx);
  engine->Apply(MakeEvent("p1", EventType::kFirstResponse, kT0 + absl::Seconds(40)).view(), fx);
  engine->FinishInput(fx);
  std::vector<std::string> outcomes;
  for (const Outcome& o : fx.outcomes) {
    outcomes.push_back(engine->standard(o.standard).id + ":" + o.contact_id + ":" +
                       engine->symbols().Name(o.dimensions.service));
  }
  EXPECT_THAT(outcomes, ::testing::UnorderedElementsAre("waste-answer:w1:waste", "parking-answer:p1:parking"));
}

// Hourly cells older than hourly_retention behind the watermark go; day
// cells stay; and a restored engine keeps dropping the hours it restored.
TEST(EngineLimits, OldHoursAreDroppedAcrossARestore) {
  EngineConfig config = PhoneConfig();
  config.hourly_retention = absl::Hours(2);
  auto engine = *Engine::Create(config);
  Effects fx;
  auto call = [&](const std::string& id, absl::Time at) {
    engine->Apply(MakeEvent(id, EventType::kReceived, at).view(), fx);
    engine->Apply(MakeEvent(id, EventType::kFirstResponse, at + absl::Seconds(10)).view(), fx);
  };
  auto hours = [&] {
    std::set<int64_t> starts;
    for (const auto& [key, cell] : engine->aggregates().cells()) {
      if (key.period == PeriodKind::kHour) starts.insert(key.period_start);
    }
    return starts.size();
  };
  for (int h = 0; h < 3; ++h) call("c" + std::to_string(h), kT0 + absl::Hours(h));
  EXPECT_EQ(hours(), 2u);  // the third call is still within the lateness
  engine = *Engine::Restore(config, engine->Snapshot());
  for (int h = 3; h < 8; ++h) call("c" + std::to_string(h), kT0 + absl::Hours(h));
  EXPECT_LE(hours(), 4u);  // the retention, the hour in hand, and one not yet swept
  uint64_t day_met = 0;
  for (const auto& [key, cell] : engine->aggregates().cells()) {
    if (key.period == PeriodKind::kDay && key.standard == StandardAt(0)) day_met += cell.met;
  }
  EXPECT_EQ(day_met, 7u);  // all answered calls but the last, still within the lateness
}

// Closed days, weeks and months leave the engine once they ended longer ago
// than their retention: after a year of calls, the engine holds the recent
// days and months only, and its snapshot no longer grows with time.
TEST(EngineLimits, ClosedPeriodsLeaveAfterTheirRetention) {
  EngineConfig config = PhoneConfig();
  config.daily_retention = absl::Hours(24 * 10);
  config.monthly_retention = absl::Hours(24 * 60);
  EngineConfig keep_all = PhoneConfig();
  keep_all.hourly_retention = keep_all.daily_retention = keep_all.monthly_retention = absl::InfiniteDuration();
  auto engine = *Engine::Create(config);
  auto reference = *Engine::Create(keep_all);
  Effects fx, reference_fx;
  auto call = [&](int n, absl::Time at) {
    const std::string id = "c" + std::to_string(n);
    for (const auto& [type, after] : {std::pair{EventType::kReceived, 0}, {EventType::kFirstResponse, 10},
                                      {EventType::kResolved, 20}}) {
      const OwnedEvent e = MakeEvent(id, type, at + absl::Seconds(after));
      engine->Apply(e.view(), fx);
      reference->Apply(e.view(), reference_fx);
    }
  };
  auto periods = [](const Engine& e, PeriodKind kind) {
    std::set<int64_t> starts;
    for (const auto& [key, cell] : e.aggregates().cells()) {
      if (key.period == kind) starts.insert(key.period_start);
    }
    return starts;
  };
  size_t largest_snapshot = 0;
  for (int day = 0; day < 365; ++day) {
    call(day, kT0 + absl::Hours(24 * day));
    if (day == 180) engine = *Engine::Restore(config, engine->Snapshot());
    if (day >= 100) largest_snapshot = std::max(largest_snapshot, engine->Snapshot().size());
  }
  // Outcomes are untouched by what the engine forgets.
  auto verdicts = [](const Effects& e) {
    std::vector<std::string> out;
    for (const Outcome& o : e.outcomes) {
      out.push_back(o.contact_id + ":" + std::to_string(Index(o.standard)) + ":" +
                    std::to_string(static_cast<int>(o.verdict)));
    }
    return out;
  };
  EXPECT_EQ(verdicts(fx), verdicts(reference_fx));
  EXPECT_GT(fx.outcomes.size(), 700u);
  EXPECT_EQ(periods(*reference, PeriodKind::kDay).size(), 364u);  // the last within the lateness
  // The retention, the day in hand, and one not yet swept.
  EXPECT_LE(periods(*engine, PeriodKind::kDay).size(), 12u);
  EXPECT_GE(periods(*engine, PeriodKind::kDay).size(), 10u);
  EXPECT_LE(periods(*engine, PeriodKind::kWeek).size(), 3u);
  EXPECT_LE(periods(*engine, PeriodKind::kMonth).size(), 4u);
  EXPECT_GE(periods(*engine, PeriodKind::kMonth).size(), 2u);
  // Every cell kept is the cell an engine that forgets nothing holds.
  for (const auto& [key, cell] : engine->aggregates().cells()) {
    ASSERT_TRUE(reference->aggregates().cells().contains(key));
    EXPECT_EQ(cell, reference->aggregates().cells().at(key));
  }
  // From day 100 on, the snapshot stays the same size: history does not grow it.
  EXPECT_LE(largest_snapshot, engine->Snapshot().size() + 512);
  EXPECT_GT(reference->Snapshot().size(), 4 * engine->Snapshot().size());
}

}  // namespace
}  // namespace ontime

namespace ontime {
namespace {

// The grace boundary, as the README says: a call given up after exactly the
// grace is excluded by default (wait <= grace), breached where the config
// says the boundary is exclusive (wait < grace).
Verdict AbandonedAfter(absl::Duration wait, bool inclusive) {
  EngineConfig config;
  Standard answer;
  answer.id = "answer";
  answer.stage = Stage::kFirstResponse;
  answer.threshold = 60'000'000;
  answer.abandoned_grace = absl::Seconds(5);
  answer.abandoned_grace_inclusive = inclusive;
  config.standards.push_back(answer);
  auto engine = *Engine::Create(config);
  Effects fx;
  const absl::Time t0 = absl::FromUnixSeconds(1790000000);
  engine->Apply(testing::MakeEvent("c1", EventType::kReceived, t0).view(), fx);
  engine->Apply(testing::MakeEvent("c1", EventType::kAbandoned, t0 + wait).view(), fx);
  engine->FinishInput(fx);
  EXPECT_EQ(fx.outcomes.size(), 1u);
  EXPECT_TRUE(fx.outcomes.empty() || fx.outcomes[0].abandoned);
  return fx.outcomes.empty() ? Verdict::kMet : fx.outcomes[0].verdict;
}

TEST(AbandonedGrace, AWaitOfExactlyTheGraceIsWithinItUnlessTheBoundaryIsExclusive) {
  EXPECT_EQ(AbandonedAfter(absl::Seconds(5), true), Verdict::kExcluded);
  EXPECT_EQ(AbandonedAfter(absl::Seconds(5), false), Verdict::kBreached);
  EXPECT_EQ(AbandonedAfter(absl::Seconds(5) - absl::Microseconds(1), false), Verdict::kExcluded);
  EXPECT_EQ(AbandonedAfter(absl::Seconds(5) + absl::Microseconds(1), true), Verdict::kBreached);
}

}  // namespace
}  // namespace ontime

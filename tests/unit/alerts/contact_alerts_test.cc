// The contact alerts policy over an engine driven by a virtual clock: each
// signal becomes one firing alert with the level its state names, an
// overdue one ends the at-risk alert, and the contact's stop resolves
// exactly the alerts that stood (withdrawn when it was met after all).
#include "alerts/contact_alerts.h"

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

EngineConfig Config() {
  EngineConfig config;
  config.allowed_lateness = absl::Hours(2);
  config.calendars.push_back(testing::WeekdayCalendar("office", 9 * 60, 17 * 60));
  Standard letters;
  letters.id = "letters";
  letters.wording = "We aim to answer 95% of letters within 10 working days";
  letters.stage = Stage::kResolution;
  letters.clock = ClockKind::kWorkingDays;
  letters.calendar = "office";
  letters.threshold = 10;
  letters.warn_at = 0.8;
  letters.escalate_after = 2;
  letters.applies_to.channels = {Channel::kLetter};
  config.standards.push_back(letters);
  Standard emails;
  emails.id = "emails";
  emails.wording = "We aim to reply to emails within 8 business hours";
  emails.stage = Stage::kFirstResponse;
  emails.clock = ClockKind::kBusiness;
  emails.calendar = "office";
  emails.threshold = absl::ToInt64Microseconds(absl::Hours(8));
  emails.warn_at = 0.75;
  emails.applies_to.channels = {Channel::kEmail};
  config.standards.push_back(emails);
  return config;
}

class ContactAlertsTest : public ::testing::Test {
 protected:
  ContactAlertsTest() : config_(Config()), engine_(*Engine::Create(config_)), alerts_(engine_->config(), levels_) {}

  void Apply(const testing::OwnedEvent& e) {
    engine_->Apply(e.view(), fx_);
    Drain();
  }
  void AdvanceTo(absl::Time now) {
    engine_->Advance(now, fx_);
    Drain();
  }
  void Drain() {
    for (const Signal& s : fx_.signals) alerts_.OnSignal(s, "housing", &out_);
    for (const Outcome& o : fx_.outcomes) alerts_.OnOutcome(o, "housing", &out_);
    fx_.Clear();
  }
  std::vector<std::string> Lines() {
    std::vector<std::string> lines;
    for (const v1::Alert& a : out_) {
      lines.push_back(absl::StrCat(a.identity(), " ", v1::Alert::Status_Name(a.status()), " ", a.level(),
                                   a.reason().empty() ? "" : " (" + a.reason() + ")"));
    }
    out_.clear();
    return lines;
  }

  AlertLevels levels_;
  EngineConfig config_;
  std::unique_ptr<Engine> engine_;
  ContactAlerts alerts_;
  Effects fx_;
  std::vector<v1::Alert> out_;
};

TEST_F(ContactAlertsTest, ALetterEscalatesStepByStepThenResolvesWhenAnswered) {
  // Received Monday 5 October: due by the end of Monday 19 October (D10);
  // at risk from the end of D8 (Thursday 15th); escalated past the end of
  // D12, Wednesday 21st.
  Apply(MakeEvent("HX-1", EventType::kReceived, LondonTime(10, 5, 10), Channel::kLetter));
  AdvanceTo(LondonTime(10, 16, 0) - absl::Microseconds(1));
  EXPECT_THAT(Lines(), ::testing::IsEmpty());
  AdvanceTo(LondonTime(10, 16, 0));
  ASSERT_EQ(out_.size(), 1u);
  EXPECT_EQ(out_[0].due_by_text(), "the end of Monday 19 October 2026");
  EXPECT_EQ(out_[0].summary(),
            "letter HX-1 (housing, letters) is at risk: due by the end of Monday 19 October 2026, 2 working days "
            "left. Advise the customer if it will be late.");
  EXPECT_THAT(Lines(), ::testing::ElementsAre("contact/HX-1/letters/0/at_risk FIRING team_lead"));
  AdvanceTo(LondonTime(10, 20, 0));
  EXPECT_THAT(Lines(), ::testing::ElementsAre("contact/HX-1/letters/0/overdue FIRING service_manager",
                                              "contact/HX-1/letters/0/at_risk RESOLVED team_lead (now overdue)"));
  AdvanceTo(LondonTime(10, 22, 0));
  EXPECT_THAT(Lines(), ::testing::ElementsAre("contact/HX-1/letters/0/escalated FIRING head_of_service"));
  Apply(MakeEvent("HX-1", EventType::kResolved, LondonTime(10, 22, 11), Channel::kLetter));
  engine_->FinishInput(fx_);
  Drain();
  EXPECT_THAT(Lines(), ::testing::ElementsAre(
                           "contact/HX-1/letters/0/overdue RESOLVED service_manager (answered late)",
                           "contact/HX-1/letters/0/escalated RESOLVED head_of_service (answered late)"));
}

TEST_F(ContactAlertsTest, AnOverdueContactALateEventShowsWasMetIsWithdrawn) {
  // Friday 16:00 with one business hour left that day: due by Monday 16:00.
  Apply(MakeEvent("E-7", EventType::kReceived, LondonTime(10, 23, 16), Channel::kEmail));
  AdvanceTo(LondonTime(10, 26, 16) + absl::Microseconds(1));
  ASSERT_EQ(out_.size(), 1u);
  EXPECT_EQ(out_[0].due_by_text(), "Monday 26 October 2026, 16:00") << "the end of the allowed time, after the DST change";
  EXPECT_THAT(Lines(), ::testing::ElementsAre("contact/E-7/emails/0/overdue FIRING service_manager"))
      << "straight to overdue: no at-risk alert was raised, so none is resolved";
  // The reply was sent at 15:50 and reaches ontime late (within the
  // allowed lateness): it was met.
  Apply(MakeEvent("E-7", EventType::kFirstResponse, LondonTime(10, 26, 15, 50), Channel::kEmail));
  engine_->FinishInput(fx_);
  Drain();
  EXPECT_THAT(Lines(), ::testing::ElementsAre("contact/E-7/emails/0/overdue WITHDRAWN service_manager (met after all)"));
}

TEST_F(ContactAlertsTest, AContactAnsweredInTimeAfterAWarningResolvesOnlyTheWarning) {
  Apply(MakeEvent("E-8", EventType::kReceived, LondonTime(10, 21, 9), Channel::kEmail));
  AdvanceTo(LondonTime(10, 21, 15, 1));  // past 6 of 8 hours: at risk
  EXPECT_THAT(Lines(), ::testing::ElementsAre("contact/E-8/emails/0/at_risk FIRING team_lead"));
  Apply(MakeEvent("E-8", EventType::kFirstResponse, LondonTime(10, 21, 16), Channel::kEmail));
  engine_->FinishInput(fx_);
  Drain();
  EXPECT_THAT(Lines(), ::testing::ElementsAre("contact/E-8/emails/0/at_risk RESOLVED team_lead (answered in time)"));
}

TEST_F(ContactAlertsTest, AContactNeverSignalledMakesNoAlert) {
  Apply(MakeEvent("E-9", EventType::kReceived, LondonTime(10, 21, 9), Channel::kEmail));
  Apply(MakeEvent("E-9", EventType::kFirstResponse, LondonTime(10, 21, 10), Channel::kEmail));
  AdvanceTo(LondonTime(10, 30, 0));
  engine_->FinishInput(fx_);
  Drain();
  EXPECT_THAT(Lines(), ::testing::IsEmpty());
}

TEST_F(ContactAlertsTest, TheSameSignalAlwaysGivesTheSameRecords) {
  Signal s;
  s.kind = SignalKind::kOverdue;
  s.contact_id = "HX-2";
  s.standard = StandardAt(0);
  s.episode = 1;
  s.due = s.deadline = s.due_by = LondonTime(10, 20, 0);
  s.dimensions.channel = Channel::kLetter;
  s.supersedes_at_risk = true;
  std::vector<v1::Alert> a, b;
  alerts_.OnSignal(s, "housing", &a);
  alerts_.OnSignal(s, "housing", &b);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].SerializeAsString(), b[i].SerializeAsString());
  EXPECT_EQ(a[0].identity(), "contact/HX-2/letters/1/overdue");
  EXPECT_EQ(a[0].standard_wording(), "We aim to answer 95% of letters within 10 working days");
  EXPECT_EQ(a[0].contact_reference(), "HX-2");
}

}  // namespace
}  // namespace ontime

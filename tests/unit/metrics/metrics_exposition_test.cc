// ontimed's exposition: names, labels and the OpenMetrics rewrite.
#include "metrics/metrics_exposition.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "collectors/ingest_admission.h"
#include "config/config_loader.h"
#include "tests/support/event_builder.h"

namespace ontime {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::MakeEvent;

const absl::Time kT0 = absl::FromCivil(absl::CivilSecond(2026, 10, 5, 9, 0, 0), absl::UTCTimeZone());

class MetricsExpositionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ConfigResult loaded = LoadConfigFile(ONTIME_SOURCE_DIR "/deploy/examples/ontime.yaml");
    ASSERT_TRUE(loaded.ok());
    config_ = loaded.config.engine;
    engine_ = *Engine::Create(config_);
    series_ = OutcomeSeries(config_);
    Effects fx;
    for (int i = 0; i < 10; ++i) {
      const std::string id = "CALL-" + std::to_string(i);
      engine_->Apply(MakeEvent(id, EventType::kReceived, kT0 + absl::Minutes(i)).view(), fx);
      engine_->Apply(MakeEvent(id, EventType::kFirstResponse, kT0 + absl::Minutes(i) + absl::Seconds(i * 10)).view(), fx);
    }
    engine_->Apply(MakeEvent("CALL-waiting", EventType::kReceived, kT0 + absl::Hours(1)).view(), fx);
    engine_->FinishInput(fx);
    for (const Outcome& o : fx.outcomes) series_.Record(*engine_, o);
    engine_->CountWaiting(kT0 + absl::Hours(1) + absl::Seconds(30), &waiting_);
    Figures figures(config_);
    figures.AddToDate(*engine_, StartsAt(config_, kT0 + absl::Hours(2)));
    to_date_ = figures.to_date();
    pipeline_.records_by_topic = {{"contact-events", 21}};
    pipeline_.signals_by_standard.resize(config_.standards.size());
    in_.config = &config_;
    in_.series = &series_;
    in_.events = &engine_->counters();
    in_.dead_letters = &dead_letters_;
    in_.dead_letter_reasons = DeadLetterReasons();
    in_.waiting = &waiting_;
    in_.to_date = &to_date_;
    in_.pipeline = &pipeline_;
    in_.lag.push_back({"contact-events", 3, 12});
    in_.newest_event = kT0 + absl::Hours(1);
    in_.ready = true;
  }

  EngineConfig config_;
  std::unique_ptr<Engine> engine_;
  OutcomeSeries series_;
  WaitingCounts waiting_;
  std::vector<StandardToDate> to_date_;
  std::map<std::string, uint64_t> dead_letters_ = {{"undecodable", 2}};
  PipelineCounters pipeline_;
  MetricsInputs in_;
};

TEST_F(MetricsExpositionTest, NamesLabelsAndValues) {
  const std::string text = SerializeText(BuildMetrics(in_));
  // 10 answers at 0..90 s against 60 s: 7 met, 3 breached.
  EXPECT_THAT(text, HasSubstr("ontime_outcomes_total{standard=\"phone-answer\",channel=\"phone\",service="
                              "\"housing\",customer_group=\"group-a\",outcome=\"met\"} 7"));
  EXPECT_THAT(text, HasSubstr("ontime_response_seconds_bucket{standard=\"phone-answer\",channel=\"phone\","
                              "service=\"housing\",customer_group=\"group-a\",le=\"60\"} 7"));
  EXPECT_THAT(text, HasSubstr("ontime_standard_target_ratio{standard=\"phone-answer\"} 0.8"));
  EXPECT_THAT(text, HasSubstr("ontime_compliance_ratio{standard=\"phone-answer\",period=\"today\"} 0.7"));
  EXPECT_THAT(text, HasSubstr("ontime_open_contacts{standard=\"phone-answer\",channel=\"phone\"} 1"));
  EXPECT_THAT(text, HasSubstr("ontime_oldest_open_contact_age_seconds{standard=\"phone-answer\",channel=\"phone\"} 30"));
  EXPECT_THAT(text, HasSubstr("ontime_dead_letters_total{reason=\"undecodable\"} 2"));
  EXPECT_THAT(text, HasSubstr("ontime_consumer_lag_records{topic=\"contact-events\",partition=\"3\"} 12"));
  EXPECT_THAT(text, HasSubstr("ontime_ready 1"));
  EXPECT_THAT(text, HasSubstr("ontime_contacts_received_total{channel=\"phone\"} 11"));
  EXPECT_THAT(text, HasSubstr("# TYPE ontime_outcomes_total counter"));
  // No customer data: contact ids never become labels.
  EXPECT_THAT(text, Not(HasSubstr("CALL-")));
}

// As exporters do: counters with known label values are there at 0 from
// the start, so a panel shows 0, not "No data".
TEST_F(MetricsExpositionTest, KnownCountersStartAtZero) {
  dead_letters_.clear();
  pipeline_.signals_by_standard.clear();
  const std::string text = SerializeText(BuildMetrics(in_));
  for (const char* reason : {"oversized", "undecodable", "missing_field", "unknown_enum", "bad_timestamp",
                             "time_out_of_range", "invalid_event"}) {
    EXPECT_THAT(text, HasSubstr(std::string("ontime_dead_letters_total{reason=\"") + reason + "\"} 0")) << reason;
  }
  for (const char* counter : {"ontime_dead_letters_unsent_total 0", "ontime_checkpoints_held_for_dead_letters_total 0",
                              "ontime_checkpoint_failures_total 0"}) {
    EXPECT_THAT(text, HasSubstr(counter));
  }
  for (const char* disposition : {"applied", "held", "duplicate", "late", "refused", "invalid"}) {
    EXPECT_THAT(text, HasSubstr(std::string("ontime_events_total{disposition=\"") + disposition + "\"}"))
        << disposition;
  }
  EXPECT_THAT(text, HasSubstr("ontime_signals_total{standard=\"chat-answer\",kind=\"overdue\"} 0"));
  EXPECT_THAT(text, HasSubstr("ontime_contacts_received_total{channel=\"chat\"} 0"));
}

// Response times are of answered calls; abandoned waits are a histogram
// apart, so a p90 of answers is not pinned at the top bound by hang-ups.
TEST_F(MetricsExpositionTest, AbandonedWaitsAreAHistogramOfTheirOwn) {
  Effects fx;
  auto engine = *Engine::Create(config_);
  OutcomeSeries series(config_);
  for (int i = 0; i < 4; ++i) {
    const std::string id = "GONE-" + std::to_string(i);
    engine->Apply(MakeEvent(id, EventType::kReceived, kT0 + absl::Minutes(i)).view(), fx);
    engine->Apply(MakeEvent(id, EventType::kAbandoned, kT0 + absl::Minutes(i) + absl::Seconds(20)).view(), fx);
  }
  engine->FinishInput(fx);
  for (const Outcome& o : fx.outcomes) series.Record(*engine, o);
  in_.series = &series;
  const std::string text = SerializeText(BuildMetrics(in_));
  EXPECT_THAT(text, HasSubstr("ontime_abandoned_wait_seconds_bucket{standard=\"phone-answer\",channel=\"phone\","
                              "service=\"housing\",customer_group=\"group-a\",le=\"30\"} 4"));
  EXPECT_THAT(text, Not(HasSubstr("ontime_response_seconds_bucket{standard=\"phone-answer\"")));
}

TEST_F(MetricsExpositionTest, OpenMetricsNamesCounterFamiliesWithoutTotalAndEnds) {
  const std::string text = SerializeOpenMetrics(BuildMetrics(in_));
  EXPECT_THAT(text, HasSubstr("# TYPE ontime_outcomes counter\n"));
  EXPECT_THAT(text, HasSubstr("# HELP ontime_outcomes Outcomes"));
  EXPECT_THAT(text, HasSubstr("\nontime_outcomes_total{"));
  EXPECT_THAT(text, HasSubstr("# TYPE ontime_response_seconds histogram\n"));
  EXPECT_TRUE(text.ends_with("\n# EOF\n"));
}

}  // namespace
}  // namespace ontime

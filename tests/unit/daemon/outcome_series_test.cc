// The outcome series behind ontime_outcomes_total and the response-time
// histograms: the threshold bucket holds exactly the met outcomes, and the
// series survive serialisation and a change of standards.
#include "daemon/outcome_series.h"

#include <gtest/gtest.h>

#include <random>

#include "config/config_loader.h"
#include "tests/support/event_builder.h"

namespace ontime {
namespace {

using testing::MakeEvent;

const absl::Time kT0 = absl::FromCivil(absl::CivilSecond(2026, 10, 5, 9, 0, 0), absl::UTCTimeZone());

EngineConfig Shipped() {
  ConfigResult loaded = LoadConfigFile(ONTIME_SOURCE_DIR "/deploy/examples/ontime.yaml");
  EXPECT_TRUE(loaded.ok());
  return loaded.config.engine;
}

TEST(HistogramBounds, IncludeEveryTimedStandardsThreshold) {
  const EngineConfig config = Shipped();
  const auto bounds = HistogramBounds(config);
  int timed = 0;
  for (size_t i = 0; i < config.standards.size(); ++i) {
    const Standard& s = config.standards[i];
    if ((s.unit() != MeasureUnit::kMicroseconds && s.unit() != MeasureUnit::kWorkingDays) || s.threshold <= 0) {
      continue;
    }
    ++timed;
    EXPECT_TRUE(std::binary_search(bounds[i].begin(), bounds[i].end(), s.threshold)) << s.id;
    EXPECT_TRUE(std::is_sorted(bounds[i].begin(), bounds[i].end())) << s.id;
  }
  EXPECT_GE(timed, 8);
}

// Answers at random waits, many exactly at and one microsecond past the
// threshold, and callers hanging up: the cumulative count up to the
// threshold bound equals met.
TEST(OutcomeSeries, ThresholdBucketIsExactlyTheMetOutcomes) {
  EngineConfig config;
  Standard answer;
  answer.id = "answer";
  answer.stage = Stage::kFirstResponse;
  answer.threshold = absl::ToInt64Microseconds(absl::Seconds(60));
  answer.applies_to.channels = {Channel::kPhone};
  answer.abandoned_grace = absl::Seconds(5);
  config.standards.push_back(answer);
  auto engine = *Engine::Create(config);
  OutcomeSeries series(config);
  std::mt19937_64 rng(7);
  Effects fx;
  uint64_t met = 0, breached = 0, excluded = 0;
  for (int i = 0; i < 2000; ++i) {
    const std::string id = "c" + std::to_string(i);
    const absl::Time start = kT0 + absl::Seconds(i);
    int64_t wait_us;
    switch (rng() % 5) {
      case 0: wait_us = answer.threshold; break;
      case 1: wait_us = answer.threshold + 1; break;
      default: wait_us = static_cast<int64_t>(rng() % 300'000'000);
    }
    // Some callers hang up: within the grace (excluded), or after it and
    // before the threshold (breached, though the wait was short).
    const bool abandons = rng() % 4 == 0;
    engine->Apply(MakeEvent(id, EventType::kReceived, start).view(), fx);
    if (abandons) {
      (wait_us <= 5'000'000 ? excluded : breached)++;
      engine->Apply(MakeEvent(id, EventType::kAbandoned, start + absl::Microseconds(wait_us)).view(), fx);
    } else {
      (wait_us <= answer.threshold ? met : breached)++;
      engine->Apply(MakeEvent(id, EventType::kFirstResponse, start + absl::Microseconds(wait_us)).view(), fx);
    }
    for (const Outcome& o : fx.outcomes) series.Record(*engine, o);
    fx.Clear();
  }
  engine->FinishInput(fx);
  for (const Outcome& o : fx.outcomes) series.Record(*engine, o);

  ASSERT_EQ(series.series().size(), 1u);
  const SeriesCounts& counts = series.series().begin()->second;
  EXPECT_EQ(counts.met, met);
  EXPECT_EQ(counts.breached, breached);
  EXPECT_EQ(counts.excluded, excluded);
  const std::vector<int64_t>& bounds = series.bounds(0);
  const size_t at = static_cast<size_t>(std::find(bounds.begin(), bounds.end(), answer.threshold) - bounds.begin());
  ASSERT_LT(at, bounds.size());
  uint64_t up_to_threshold = 0;
  for (size_t i = 0; i <= at; ++i) up_to_threshold += counts.buckets[i];
  EXPECT_EQ(up_to_threshold, met);
  uint64_t all = 0;
  for (uint64_t n : counts.buckets) all += n;
  EXPECT_EQ(all, met + breached);
}

TEST(OutcomeSeries, RoundTripsAndAChangedThresholdRestartsOnlyItsBuckets) {
  EngineConfig config = Shipped();
  auto engine = *Engine::Create(config);
  OutcomeSeries series(config);
  Effects fx;
  for (int i = 0; i < 300; ++i) {
    const std::string id = "c" + std::to_string(i);
    const absl::Time start = kT0 + absl::Minutes(i);
    engine->Apply(MakeEvent(id, EventType::kReceived, start, Channel::kPhone).view(), fx);
    engine->Apply(MakeEvent(id, EventType::kFirstResponse, start + absl::Seconds(i % 120)).view(), fx);
    engine->Apply(MakeEvent(id, EventType::kResolved, start + absl::Seconds(200)).view(), fx);
  }
  engine->FinishInput(fx);
  for (const Outcome& o : fx.outcomes) series.Record(*engine, o);
  ASSERT_FALSE(series.series().empty());

  OutcomeSeries same;
  ASSERT_TRUE(same.Parse(config, series.Serialize(config)).ok());
  EXPECT_EQ(same.series(), series.series());

  EngineConfig changed = config;
  changed.standards[0].threshold *= 2;  // phone-answer: 60 s -> 120 s
  OutcomeSeries moved;
  ASSERT_TRUE(moved.Parse(changed, series.Serialize(config)).ok());
  for (const auto& [key, counts] : moved.series()) {
    const SeriesCounts& before = series.series().at(key);
    EXPECT_EQ(counts.met, before.met);
    EXPECT_EQ(counts.breached, before.breached);
    if (key.standard == 0) {
      EXPECT_TRUE(counts.buckets.empty());
    } else {
      EXPECT_EQ(counts.buckets, before.buckets);
    }
  }
}

TEST(OutcomeSeries, LabelValuesAreBounded) {
  EngineConfig config;
  Standard answer;
  answer.id = "answer";
  answer.stage = Stage::kFirstResponse;
  answer.threshold = 60'000'000;
  answer.applies_to.channels = {Channel::kPhone};
  config.standards.push_back(answer);
  auto engine = *Engine::Create(config);
  OutcomeSeries series(config);
  Effects fx;
  for (int i = 0; i < 300; ++i) {
    const std::string id = "c" + std::to_string(i);
    engine->Apply(MakeEvent(id, EventType::kReceived, kT0, Channel::kPhone, "service-" + std::to_string(i)).view(), fx);
    engine->Apply(MakeEvent(id, EventType::kFirstResponse, kT0 + absl::Seconds(5)).view(), fx);
  }
  engine->FinishInput(fx);
  for (const Outcome& o : fx.outcomes) series.Record(*engine, o);
  EXPECT_EQ(series.series().size(), OutcomeSeries::kMaxLabelValues + 1);
  uint64_t total = 0;
  for (const auto& [key, counts] : series.series()) total += counts.met;
  EXPECT_EQ(total, 300u);
}

}  // namespace
}  // namespace ontime

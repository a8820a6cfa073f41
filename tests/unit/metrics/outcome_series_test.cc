// The outcome series behind ontime_outcomes_total and the response-time
// histograms: the threshold bucket holds exactly the met outcomes, and the
// series survive serialisation and a change of standards.
#include "metrics/outcome_series.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

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
// threshold bound equals met; the response histogram holds the answered
// calls only, and the abandoned waits are counted apart, in full.
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
  uint64_t met = 0, breached = 0, excluded = 0, abandoned = 0, answered_late = 0;
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
      ++abandoned;
      engine->Apply(MakeEvent(id, EventType::kAbandoned, start + absl::Microseconds(wait_us)).view(), fx);
    } else {
      (wait_us <= answer.threshold ? met : breached)++;
      answered_late += wait_us > answer.threshold;
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
  const std::vector<int64_t>& bounds = series.bounds(StandardAt(0));
  const size_t at = static_cast<size_t>(std::find(bounds.begin(), bounds.end(), answer.threshold) - bounds.begin());
  ASSERT_LT(at, bounds.size());
  uint64_t up_to_threshold = 0;
  for (size_t i = 0; i <= at; ++i) up_to_threshold += counts.buckets[i];
  EXPECT_EQ(up_to_threshold, met);
  uint64_t all = 0;
  for (uint64_t n : counts.buckets) all += n;
  EXPECT_EQ(all, met + answered_late) << "response times of answered calls only";
  uint64_t waits = 0;
  for (uint64_t n : counts.abandoned_buckets) waits += n;
  EXPECT_EQ(waits, abandoned) << "every abandoned wait, excluded ones too";
  EXPECT_GT(abandoned, 0u);
  // The slowest bucket holds no abandoned call: once, every one was there.
  EXPECT_LT(counts.buckets.back(), answered_late);
  OutcomeSeries same;
  ASSERT_TRUE(same.Parse(config, series.Serialize(config)).ok());
  EXPECT_EQ(same.series(), series.series());
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
    if (key.standard == StandardAt(0)) {
      EXPECT_TRUE(counts.buckets.empty());
    } else {
      EXPECT_EQ(counts.buckets, before.buckets);
    }
  }
}

EngineConfig AnswerConfig(std::vector<std::string> services = {}) {
  EngineConfig config;
  Standard answer;
  answer.id = "answer";
  answer.stage = Stage::kFirstResponse;
  answer.threshold = 60'000'000;
  answer.applies_to.channels = {Channel::kPhone};
  config.standards.push_back(answer);
  if (!services.empty()) {
    answer.id = "answer-named";
    answer.applies_to.services = std::move(services);
    config.standards.push_back(answer);
  }
  return config;
}

// One partition's series: a met call for each of `services`.
OutcomeSeries PartitionSeries(const EngineConfig& config, const std::vector<std::string>& services) {
  auto engine = *Engine::Create(config);
  OutcomeSeries series(config);
  Effects fx;
  int i = 0;
  for (const std::string& service : services) {
    const std::string id = "c" + std::to_string(i++);
    engine->Apply(MakeEvent(id, EventType::kReceived, kT0, Channel::kPhone, service).view(), fx);
    engine->Apply(MakeEvent(id, EventType::kFirstResponse, kT0 + absl::Seconds(5)).view(), fx);
  }
  engine->FinishInput(fx);
  for (const Outcome& o : fx.outcomes) series.Record(*engine, o);
  return series;
}

uint64_t Met(const OutcomeSeries& series) {
  uint64_t total = 0;
  for (const auto& [key, counts] : series.series()) total += counts.met;
  return total;
}

std::set<std::string> Services(const OutcomeSeries& series) {
  std::set<std::string> services;
  for (const auto& [key, counts] : series.series()) services.insert(key.service);
  return services;
}

TEST(OutcomeSeries, APartitionsLabelValuesAreBounded) {
  const EngineConfig config = AnswerConfig();
  std::vector<std::string> services;
  for (int i = 0; i < 1200; ++i) services.push_back("service-" + std::to_string(i));
  const OutcomeSeries series = PartitionSeries(config, services);
  EXPECT_EQ(series.series().size(), OutcomeSeries::kMaxLabelValues + 1);
  EXPECT_EQ(Met(series), 1200u);
}

TEST(LabelValues, TheCapIsForTheWholeProcessNotEachPartition) {
  // Twelve partitions of 100 distinct services each: 1,302 service values
  // once, 100 (and "other") now.
  const EngineConfig config = AnswerConfig();
  LabelValues labels(DaemonRunSettings{}, config);
  OutcomeSeries merged(config);
  for (int p = 0; p < 12; ++p) {
    std::vector<std::string> services;
    for (int i = 0; i < 100; ++i) services.push_back("free text " + std::to_string(p * 100 + i));
    merged.Merge(PartitionSeries(config, services), labels);
  }
  const std::set<std::string> shown = Services(merged);
  EXPECT_EQ(shown.size(), LabelValues::kMaxUndeclared + 1);
  EXPECT_TRUE(shown.count("other"));
  EXPECT_EQ(Met(merged), 1200u);
  EXPECT_EQ(labels.services_refused(), 1100u);
  // Sticky: a value that was a label stays one when merged again.
  OutcomeSeries again(config);
  for (int p = 0; p < 12; ++p) {
    std::vector<std::string> services;
    for (int i = 0; i < 100; ++i) services.push_back("free text " + std::to_string(p * 100 + i));
    again.Merge(PartitionSeries(config, services), labels);
  }
  EXPECT_EQ(Services(again), shown);
}

TEST(LabelValues, TheStandardsServicesAreAlwaysLabelsEvenSeenLast) {
  const EngineConfig config = AnswerConfig({"housing"});
  LabelValues labels(DaemonRunSettings{}, config);
  OutcomeSeries merged(config);
  std::vector<std::string> services;
  for (int i = 0; i < 150; ++i) services.push_back("free text " + std::to_string(i));
  services.push_back("housing");
  merged.Merge(PartitionSeries(config, services), labels);
  EXPECT_TRUE(Services(merged).count("housing"));
}

TEST(LabelValues, DeclaredValuesAreTheOnlyLabels) {
  const EngineConfig config = AnswerConfig({"housing"});
  DaemonRunSettings settings;
  settings.service_labels = {"waste", "parking"};
  LabelValues labels(settings, config);
  OutcomeSeries merged(config);
  merged.Merge(PartitionSeries(config, {"waste", "<script>", "housing", "parking", "Waste", ""}), labels);
  EXPECT_EQ(Services(merged), (std::set<std::string>{"", "housing", "other", "parking", "waste"}));
  EXPECT_EQ(Met(merged), 7u);  // "answer" for all six calls, "answer-named" for the housing one
}

}  // namespace
}  // namespace ontime

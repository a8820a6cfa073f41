// Monthly statements from the durable history, in-process: an
// organisation with 100 standards over 12 months, as outcome records
// (ontime.v1.OutcomeRecord) the way `ontime statement --brokers` reads them.
//
//   BM_ParseOnly        the ceiling: parsing each record's bytes, nothing more
//   BM_HistoryFromRecords  parse, drop duplicates (128-bit fingerprints), look
//                       the standard up, count it in its receipt and decision
//                       days, weeks and months: what a statement costs per
//                       outcome read
//   BM_ComposeAndRender the month for all 100 standards (trend, year to date,
//                       breakdowns, groups, dips) written as HTML
//
// Records are made at 1/100 of a 2-million-contacts-a-month organisation
// (about 3 outcomes a contact: 720,000 a year); the per-record cost scales.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/statement_sources.h"
#include "collectors/outcome_record.h"
#include "engine/engine.h"
#include "statements/monthly_statement.h"
#include "statements/statement_history.h"
#include "statements/statement_render.h"

namespace ontime {
namespace {

constexpr int kStandards = 100;
constexpr int kRecords = 720'000;

absl::TimeZone London() {
  absl::TimeZone zone;
  absl::LoadTimeZone("Europe/London", &zone);
  return zone;
}

// 100 standards on a London calendar (open every day, all day: the
// statement counts local days and months).
EngineConfig Config() {
  EngineConfig config;
  CalendarSpec calendar;
  calendar.name = "council";
  calendar.time_zone = London();
  for (auto& day : calendar.opening_hours) day = {{0, 86400}};
  config.calendars.push_back(calendar);
  std::vector<Standard>& standards = config.standards;
  for (int i = 0; i < kStandards; ++i) {
    Standard s;
    s.id = absl::StrCat("standard-", i);
    s.wording = absl::StrCat("We aim to answer 80% of contacts of kind ", i, " within 60 seconds");
    s.stage = Stage::kFirstResponse;
    s.threshold = 60'000'000;
    s.target = 0.8;
    s.min_volume = 20;
    s.calendar = "council";
    // One channel each, as the records have it (and as the engine allows:
    // at most 16 standards to a channel).
    s.applies_to.channels = {static_cast<Channel>(1 + i % 8)};
    standards.push_back(s);
  }
  return config;
}


// A year of outcomes as the outcomes topic holds them: written as the
// engines decide them, so in order of decision (each partition's engine
// decides in event-time order; partitions are read one after another).
std::vector<std::string> Records() {
  std::mt19937_64 random(7);
  const absl::Time year_start = absl::FromCivil(absl::CivilSecond(2025, 11, 1, 0, 0, 0), London());
  const int64_t year_us = int64_t{365} * 86400 * 1'000'000;
  std::vector<std::pair<int32_t, std::string>> by_partition;
  v1::OutcomeRecord r;
  for (int i = 0; i < kRecords; ++i) {
    const int standard = static_cast<int>(random() % kStandards);
    // In order through the year, a few minutes apart, give or take a minute.
    const absl::Time started =
        year_start + absl::Microseconds(year_us / kRecords * i + static_cast<int64_t>(random() % 60'000'000));
    const int64_t measure = static_cast<int64_t>(random() % 120'000'000);
    const std::string contact = absl::StrCat("CALL-", i);
    r.Clear();
    r.set_standard(absl::StrCat("standard-", standard));
    r.set_contact_id(contact);
    r.set_verdict(measure <= 60'000'000 ? v1::OutcomeRecord::MET : v1::OutcomeRecord::BREACHED);
    r.set_measure(measure);
    r.set_started_us(absl::ToUnixMicros(started));
    r.set_decided_at_us(absl::ToUnixMicros(started) + measure);
    r.set_identity(absl::StrCat(r.standard(), "/", contact, "/0/", r.started_us()));
    // A standard covers one channel, as most published standards do.
    r.set_channel(static_cast<v1::Channel>(1 + standard % 8));
    r.set_service(absl::StrCat("service-", random() % 10));
    r.set_customer_group(absl::StrCat("group-", random() % 5));
    r.set_source_topic("contact-events");
    r.set_source_partition(static_cast<int32_t>(random() % 12));
    r.set_source_position(i);
    by_partition.emplace_back(r.source_partition(), r.SerializeAsString());
  }
  std::stable_sort(by_partition.begin(), by_partition.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  // Copied, not moved: each record's bytes lie in reading order, as in a
  // fetched batch.
  std::vector<std::string> out;
  out.reserve(by_partition.size());
  for (const auto& [partition, bytes] : by_partition) out.push_back(bytes);
  return out;
}

const std::vector<std::string>& TheRecords() {
  static const std::vector<std::string> records = Records();
  return records;
}

void BM_ParseOnly(benchmark::State& state) {
  const std::vector<std::string>& records = TheRecords();
  v1::OutcomeRecord r;
  for (auto _ : state) {
    for (const std::string& bytes : records) {
      r.ParseFromString(bytes);
      benchmark::DoNotOptimize(r.measure());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(records.size()));
}
BENCHMARK(BM_ParseOnly)->Unit(benchmark::kMillisecond)->Repetitions(5);

// What `ontime statement --brokers` does with each record a checkpoint
// covers (cli/statement_sources.h).
StatementHistory BuildHistory(const EngineConfig& config, const Engine& zones) {
  StatementHistory history;
  OutcomeRecordIntake intake(config, zones, &history);
  v1::OutcomeRecord r;
  for (const std::string& bytes : TheRecords()) {
    r.ParseFromString(bytes);
    intake.Take(r);
  }
  return history;
}

void BM_HistoryFromRecords(benchmark::State& state) {
  const EngineConfig config = Config();
  const std::unique_ptr<Engine> zones = *Engine::Create(config);
  for (auto _ : state) benchmark::DoNotOptimize(BuildHistory(config, *zones).size());
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(TheRecords().size()));
}
BENCHMARK(BM_HistoryFromRecords)->Unit(benchmark::kMillisecond)->Repetitions(5);

void BM_ComposeAndRender(benchmark::State& state) {
  const EngineConfig config = Config();
  const StatementHistory history = BuildHistory(config, **Engine::Create(config));
  const std::vector<Standard>& standards = config.standards;
  StatementRequest request;
  request.period = {.first = absl::CivilMonth(2026, 10), .months = 1};
  request.figures_at = absl::FromCivil(absl::CivilSecond(2026, 11, 1, 0, 0, 0), London());
  // The history's key order is built on its first read, once per history
  // (part of BM_HistoryFromRecords' job in effect, not of each month).
  benchmark::DoNotOptimize(history.Total({.standard = "standard-0", .cohort = Cohort::kReceipt,
                                          .period = PeriodKind::kMonth, .period_start = 0, .channel = std::nullopt,
                                          .service = std::nullopt, .customer_group = std::nullopt}));
  size_t bytes = 0;
  for (auto _ : state) {
    const Statement statement = ComposeStatement(standards, history, {}, request);
    bytes = RenderStatement(statement, StatementFormat::kHtml, StatementTemplates::BuiltIn())->size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["html_bytes"] = static_cast<double>(bytes);
  state.counters["history_cells"] = static_cast<double>(history.size());
}
BENCHMARK(BM_ComposeAndRender)->Unit(benchmark::kMillisecond)->Repetitions(5);

}  // namespace
}  // namespace ontime

BENCHMARK_MAIN();

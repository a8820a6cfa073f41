// What a Prometheus scrape of ontimed costs, at 10k and 100k series,
// against the ceiling of bare prometheus-cpp serialisation of the same
// families; what rebuilding the snapshot costs the daemon's loop; and the
// longest stall of the daemon's loop while scrapes run flat out.
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <prometheus/text_serializer.h>

#include "absl/strings/str_cat.h"
#include "bench/corpus.h"
#include "collectors/event_decoder.h"
#include "config/config_loader.h"
#include "metrics/metrics_board.h"
#include "metrics/metrics_exposition.h"
#include "ontime/v1/checkpoint.pb.h"

namespace ontime::bench {
namespace {

// Every outcome series is 14 time series: 3 outcome counters, and 9 buckets,
// a count and a sum.
constexpr int kSamplesPerSeries = 14;

struct Fixture {
  explicit Fixture(int samples) {
    ConfigResult loaded = LoadConfigFile(ONTIME_SOURCE_DIR "/deploy/examples/ontime.yaml");
    config = loaded.config.engine;
    v1::OutcomeSeriesState state;
    const auto bounds = HistogramBounds(config);
    const int keys = samples / kSamplesPerSeries;
    for (int i = 0; i < keys; ++i) {
      auto* s = state.add_series();
      s->set_standard(config.standards[0].id);  // phone-answer: timed
      s->set_channel(1);
      s->set_service(absl::StrCat("service-", i % 100));
      s->set_customer_group(absl::StrCat("group-", i / 100));
      s->set_met(1000 + i);
      s->set_breached(100 + i);
      s->set_excluded(i % 7);
      for (int64_t b : bounds[0]) s->add_bounds(b);
      for (size_t b = 0; b <= bounds[0].size(); ++b) s->add_buckets(100 + b);
      s->set_sum(123456789);
    }
    series = OutcomeSeries(config);
    (void)series.Parse(config, state.SerializeAsString());
    waiting.assign(config.standards.size(), {});
    to_date.assign(config.standards.size(), {});
    pipeline.signals_by_standard.assign(config.standards.size(), {});
    in.config = &config;
    in.series = &series;
    in.events = &events;
    in.dead_letters = &dead_letters;
    in.waiting = &waiting;
    in.to_date = &to_date;
    in.pipeline = &pipeline;
    families = BuildMetrics(in);
  }

  EngineConfig config;
  OutcomeSeries series;
  EngineCounters events;
  std::map<std::string, uint64_t> dead_letters;
  PipelineCounters pipeline;
  WaitingCounts waiting;
  std::vector<StandardToDate> to_date;
  MetricsInputs in;
  std::vector<prometheus::MetricFamily> families;
};

Fixture& At(int samples) {
  static std::map<int, std::unique_ptr<Fixture>> fixtures;
  auto& f = fixtures[samples];
  if (!f) f = std::make_unique<Fixture>(samples);
  return *f;
}

// The ceiling: prometheus-cpp's serialiser over finished families.
void BM_BareSerialize(benchmark::State& state) {
  const Fixture& f = At(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(prometheus::TextSerializer().Serialize(f.families));
}

// A scrape: take the published snapshot, serialise it.
void BM_Scrape(benchmark::State& state) {
  Fixture& f = At(static_cast<int>(state.range(0)));
  MetricsBoard board;
  board.Publish(f.families);
  for (auto _ : state) benchmark::DoNotOptimize(SerializeText(*board.Read()));
}

// The loop's side, once per metrics_every: build the families from values.
void BM_Publish(benchmark::State& state) {
  Fixture& f = At(static_cast<int>(state.range(0)));
  MetricsBoard board;
  for (auto _ : state) board.Publish(BuildMetrics(f.in));
}

// The stall a scrape can cause the loop: the loop meets the HTTP thread only
// in MetricsBoard, to swap in a new snapshot. Measured: the longest swap
// (lock wait + hold) over two seconds of back-to-back publishes while
// another thread scrapes 100k series without pause (range 1), or with no
// scrapes (range 0).
void BM_LongestSwapWithScrapes(benchmark::State& state) {
  Fixture& f = At(100000);
  const bool scraping = state.range(0) == 1;
  MetricsBoard board;
  board.Publish(f.families);
  std::atomic<bool> stop{false};
  std::atomic<int> scrapes{0};
  std::thread scraper([&] {
    while (scraping && !stop) {
      benchmark::DoNotOptimize(SerializeText(*board.Read()));
      ++scrapes;
    }
  });
  // Small snapshots to swap in, built ahead: the swap, not the build, is timed.
  std::vector<std::shared_ptr<const MetricsBoard::Snapshot>> next;
  for (int i = 0; i < 64; ++i) next.push_back(std::make_shared<const MetricsBoard::Snapshot>(f.families));
  double longest = 0;
  for (auto _ : state) {
    // Two seconds of swapping, so dozens of scrapes overlap it.
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    for (int i = 0; std::chrono::steady_clock::now() < end; ++i) {
      const auto begin = std::chrono::steady_clock::now();
      std::shared_ptr<const MetricsBoard::Snapshot> old = board.Swap(next[static_cast<size_t>(i) % next.size()]);
      const double took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
      longest = std::max(longest, took);
      next[static_cast<size_t>(i) % next.size()] = std::move(old);
    }
  }
  stop = true;
  scraper.join();
  state.counters["longest_swap_ms"] = longest;
  state.counters["scrapes"] = scrapes.load();
}

BENCHMARK(BM_BareSerialize)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(BM_Scrape)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(BM_Publish)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(BM_LongestSwapWithScrapes)->Arg(0)->Arg(1)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ontime::bench

BENCHMARK_MAIN();

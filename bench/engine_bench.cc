// Throughput of decode + apply against the ceiling of bare protobuf parsing,
// the JSON path against the protobuf path, and the cost of draining 100,000
// deadlines due in the same second.
#include <benchmark/benchmark.h>
#include <google/protobuf/util/json_util.h>

#include <queue>

#include "bench/corpus.h"
#include "collectors/event_decoder.h"
#include "engine/engine.h"

namespace ontime::bench {
namespace {

constexpr int kContacts = 300000;

const std::vector<std::string>& Corpus() {
  static const std::vector<std::string> corpus = MakeCorpus(kContacts);
  return corpus;
}

// The ceiling: ParseFromArray into one reused message, nothing else.
void BM_ParseOnly(benchmark::State& state) {
  const auto& corpus = Corpus();
  v1::ContactEvent message;
  for (auto _ : state) {
    for (const std::string& bytes : corpus) {
      benchmark::DoNotOptimize(message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())));
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus.size()));
}
BENCHMARK(BM_ParseOnly)->Unit(benchmark::kMillisecond)->Iterations(3)->Repetitions(5)->ReportAggregatesOnly(true);

// Decode every record of `corpus` with `decode` and apply it to a fresh
// engine; the engine's making and unmaking are not timed.
template <typename Decode>
void DecodeAndApply(benchmark::State& state, const std::vector<std::string>& corpus, Decode decode) {
  Event event;
  Effects effects;
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<Engine> engine = *Engine::Create(BenchConfig());
    state.ResumeTiming();
    for (const std::string& bytes : corpus) {
      if (decode(bytes, &event)) engine->Apply(event, effects);
      effects.Clear();
    }
    state.PauseTiming();
    engine.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus.size()));
}

void BM_DecodeAndApply(benchmark::State& state) {
  EventDecoder decoder;
  DecodeAndApply(state, Corpus(),
                 [&](const std::string& bytes, Event* event) { return decoder.DecodeProtobuf(bytes, event).ok(); });
}
BENCHMARK(BM_DecodeAndApply)->Unit(benchmark::kMillisecond)->Iterations(3)->Repetitions(5)->ReportAggregatesOnly(true);

// The same events as protobuf's JSON mapping, as a JSON topic carries them.
const std::vector<std::string>& JsonCorpus() {
  static const std::vector<std::string> corpus = [] {
    std::vector<std::string> out;
    v1::ContactEvent message;
    std::string json;
    for (const std::string& bytes : Corpus()) {
      message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
      json.clear();
      (void)google::protobuf::util::MessageToJsonString(message, &json);
      out.push_back(json);
    }
    return out;
  }();
  return corpus;
}

// JSON end to end (decode with simdjson, then apply), against
// BM_DecodeAndApply: the goal is at least 60 % of the protobuf path.
void BM_DecodeJsonAndApply(benchmark::State& state) {
  EventDecoder decoder;
  DecodeAndApply(state, JsonCorpus(),
                 [&](const std::string& json, Event* event) { return decoder.DecodeJson(json, event).ok(); });
}
BENCHMARK(BM_DecodeJsonAndApply)->Unit(benchmark::kMillisecond)->Iterations(3)->Repetitions(5)->ReportAggregatesOnly(true);

// What the JSON path cost before: protobuf's own JSON parser, then apply.
void BM_ProtobufJsonParserAndApply(benchmark::State& state) {
  EventDecoder decoder;
  v1::ContactEvent message;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  DecodeAndApply(state, JsonCorpus(), [&](const std::string& json, Event* event) {
    message.Clear();
    return google::protobuf::util::JsonStringToMessage(json, &message, options).ok() &&
           decoder.DecodeProtobuf(message.SerializeAsString(), event).ok();
  });
}
BENCHMARK(BM_ProtobufJsonParserAndApply)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3)->ReportAggregatesOnly(true);

constexpr int kDueTogether = 100000;

// 100,000 calls received in the same second; Advance() past their at-risk
// instant drains them all in one call.
void BM_AdvanceDrain100k(benchmark::State& state) {
  const absl::Time t0 = absl::FromUnixSeconds(1790000000);
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<Engine> engine = *Engine::Create(BenchConfig());
    Effects effects;
    std::vector<std::string> ids;
    for (int i = 0; i < kDueTogether; ++i) ids.push_back(absl::StrCat("CALL-", i));
    for (int i = 0; i < kDueTogether; ++i) {
      Event e;
      e.event_id = ids[static_cast<size_t>(i)];
      e.contact_id = ids[static_cast<size_t>(i)];
      e.type = EventType::kReceived;
      e.channel = Channel::kPhone;
      e.time = t0 + absl::Microseconds(i * 10);
      engine->Apply(e, effects);
    }
    effects.Clear();
    effects.signals.reserve(2 * kDueTogether);
    state.ResumeTiming();
    engine->Advance(t0 + absl::Seconds(50), effects);
    state.PauseTiming();
    if (effects.signals.size() != static_cast<size_t>(kDueTogether)) {
      state.SkipWithError("not every contact signalled");
    }
    engine.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kDueTogether);
}
BENCHMARK(BM_AdvanceDrain100k)->Unit(benchmark::kMillisecond)->Iterations(3)->Repetitions(5)->ReportAggregatesOnly(true);

// The ceiling for draining: popping 100,000 bare entries from a binary heap.
void BM_HeapPop100k(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    std::priority_queue<std::pair<int64_t, uint32_t>, std::vector<std::pair<int64_t, uint32_t>>,
                        std::greater<>> heap;
    for (uint32_t i = 0; i < kDueTogether; ++i) heap.push({1790000048000000 + i * 10, i});
    state.ResumeTiming();
    while (!heap.empty()) {
      benchmark::DoNotOptimize(heap.top());
      heap.pop();
    }
  }
  state.SetItemsProcessed(state.iterations() * kDueTogether);
}
BENCHMARK(BM_HeapPop100k)->Unit(benchmark::kMillisecond)->Iterations(3)->Repetitions(5)->ReportAggregatesOnly(true);

}  // namespace
}  // namespace ontime::bench

BENCHMARK_MAIN();

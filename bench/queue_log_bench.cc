// The queue_log collector's reading: lines of an Asterisk queue_log turned
// into contact events (follower, parser, mapping), against the ceiling of
// reading the same file and splitting it into lines alone. Run by
// bench/run, which prints the ratio.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "collectors/queue_log_collector.h"

namespace ontime {
namespace {

constexpr int kCalls = 40000;

// A busy queue's log: per call ENTERQUEUE, three RINGNOANSWERs, CONNECT,
// COMPLETEAGENT (the real PBX log's mix: about 30% of lines are events),
// with the agents' log-ins between.
const std::string& QueueLogFile() {
  static const std::string path = [] {
    std::string file = absl::StrCat("/tmp/ontime-queue-log-bench-", ::getpid());
    std::ofstream out(file);
    int64_t t = 1543602677;
    for (int call = 0; call < kCalls; ++call) {
      const std::string id = absl::StrCat(t, ".", call);
      out << t << "|" << id << "|council-tax|NONE|ENTERQUEUE||tel-0001|1\n";
      for (int ring = 0; ring < 3; ++ring) {
        out << t + 10 * ring << "|" << id << "|council-tax|Agent/1141|RINGNOANSWER|10000\n";
      }
      out << t + 40 << "|" << id << "|council-tax|Agent/1127|CONNECT|40|" << id << "9|6\n";
      out << t + 400 << "|" << id << "|council-tax|Agent/1127|COMPLETEAGENT|40|360|1\n";
      out << t + 401 << "|NONE|NONE|Agent/1127|AGENTLOGIN|hint:1127@default\n";
      t += 7;
    }
    return file;
  }();
  return path;
}

int64_t LinesInFile() { return static_cast<int64_t>(kCalls) * 7; }

void BM_QueueLogReadAndSplit(benchmark::State& state) {
  const std::string& path = QueueLogFile();
  std::string buffer(1 << 20, '\0');
  for (auto _ : state) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    int64_t lines = 0;
    int64_t offset = 0;
    for (;;) {
      const ssize_t n = ::pread(fd, buffer.data(), buffer.size(), offset);
      if (n <= 0) break;
      const std::string_view chunk(buffer.data(), static_cast<size_t>(n));
      const size_t end = chunk.rfind('\n');
      size_t start = 0;
      while (start <= end) {
        const size_t stop = chunk.find('\n', start);
        benchmark::DoNotOptimize(chunk.substr(start, stop - start));
        ++lines;
        start = stop + 1;
      }
      offset += static_cast<int64_t>(end + 1);
    }
    ::close(fd);
    if (lines != LinesInFile()) state.SkipWithError("not every line was read");
  }
  state.SetItemsProcessed(state.iterations() * LinesInFile());
}
BENCHMARK(BM_QueueLogReadAndSplit)->Unit(benchmark::kMillisecond)->Iterations(3)->Repetitions(5)->ReportAggregatesOnly(true);

void BM_QueueLogCollect(benchmark::State& state) {
  QueueLogSourceSettings settings;
  settings.name = "bench";
  settings.path = QueueLogFile();
  settings.queues = {{.queue = "council-tax", .channel = Channel::kPhone, .service = "revenues", .site = "",
                      .contact_type = "enquiry", .customer_group = ""}};
  QueueLogBatch batch;
  for (auto _ : state) {
    QueueLogCollector collector(settings);
    collector.Start(std::nullopt);
    int64_t lines = 0, events = 0;
    do {
      batch.Clear();
      if (!collector.Next(1 << 20, &batch).ok()) state.SkipWithError("read failed");
      lines += batch.lines;
      events += static_cast<int64_t>(batch.events.size());
    } while (batch.lines > 0);
    if (lines != LinesInFile() || events != 3LL * kCalls) state.SkipWithError("not every line became its events");
  }
  state.SetItemsProcessed(state.iterations() * LinesInFile());
}
BENCHMARK(BM_QueueLogCollect)->Unit(benchmark::kMillisecond)->Iterations(3)->Repetitions(5)->ReportAggregatesOnly(true);

}  // namespace
}  // namespace ontime

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::remove(ontime::QueueLogFile().c_str());
  return 0;
}

// The `ontime` command line: check-config, replay, state and simulate.
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/check_config_command.h"
#include "daemon/replay_command.h"
#include "daemon/simulate_command.h"
#include "daemon/state_command.h"

namespace {

constexpr std::string_view kUsage =
    "usage:\n"
    "  ontime check-config FILE\n"
    "      Validate a standards file; print each standard in plain words.\n"
    "  ontime replay --config FILE (--events FILE | --brokers HOST:PORT --topic T)\n"
    "                [--outcomes OUT] [--aggregates OUT] [--open-end yes|no]\n"
    "      Measure a file of events (JSON lines or length-delimited protobuf),\n"
    "      or a topic from its start to its current end with one engine per\n"
    "      partition, with event time as the clock; print per-standard figures,\n"
    "      and write every outcome (or aggregate cell) to OUT as JSON lines.\n"
    "      --open-end yes: the input goes on, as it does for ontimed, so outcomes\n"
    "      within the lateness of the newest event stay open.\n"
    "  ontime state --config FILE [--brokers HOST:PORT] [--aggregates OUT]\n"
    "      What ontimed's checkpoints in the state topic hold, every partition\n"
    "      merged: the same figures as replay, and the offsets reached.\n"
    "  ontime simulate (--out FILE | --brokers HOST:PORT [--topic T]) [--format json|protobuf]\n"
    "                [--from DAY] [--days N] [--calls-per-day N] [--seed N] [--speed-up X]\n"
    "      A council's contact traffic; --speed-up paces it at X times real time.\n";

int Usage(std::string_view problem) {
  if (!problem.empty()) std::cerr << "ontime: " << problem << "\n";
  std::cerr << kUsage;
  return 64;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "help") return Usage("");
  if (args[0] == "check-config") {
    if (args.size() != 2) return Usage("check-config takes one file");
    return ontime::RunCheckConfig(args[1], std::cout, std::cerr);
  }
  if (args[0] == "replay") {
    ontime::ReplayOptions options;
    for (size_t i = 1; i < args.size(); ++i) {
      const std::string& flag = args[i];
      if (i + 1 >= args.size()) return Usage(flag + " needs a value");
      const std::string& value = args[++i];
      if (flag == "--config") {
        options.config_path = value;
      } else if (flag == "--events") {
        options.events_path = value;
      } else if (flag == "--outcomes") {
        options.outcomes_path = value;
      } else if (flag == "--brokers") {
        options.brokers = value;
      } else if (flag == "--topic") {
        options.topic = value;
      } else if (flag == "--aggregates") {
        options.aggregates_path = value;
      } else if (flag == "--open-end") {
        options.open_end = value == "yes";
        if (value != "yes" && value != "no") return Usage("--open-end takes yes or no");
      } else {
        return Usage("unknown option " + flag);
      }
    }
    if (options.config_path.empty() ||
        options.events_path.empty() == (options.brokers.empty() || options.topic.empty())) {
      return Usage("replay needs --config, and --events or --brokers with --topic");
    }
    return ontime::RunReplay(options, std::cout, std::cerr);
  }
  if (args[0] == "state") {
    ontime::StateOptions options;
    for (size_t i = 1; i < args.size(); ++i) {
      const std::string& flag = args[i];
      if (i + 1 >= args.size()) return Usage(flag + " needs a value");
      const std::string& value = args[++i];
      if (flag == "--config") {
        options.config_path = value;
      } else if (flag == "--brokers") {
        options.brokers = value;
      } else if (flag == "--aggregates") {
        options.aggregates_path = value;
      } else {
        return Usage("unknown option " + flag);
      }
    }
    if (options.config_path.empty()) return Usage("state needs --config");
    return ontime::RunState(options, std::cout, std::cerr);
  }
  if (args[0] == "simulate") {
    return ontime::RunSimulate({args.begin() + 1, args.end()}, std::cout, std::cerr);
  }
  return Usage("unknown command " + args[0]);
}

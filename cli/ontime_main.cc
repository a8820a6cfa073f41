// The `ontime` command line: check-config, alertmanager-config, replay, state,
// statement, explain, simulate and hash-password.
#include <atomic>
#include <csignal>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/alertmanager_config_command.h"
#include "cli/check_config_command.h"
#include "cli/hash_password_command.h"
#include "cli/replay_command.h"
#include "cli/simulate_command.h"
#include "cli/collect_command.h"
#include "cli/import_command.h"
#include "cli/state_command.h"
#include "cli/statement_command.h"
#include "kafka/protobuf_logging.h"

namespace {

constexpr std::string_view kUsage =
    "usage:\n"
    "  ontime --help | --version\n"
    "  ontime check-config FILE\n"
    "      Validate a standards file; print each standard in plain words.\n"
    "  ontime alertmanager-config --config FILE [--receivers FILE] [--out FILE]\n"
    "      The Alertmanager configuration for the config's alerts: routes by\n"
    "      service and escalation level, digests, and the services' opening\n"
    "      hours and holidays as time intervals. --receivers: Alertmanager\n"
    "      receivers (YAML) to route to, by name: <service>-<level> or <level>.\n"
    "  ontime hash-password < PASSWORD\n"
    "      The bcrypt hash of the first line of standard input, for\n"
    "      daemon.basic_auth_password_bcrypt.\n"
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
    "  ontime statement --config FILE (--month YYYY-MM | --year YYYY [--evidence yes])\n"
    "                (--brokers HOST:PORT [--topic T] | --events FILE)\n"
    "                [--format md|html|csv|json|all] [--out DIR] [--templates DIR] [--as-of TIME]\n"
    "                [--strict yes|no] [--publish yes|no] [--compare FILE]...\n"
    "      The month's performance statement, from ontimed's durable history in\n"
    "      Kafka (--brokers: the outcomes topic and the checkpoints), or measured\n"
    "      from events (--events, or --topic T; --open-end yes as ontimed holds them).\n"
    "      Each standard's published wording,\n"
    "      the share within it, the trend, year to date, breakdowns, fair\n"
    "      treatment and the dips, counted by the config's statements.count_by.\n"
    "      --as-of: the figures as they stood then (RFC 3339, or a date at 00:00 UTC).\n"
    "      --strict yes refuses a statement with a dip nobody has explained.\n"
    "      --publish yes keeps it in statements.archive: later statements flag\n"
    "      the months revised since.\n"
    "      --year: the organisation's year starting in YYYY (statements.year_starts).\n"
    "      --evidence yes: for the year, what ontime holds as evidence for each\n"
    "      element of CSE criteria 4.1, 4.3.1 and 5.1-5.3 (md or html).\n"
    "      --compare FILE: another organisation's exported statement (JSON) beside\n"
    "      ours, standard by standard where the wording matches; repeat it.\n"
    "  ontime explain --config FILE --standard ID (--day DATE | --week MONDAY)\n"
    "                --explanation TEXT --action TEXT\n"
    "      Record why a standard dipped below target that day or week and what\n"
    "      was done, in the explanations file beside the config.\n"
    "  ontime collect --config FILE [--brokers HOST:PORT] [--once yes]\n"
    "      Follow the config's collectors (collectors: queue_logs:) and produce their\n"
    "      events to Kafka; a source's position is saved once the broker has them.\n"
    "  ontime import --config FILE --mapping FILE --csv FILE [--csv FILE]...\n"
    "                [--brokers HOST:PORT] [--topic T] [--out FILE]\n"
    "      A case system's CSV export as contact events, by the mapping's columns\n"
    "      (deploy/examples/import-boston311.yaml), to Kafka, or as JSON lines with\n"
    "      --out. Rows it cannot read are refused with file:line and reason (exit 65).\n"
    "  ontime simulate (--out FILE | --brokers HOST:PORT [--topic T]) [--format json|protobuf]\n"
    "                [--from DAY] [--days N] [--calls-per-day N] [--seed N]\n"
    "                [--speed-up X | --rate EVENTS_PER_SECOND]\n"
    "      A council's contact traffic; --speed-up paces it at X times real time,\n"
    "      --rate at an even number of events per second.\n";

int Usage(std::string_view problem) {
  std::cerr << "ontime: " << problem << "\n" << kUsage;
  return 64;
}

bool AsksForHelp(std::string_view arg) { return arg == "--help" || arg == "-h"; }

// "--flag value" pairs after the command into `flags`; the problem, or "".
// Takes every `flag VALUE` out of `args` (a flag that repeats, one value
// each time) into *values; returns the rest.
std::vector<std::string> TakeRepeatedFlag(const std::vector<std::string>& args, std::string_view flag,
                                          std::vector<std::string>* values) {
  std::vector<std::string> rest = {args[0]};
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == flag && i + 1 < args.size()) {
      values->push_back(args[++i]);
    } else {
      rest.push_back(args[i]);
    }
  }
  return rest;
}

std::string ReadFlags(const std::vector<std::string>& args, const std::map<std::string, std::string*>& flags) {
  for (size_t i = 1; i < args.size(); i += 2) {
    auto it = flags.find(args[i]);
    if (it == flags.end()) return "unknown option " + args[i];
    if (i + 1 >= args.size()) return args[i] + " needs a value";
    *it->second = args[i + 1];
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  // Warnings (a broker away) on stderr: stdout carries the command's output.
  spdlog::set_default_logger(spdlog::stderr_color_mt("ontime"));
  ontime::RouteProtobufLogsToSpdlog();
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return Usage("which command?");
  // Help anywhere (ontime --help, ontime replay -h) is usage on stdout.
  for (const std::string& arg : args) {
    if (AsksForHelp(arg) || args[0] == "help") {
      std::cout << kUsage;
      return 0;
    }
  }
  if (args[0] == "--version") {
    std::cout << "ontime " << ONTIME_VERSION << " (revision " << ONTIME_REVISION << ")\n";
    return 0;
  }
  if (args[0] == "check-config") {
    if (args.size() != 2) return Usage("check-config takes one file");
    return ontime::RunCheckConfig(args[1], std::cout, std::cerr);
  }
  if (args[0] == "hash-password") {
    if (args.size() != 1) return Usage("hash-password reads the password from standard input");
    return ontime::RunHashPassword(std::cin, std::cout, std::cerr);
  }
  if (args[0] == "replay") {
    ontime::ReplayOptions options;
    std::string open_end = "no";
    if (std::string problem = ReadFlags(args, {{"--config", &options.config_path},
                                               {"--events", &options.events_path},
                                               {"--outcomes", &options.outcomes_path},
                                               {"--brokers", &options.brokers},
                                               {"--topic", &options.topic},
                                               {"--aggregates", &options.aggregates_path},
                                               {"--open-end", &open_end}});
        !problem.empty()) {
      return Usage(problem);
    }
    if (open_end != "yes" && open_end != "no") return Usage("--open-end takes yes or no");
    options.open_end = open_end == "yes";
    if (options.config_path.empty() ||
        options.events_path.empty() == (options.brokers.empty() || options.topic.empty())) {
      return Usage("replay needs --config, and --events or --brokers with --topic");
    }
    return ontime::RunReplay(options, std::cout, std::cerr);
  }
  if (args[0] == "statement") {
    ontime::StatementOptions options;
    std::string strict = "no";
    std::string open_end = "no";
    std::string publish = "no";
    std::string evidence = "no";
    const std::vector<std::string> rest = TakeRepeatedFlag(args, "--compare", &options.compare_paths);
    if (std::string problem = ReadFlags(rest, {{"--config", &options.config_path},
                                               {"--month", &options.month},
                                               {"--year", &options.year},
                                               {"--evidence", &evidence},
                                               {"--events", &options.events_path},
                                               {"--brokers", &options.brokers},
                                               {"--topic", &options.topic},
                                               {"--format", &options.format},
                                               {"--out", &options.out_dir},
                                               {"--templates", &options.templates_dir},
                                               {"--as-of", &options.as_of},
                                               {"--open-end", &open_end},
                                               {"--publish", &publish},
                                               {"--strict", &strict}});
        !problem.empty()) {
      return Usage(problem);
    }
    if (strict != "yes" && strict != "no") return Usage("--strict takes yes or no");
    options.strict = strict == "yes";
    if (open_end != "yes" && open_end != "no") return Usage("--open-end takes yes or no");
    options.open_end = open_end == "yes";
    if (publish != "yes" && publish != "no") return Usage("--publish takes yes or no");
    options.publish = publish == "yes";
    if (evidence != "yes" && evidence != "no") return Usage("--evidence takes yes or no");
    options.evidence = evidence == "yes";
    if (options.config_path.empty() || options.month.empty() == options.year.empty() ||
        options.events_path.empty() == options.brokers.empty()) {
      return Usage("statement needs --config, --month or --year, and --brokers (with --topic for a source topic's "
                   "events) or --events");
    }
    if (options.evidence && options.year.empty()) return Usage("--evidence yes goes with --year");
    if (options.evidence && options.publish) return Usage("--publish keeps statements, not the evidence index");
    return ontime::RunStatement(options, std::cout, std::cerr);
  }
  if (args[0] == "explain") {
    ontime::ExplainOptions options;
    if (std::string problem = ReadFlags(args, {{"--config", &options.config_path},
                                               {"--standard", &options.standard},
                                               {"--day", &options.day},
                                               {"--week", &options.week},
                                               {"--explanation", &options.explanation},
                                               {"--action", &options.action}});
        !problem.empty()) {
      return Usage(problem);
    }
    if (options.config_path.empty() || options.standard.empty()) {
      return Usage("explain needs --config and --standard");
    }
    return ontime::RunExplain(options, std::cout, std::cerr);
  }
  if (args[0] == "alertmanager-config") {
    ontime::AlertmanagerConfigOptions options;
    if (std::string problem = ReadFlags(args, {{"--config", &options.config_path},
                                               {"--receivers", &options.receivers_path},
                                               {"--out", &options.out_path}});
        !problem.empty()) {
      return Usage(problem);
    }
    if (options.config_path.empty()) return Usage("alertmanager-config needs --config");
    return ontime::RunAlertmanagerConfig(options, std::cout, std::cerr);
  }
  if (args[0] == "state") {
    ontime::StateOptions options;
    if (std::string problem = ReadFlags(args, {{"--config", &options.config_path},
                                               {"--brokers", &options.brokers},
                                               {"--aggregates", &options.aggregates_path}});
        !problem.empty()) {
      return Usage(problem);
    }
    if (options.config_path.empty()) return Usage("state needs --config");
    return ontime::RunState(options, std::cout, std::cerr);
  }
  if (args[0] == "collect") {
    ontime::CollectOptions options;
    std::string once = "no";
    if (std::string problem = ReadFlags(args, {{"--config", &options.config_path},
                                               {"--brokers", &options.brokers},
                                               {"--once", &once}});
        !problem.empty()) {
      return Usage(problem);
    }
    if (options.config_path.empty()) return Usage("collect needs --config");
    if (once != "yes" && once != "no") return Usage("--once is yes or no");
    options.once = once == "yes";
    static std::atomic<bool> stop = false;
    std::signal(SIGTERM, [](int) { stop = true; });
    std::signal(SIGINT, [](int) { stop = true; });
    options.stop = &stop;
    return ontime::RunCollect(options, std::cout, std::cerr);
  }
  if (args[0] == "import") {
    ontime::ImportOptions options;
    const std::vector<std::string> rest = TakeRepeatedFlag(args, "--csv", &options.csv_paths);
    if (std::string problem = ReadFlags(rest, {{"--config", &options.config_path},
                                               {"--mapping", &options.mapping_path},
                                               {"--brokers", &options.brokers},
                                               {"--topic", &options.topic},
                                               {"--out", &options.out_path}});
        !problem.empty()) {
      return Usage(problem);
    }
    if (options.config_path.empty() || options.mapping_path.empty() || options.csv_paths.empty()) {
      return Usage("import needs --config, --mapping and at least one --csv");
    }
    return ontime::RunImport(options, std::cout, std::cerr);
  }
  if (args[0] == "simulate") {
    return ontime::RunSimulate({args.begin() + 1, args.end()}, std::cout, std::cerr);
  }
  return Usage("unknown command " + args[0]);
}

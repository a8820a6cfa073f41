// `ontime statement --config FILE --month 2026-10 (--brokers B | --events FILE | --brokers B --topic T)
//                   [--format md|html|csv|json|all] [--out DIR] [--templates DIR] [--as-of TIME]
//                   [--strict yes] [--publish yes]`:
// the month's published performance statement (statements/monthly_statement.h):
// from ontimed's durable history in Kafka (the outcomes topic and the
// checkpoints, cli/statement_sources.h), or measured from the contact events
// exactly as ontimed measures them.
//
// `ontime explain --config FILE --standard ID (--day D | --week MONDAY)
//                 --explanation TEXT --action TEXT`: records why a dip
// happened and what was done, in the explanations file beside the config.
#ifndef ONTIME_CLI_STATEMENT_COMMAND_H_
#define ONTIME_CLI_STATEMENT_COMMAND_H_

#include <iosfwd>
#include <string>
#include <vector>

namespace ontime {

struct StatementOptions {
  std::string config_path;
  std::string month;  // YYYY-MM
  // Or the organisation's year that starts in this year (YYYY): April 2026
  // to March 2027 when statements.year_starts is April.
  std::string year;
  // Other organisations' exported statements (our JSON) to show beside
  // ours, standard by standard where the wording matches.
  std::vector<std::string> compare_paths;
  // With `year`: the assessor's evidence index (CSE 4.1, 4.3.1, 5.1-5.3)
  // instead of the statement.
  bool evidence = false;
  std::string events_path;
  // Alone: the durable history. With `topic`: that source topic's events.
  std::string brokers;
  std::string topic;
  // Events only: the input goes on, as for ontimed (outcomes within the
  // lateness of the newest event stay open, as in ontimed's checkpoints).
  bool open_end = false;
  std::string format = "md";  // md, html, csv, json or all
  // Empty: the one format to standard output. Else files
  // statement-YYYY-MM.<format> (statement-2026-04-to-2027-03.<format> for a
  // year; evidence-... for the evidence) in this folder.
  std::string out_dir;
  // Empty: the built-in templates. Else statement.md.mustache and
  // statement.html.mustache from this folder.
  std::string templates_dir;
  // RFC 3339 ("2026-11-05T09:00:00Z") or a date (its 00:00 UTC): the
  // figures as they stood then; later events are left out. Empty: all.
  std::string as_of;
  // Keep the statement (its JSON) in the archive (statements.archive), so
  // later statements flag the months revised since.
  bool publish = false;
  // Refuse a statement with a dip nobody has explained (for publication).
  bool strict = false;
};

// 0 written; 1 unreadable input or unwritable output; 2 bad config,
// explanations or templates; 3 refused by --strict.
int RunStatement(const StatementOptions& options, std::ostream& out, std::ostream& err);

struct ExplainOptions {
  std::string config_path;
  std::string standard;
  std::string day;
  std::string week;
  std::string explanation;
  std::string action;
};

// 0 recorded; 2 refused (with the reason).
int RunExplain(const ExplainOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ontime

#endif  // ONTIME_CLI_STATEMENT_COMMAND_H_

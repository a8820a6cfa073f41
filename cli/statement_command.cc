#include "cli/statement_command.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "cli/checkpointed_engines.h"
#include "cli/event_replay.h"
#include "cli/statement_sources.h"
#include "config/config_loader.h"
#include "config/dip_explanations.h"
#include "engine/engine.h"
#include "statements/monthly_statement.h"
#include "statements/statement_archive.h"
#include "statements/statement_history.h"
#include "statements/statement_render.h"

namespace ontime {
namespace {

std::vector<std::string> StandardIds(const EngineConfig& config) {
  std::vector<std::string> ids;
  for (const Standard& s : config.standards) ids.push_back(s.id);
  return ids;
}

// A path the config names, relative to the config file's folder.
std::filesystem::path PathBeside(const std::string& config_path, const std::string& name) {
  const std::filesystem::path path(name);
  return path.is_absolute() ? path : std::filesystem::path(config_path).parent_path() / path;
}

bool ReadWholeFile(const std::filesystem::path& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  *text = buffer.str();
  return true;
}

absl::StatusOr<PublishedStatement> ReadPublishedStatement(const std::filesystem::path& path) {
  std::string text;
  if (!ReadWholeFile(path, &text)) return absl::NotFoundError("cannot read it");
  return ParsePublishedStatement(text);
}

}  // namespace

int RunStatement(const StatementOptions& options, std::ostream& out, std::ostream& err) {
  absl::CivilMonth month;
  absl::CivilYear year;
  if (!options.month.empty() && !absl::ParseCivilTime(options.month, &month)) {
    err << "--month \"" << options.month << "\" is not a month; write it as 2026-10\n";
    return 2;
  }
  if (!options.year.empty() && !absl::ParseCivilTime(options.year, &year)) {
    err << "--year \"" << options.year << "\" is not a year; write it as 2026\n";
    return 2;
  }
  std::vector<StatementFormat> formats;
  if (options.format == "all") {
    formats = {StatementFormat::kMarkdown, StatementFormat::kHtml, StatementFormat::kCsv, StatementFormat::kJson};
  } else if (StatementFormat f; ParseStatementFormat(options.format, &f)) {
    formats = {f};
  } else {
    err << "--format \"" << options.format << "\" is unknown; formats are md, html, csv, json and all\n";
    return 2;
  }
  if (options.evidence) {
    // The evidence index is a document for people: Markdown or HTML.
    std::erase_if(formats, [](StatementFormat f) { return f == StatementFormat::kCsv || f == StatementFormat::kJson; });
    if (formats.empty()) {
      err << "--evidence yes is written as md or html (or all: both)\n";
      return 2;
    }
  }
  if (formats.size() > 1 && options.out_dir.empty()) {
    err << "--format all writes several files: give --out DIR\n";
    return 2;
  }
  std::optional<LoadedConfig> config = LoadConfigForEngines(options.config_path, err);
  if (!config) return 2;
  LoadedConfig& loaded_config = *config;
  const StatementSettings& settings = loaded_config.statements;
  const StatementPeriod period = options.year.empty() ? StatementPeriod{.first = month, .months = 1}
                                                      : OrganisationYear(year.year(), settings.year_starts);
  const DipExplanations explanations = LoadDipExplanations(
      DipExplanationsPath(options.config_path, settings.explanations), StandardIds(loaded_config.engine));
  if (!explanations.ok()) {
    for (const ConfigError& e : explanations.errors) err << e.ToString() << "\n";
    return 2;
  }
  StatementTemplates templates = StatementTemplates::BuiltIn();
  if (!options.templates_dir.empty()) {
    for (auto [name, text] : {std::pair{"statement.md.mustache", &templates.markdown},
                              {"statement.html.mustache", &templates.html},
                              {"evidence.md.mustache", &templates.evidence_markdown},
                              {"evidence.html.mustache", &templates.evidence_html}}) {
      const std::filesystem::path path = std::filesystem::path(options.templates_dir) / name;
      if (std::filesystem::exists(path) && !ReadWholeFile(path, text)) {
        err << "cannot read " << path.string() << "\n";
        return 2;
      }
    }
  }

  absl::Time as_of = absl::InfiniteFuture();
  if (!options.as_of.empty()) {
    std::string problem;
    absl::CivilDay day;
    if (absl::ParseCivilTime(options.as_of, &day)) {
      as_of = absl::FromCivil(day, absl::UTCTimeZone());
    } else if (!absl::ParseTime(absl::RFC3339_full, options.as_of, &as_of, &problem)) {
      err << "--as-of \"" << options.as_of << "\" is not a time; write 2026-11-05T09:00:00Z or 2026-11-05\n";
      return 2;
    }
  }

  StatementHistory history;
  absl::Time figures_at;
  if (!options.brokers.empty() && options.topic.empty()) {
    // ontimed's durable history: the outcomes topic with the checkpoints.
    RuntimeSettings& runtime = loaded_config.runtime;
    runtime.kafka["bootstrap.servers"] = options.brokers;
    absl::StatusOr<CheckpointedEngines> checkpointed = LoadCheckpointedEngines(runtime, loaded_config.engine);
    if (!checkpointed.ok()) {
      err << checkpointed.status().message() << "\n";
      return 1;
    }
    figures_at = as_of == absl::InfiniteFuture() ? absl::Now() : as_of;
    DurableHistoryCounts counts;
    if (absl::Status s = ReadDurableHistory(runtime, loaded_config.engine, *checkpointed, figures_at, &history, &counts);
        !s.ok()) {
      err << s.message() << "\n";
      return 1;
    }
    err << counts.taken << " outcomes from " << runtime.ingest.outcomes_topic << " (" << counts.duplicates
        << " written twice, " << counts.not_yet_checkpointed << " not yet checkpointed, " << counts.unreadable
        << " unreadable, " << counts.other_standards << " of standards no longer configured), "
        << checkpointed->engines.size() << " checkpointed partitions";
    if (!checkpointed->without_checkpoint.empty()) {
      err << "; " << checkpointed->without_checkpoint.size() << " partitions have no checkpoint yet";
    }
    err << "\n";
  } else {
    EventReplay replay(loaded_config.engine, [&history](const Engine& engine, const Outcome& outcome) {
      AddEngineOutcome(engine, outcome, &history);
    });
    replay.StopAt(as_of);
    if (absl::Status read = ReadEvents(
            {.events_path = options.events_path, .brokers = options.brokers, .topic = options.topic},
            loaded_config.runtime.ingest, replay, err);
        !read.ok()) {
      err << read.message() << "\n";
      return 1;
    }
    replay.Finish(options.open_end, err);
    // The figures are as of the newest event (or --as-of): a contact still
    // open then is overdue when its deadline had passed by that instant.
    figures_at = as_of == absl::InfiniteFuture() ? replay.NewestEventTime() : as_of;
    replay.AdvanceAllTo(figures_at);
    for (const auto& [partition, engine] : replay.engines()) AddOpenEpisodes(*engine, &history);
  }

  // What was published before: the latest of each month, to flag revisions.
  const std::filesystem::path archive = PathBeside(options.config_path, settings.archive);
  std::vector<PublishedStatement> published;
  if (std::filesystem::is_directory(archive)) {
    for (const auto& entry : std::filesystem::directory_iterator(archive)) {
      const std::string name = entry.path().filename().string();
      if (!name.starts_with("statement-") || !name.ends_with(".json")) continue;
      absl::StatusOr<PublishedStatement> one = ReadPublishedStatement(entry.path());
      if (!one.ok()) {
        err << entry.path().string() << ": " << one.status().message() << "\n";
        return 2;
      }
      published.push_back(std::move(*one));
    }
  }
  // Other organisations' statements of the same period, to compare with.
  std::vector<PublishedStatement> compare_with;
  for (const std::string& path : options.compare_paths) {
    absl::StatusOr<PublishedStatement> other = ReadPublishedStatement(path);
    if (!other.ok()) {
      err << path << ": " << other.status().message() << "\n";
      return 2;
    }
    if (other->period != period) {
      err << path << ": its statement is for " << PeriodInWords(other->period) << ", this one for "
          << PeriodInWords(period) << "\n";
      return 2;
    }
    compare_with.push_back(std::move(*other));
  }
  const absl::Time made_at = absl::Now();
  const Statement statement =
      ComposeStatement(loaded_config.engine.standards, history, explanations,
                       {.period = period,
                        .settings = settings,
                        .figures_at = figures_at,
                        .published = published,
                        .made_at = made_at,
                        .compare_with = std::move(compare_with),
                        .today_starts = {}});
  if (options.strict && statement.unexplained_dips() > 0) {
    err << "refused (--strict): " << statement.unexplained_dips() << " dips " << DuringPeriod(period)
        << " have no explanation; record each with `ontime explain` (they are listed in the statement)\n";
    for (const StandardStatement& s : statement.standards) {
      for (const Dip& dip : s.dips) {
        if (dip.explanation) continue;
        err << "  " << s.standard.id << " " << (dip.period == PeriodKind::kDay ? "day " : "week ")
            << absl::FormatCivilTime(dip.start) << "\n";
      }
    }
    return 3;
  }
  const EvidenceIndex evidence =
      options.evidence ? ComposeEvidence(statement, {.publications = published,
                                                     .alerts_configured = loaded_config.alerts.enabled()})
                       : EvidenceIndex{};
  for (StatementFormat format : formats) {
    absl::StatusOr<std::string> text = options.evidence ? RenderEvidence(evidence, format, templates)
                                                        : RenderStatement(statement, format, templates);
    if (!text.ok()) {
      err << text.status().message() << "\n";
      return 2;
    }
    if (options.out_dir.empty()) {
      out << *text;
      continue;
    }
    std::error_code ec;
    std::filesystem::create_directories(options.out_dir, ec);
    const std::filesystem::path path = std::filesystem::path(options.out_dir) /
                                       absl::StrCat(options.evidence ? "evidence-" : "statement-", PeriodSlug(period), ".",
                                                    std::string(StatementFormatName(format)));
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!(file << *text) || !file.flush()) {
      err << "cannot write " << path.string() << "\n";
      return 1;
    }
    out << "wrote " << path.string() << "\n";
  }
  if (options.publish && !options.evidence) {
    std::error_code ec;
    std::filesystem::create_directories(archive, ec);
    const std::filesystem::path path = archive / ArchiveFileName(period, made_at);
    absl::StatusOr<std::string> json = RenderStatement(statement, StatementFormat::kJson, templates);
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!json.ok() || !(file << *json) || !file.flush()) {
      err << "cannot keep the statement in " << path.string() << "\n";
      return 1;
    }
    out << "published: kept in " << path.string() << "\n";
  }
  if (statement.unexplained_dips() > 0) {
    err << statement.unexplained_dips() << " dips have no explanation yet (`ontime explain`)\n";
  }
  return 0;
}

int RunExplain(const ExplainOptions& options, std::ostream& out, std::ostream& err) {
  ConfigResult loaded = LoadConfigFile(options.config_path);
  if (!loaded.ok()) {
    for (const ConfigError& e : loaded.errors) err << e.ToString() << "\n";
    return 2;
  }
  const std::vector<std::string> ids = StandardIds(loaded.config.engine);
  const std::string path = DipExplanationsPath(options.config_path, loaded.config.statements.explanations);
  DipExplanations existing = LoadDipExplanations(path, ids);
  if (!existing.ok()) {
    for (const ConfigError& e : existing.errors) err << e.ToString() << "\n";
    err << "fix " << path << " before adding to it\n";
    return 2;
  }
  if (options.explanation.empty() || options.action.empty()) {
    err << "explain needs --explanation (what caused the dip) and --action (what was done about it)\n";
    return 2;
  }
  if (options.day.empty() == options.week.empty()) {
    err << "explain needs --day DATE or --week MONDAY (one of them)\n";
    return 2;
  }
  DipExplanation entry{.standard = options.standard,
                       .period = options.day.empty() ? PeriodKind::kWeek : PeriodKind::kDay,
                       .start = {},
                       .explanation = options.explanation,
                       .action = options.action};
  if (!absl::ParseCivilTime(options.day.empty() ? options.week : options.day, &entry.start)) {
    err << "\"" << (options.day.empty() ? options.week : options.day) << "\" is not a date; write it as 2026-10-14\n";
    return 2;
  }
  // The entry must read back as valid on its own and beside the others:
  // the same checks as the statement makes (standard known, a Monday for a
  // week, both texts, not explained twice).
  std::string existing_text;
  ReadWholeFile(path, &existing_text);
  if (!existing_text.empty() && existing_text.back() != '\n') existing_text += '\n';
  const std::string entry_text = DipExplanationYaml(entry);
  const DipExplanations after = ParseDipExplanations(existing_text + entry_text, path, ids);
  if (!after.ok()) {
    for (const ConfigError& e : after.errors) err << e.reason << "\n";
    return 2;
  }
  // Written whole to a new file and renamed over the old: a crash leaves
  // either the old explanations or the new, never half an entry.
  const std::string temporary = path + ".new";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (!(file << existing_text << entry_text) || !file.flush()) {
      err << "cannot write " << temporary << "\n";
      return 1;
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    err << "cannot replace " << path << ": " << ec.message() << "\n";
    return 1;
  }
  out << "recorded in " << path << "\n";
  return 0;
}

}  // namespace ontime

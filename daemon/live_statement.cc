#include "daemon/live_statement.h"

#include <spdlog/spdlog.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "statements/monthly_statement.h"
#include "statements/statement_history.h"
#include "statements/statement_render.h"

namespace ontime {
namespace {

// A page read keeps it fresh this long, rebuilt this often; unwatched it is
// rebuilt every minute, so the first look is never older than that.
constexpr absl::Duration kWatchedFor = absl::Minutes(5);
constexpr absl::Duration kRebuildWatchedEvery = absl::Seconds(5);
constexpr absl::Duration kRebuildEvery = absl::Minutes(1);

}  // namespace

void LiveStatement::Configure(const LoadedConfig& config) {
  engine_ = config.engine;
  settings_ = config.statements;
  // The live page counts what the engines count: decisions.
  settings_.count_by = Cohort::kDecision;
  std::vector<std::string> ids;
  for (const Standard& s : engine_.standards) ids.push_back(s.id);
  explanations_ = LoadDipExplanations(DipExplanationsPath(config_path_, config.statements.explanations), ids);
  for (const ConfigError& e : explanations_.errors) spdlog::error("{}", e.ToString());
  if (!explanations_.ok()) {
    spdlog::error("the dip explanations have errors: the live statement shows every dip as unexplained");
    explanations_ = {};
  }
  stale_ = true;
}

bool LiveStatement::Due() const {
  if (stale_) return true;
  const absl::Time now = absl::Now();
  const absl::Time wanted = absl::FromUnixSeconds(wanted_at_unix_.load(std::memory_order_relaxed));
  const absl::Duration age = now - built_at_;
  return age >= kRebuildEvery || (now - wanted < kWatchedFor && age >= kRebuildWatchedEvery);
}

void LiveStatement::Refresh(absl::Time now, absl::Time figures_at, bool partial,
                            const std::function<Figures()>& figures) {
  if (!Due()) return;
  const StatementHistory history = HistoryFromAggregates(figures().aggregates());
  const ToDateStarts starts = StartsAt(engine_, now);
  const absl::CivilMonth month(absl::CivilSecond(1970, 1, 1) + (starts.month.empty() ? 0 : starts.month[0]));
  StatementRequest request{.period = {.first = month, .months = 1}, .settings = settings_, .figures_at = figures_at, .published = {}, .made_at = absl::Now(), .compare_with = {}, .today_starts = starts.day};
  Statement statement = ComposeStatement(engine_.standards, history, explanations_, request);
  if (partial) {
    statement.organisation = absl::StrCat(statement.organisation.empty() ? "" : statement.organisation + ", ",
                                          "the partitions this instance holds");
  }
  absl::StatusOr<std::string> html = RenderStatement(statement, StatementFormat::kHtml, StatementTemplates::BuiltIn());
  if (!html.ok()) {
    spdlog::error("the live statement: {}", std::string(html.status().message()));
    return;
  }
  auto page = std::make_shared<const std::string>(std::move(*html));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    page_.swap(page);
  }
  built_at_ = absl::Now();
  stale_ = false;
}

HttpReply LiveStatement::Serve() {
  wanted_at_unix_.store(absl::ToUnixSeconds(absl::Now()), std::memory_order_relaxed);
  std::shared_ptr<const std::string> page;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    page = page_;
  }
  if (!page) return {503, "text/plain; charset=utf-8", "the statement is being prepared; reload in a few seconds\n"};
  return {200, "text/html; charset=utf-8", *page};
}

}  // namespace ontime

// ontimed's page at "/": the month so far and today per standard against
// target, with the month's dips, as a statement (statements/) from the same
// HTML template `ontime statement` uses. Contacts count by the period their
// outcome was decided in (the engines' live aggregates), so the page agrees
// with the dashboards; the published statement may count by receipt.
//
// Built on the event loop every few seconds while someone is looking (a
// page read in the last five minutes), else every minute, and at once after
// a start or reload; served from the HTTP thread as the last page built.
#ifndef ONTIME_DAEMON_LIVE_STATEMENT_H_
#define ONTIME_DAEMON_LIVE_STATEMENT_H_

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "absl/time/time.h"
#include "config/config_loader.h"
#include "config/dip_explanations.h"
#include "daemon/http_server.h"
#include "engine/figures.h"

namespace ontime {

class LiveStatement {
 public:
  explicit LiveStatement(std::string config_path) : config_path_(std::move(config_path)) {}

  // At start and on reload: the standards, statement settings and the
  // explanations file beside the config (errors logged, none used).
  void Configure(const LoadedConfig& config);
  // On the loop. `now`: the daemon's clock (the month and the day shown).
  // `figures` is called only when a page is due (it copies every engine's
  // aggregates). `partial`: this instance holds only some of the
  // partitions, and the page says so.
  void Refresh(absl::Time now, absl::Time figures_at, bool partial, const std::function<Figures()>& figures);
  // Never built, reconfigured, a minute old, or read lately and a few
  // seconds old (by the wall clock: how long ago someone looked).
  bool Due() const;
  // Any thread.
  HttpReply Serve();

 private:
  std::string config_path_;
  EngineConfig engine_;
  StatementSettings settings_;
  DipExplanations explanations_;
  bool stale_ = true;
  absl::Time built_at_ = absl::InfinitePast();
  std::atomic<int64_t> wanted_at_unix_ = 0;

  mutable std::mutex mutex_;
  std::shared_ptr<const std::string> page_;
};

}  // namespace ontime

#endif  // ONTIME_DAEMON_LIVE_STATEMENT_H_

// ontimed: the long-running daemon. One Asio loop owns everything: the
// Kafka consumer (woken by librdkafka, never polling idle), the timers
// (signals, checkpoints, the live line), the signals (SIGTERM drains,
// SIGHUP reloads the standards) and, with the embedded default, the
// in-process Kafka and the simulator feeding it.
#ifndef ONTIME_DAEMON_ONTIMED_H_
#define ONTIME_DAEMON_ONTIMED_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "config/config_loader.h"
#include "daemon/alert_deliverer.h"
#include "daemon/checkpoint_writer.h"
#include "daemon/daemon_clock.h"
#include "daemon/embedded_kafka.h"
#include "daemon/http_server.h"
#include "daemon/ingest_pipeline.h"
#include "daemon/live_statement.h"
#include "daemon/service_notifier.h"
#include "daemon/simulated_feed.h"
#include "intake/collector_worker.h"
#include "intake/http_intake.h"
#include "kafka/checkpoint_store.h"
#include "kafka/kafka_group_consumer.h"
#include "kafka/kafka_producer.h"
#include "metrics/label_values.h"
#include "metrics/metrics_board.h"

namespace ontime {

// The consumer's group.instance.id for static membership, if any (see
// IngestSettings::static_membership).
std::optional<std::string> GroupInstanceId(const RuntimeSettings& settings);

struct OntimedOptions {
  // The day the embedded simulator takes as today (its default first day is
  // the first weekday of the month before). Unset: the real date.
  std::optional<absl::CivilDay> today;
};

class Ontimed {
 public:
  Ontimed(std::string config_path, LoadedConfig config, std::ostream& live_out, OntimedOptions options = {});
  ~Ontimed();

  // Runs until SIGTERM/SIGINT (exit 0 after a clean drain) or a fatal
  // error (non-zero).
  int Run();

 private:
  absl::Status Start();
  absl::Status StartEmbeddedKafka();
  void Every(boost::asio::steady_timer& timer, absl::Duration period, std::function<void()> work);
  void WaitForSignals();
  void Checkpoint();
  void PrintLiveLine();
  // "12 records, 3 contacts open, 12 partitions, lag 0": the live line's
  // head and the service manager's STATUS.
  std::string LiveSummary(const Figures& figures);
  // The page at "/", when due (see LiveStatement).
  void RefreshStatement();
  // The HTTP intake's route on the listener, when the config has one.
  absl::Status StartIntake(const RuntimeSettings& settings);
  absl::Status StartDeliverers(const std::map<std::string, std::string>& consumer_settings);
  // "; alerts firing: 3 at risk, 1 overdue", or nothing with alerts off.
  std::string AlertsInWords(const Figures& figures) const;
  // Rebuilds the metrics a scrape reads, and swaps them in.
  void PublishMetrics();
  HttpReply Serve(std::string_view path, std::string_view accept);
  void Reload();
  // After a reload: basic auth applied, the rest named if it needs a restart.
  void ApplyReloadedDaemonSettings(const RuntimeSettings& reloaded);
  void Shutdown(int exit_code);
  bool ready() const;
  // Records behind the end of each assigned partition.
  std::map<TopicPartition, int64_t> LagByPartition() const;

  std::string config_path_;
  LoadedConfig config_;
  OntimedOptions options_;
  std::ostream& live_out_;
  boost::asio::io_context io_;
  boost::asio::signal_set stop_signals_;
  boost::asio::signal_set reload_signal_;
  boost::asio::steady_timer advance_timer_;
  boost::asio::steady_timer checkpoint_timer_;
  boost::asio::steady_timer live_line_timer_;
  boost::asio::steady_timer producer_timer_;
  boost::asio::steady_timer metrics_timer_;
  boost::asio::steady_timer trim_timer_;
  boost::asio::steady_timer statement_timer_;
  boost::asio::steady_timer watchdog_timer_;

  DaemonClock clock_ = DaemonClock::Wall();
  std::unique_ptr<EmbeddedKafka> embedded_;
  KafkaProducer producer_;
  std::unique_ptr<CheckpointStore> store_;
  std::unique_ptr<IngestPipeline> pipeline_;
  // After the pipeline, so it goes first: its last saves call back into
  // the pipeline.
  std::unique_ptr<CheckpointWriter> writer_;
  std::unique_ptr<KafkaGroupConsumer> consumer_;
  std::unique_ptr<SimulatedFeed> feed_;
  std::unique_ptr<HttpServer> http_;
  // Alertmanager, webhook: each reads the alerts topic as its own group.
  std::vector<std::unique_ptr<AlertDeliverer>> deliverers_;
  // The config's collectors (a queue_log followed), on a thread of their own.
  std::unique_ptr<CollectorWorker> collectors_;
  // Events POSTed to the listener (collectors: http:), with a producer of
  // their own; after http_, so they go first (their answers are posted to
  // its loop).
  std::unique_ptr<KafkaProducer> intake_producer_;
  std::unique_ptr<HttpIntake> intake_;
  // Partitions of the source topics, summed (0: not known).
  size_t source_partitions_ = 0;

  // Shared with the HTTP thread: a finished snapshot and the readiness.
  MetricsBoard board_;
  LiveStatement statement_{config_path_};
  // The label values the metrics may show, for every partition alike.
  LabelValues label_values_;
  size_t services_refused_said_ = 0;
  size_t groups_refused_said_ = 0;
  std::atomic<bool> ready_now_{false};
  // systemd (Type=notify): READY once first ready, STATUS, reloads, the
  // drain, and the watchdog from the loop.
  ServiceNotifier notifier_ = ServiceNotifier::FromEnvironment();
  bool told_ready_ = false;
  bool stopping_ = false;
  int exit_code_ = 0;
  bool config_reload_successful_ = true;
  absl::Time config_reload_success_ = absl::InfinitePast();
};

}  // namespace ontime

#endif  // ONTIME_DAEMON_ONTIMED_H_

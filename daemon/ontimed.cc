#include "daemon/ontimed.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "alerts/alert_book.h"
#include "alerts/webhook_outbox.h"
#include "kafka/kafka_admin.h"
#include "metrics/metrics_exposition.h"
#include "statements/live_report.h"

namespace ontime {
namespace {

// Freed memory goes back to the system this often (see
// CheckpointWriter::ReleaseFreedMemory); a trim of a few hundred MB of heap
// takes milliseconds, on the writer's thread.
constexpr absl::Duration kReleaseFreedMemoryEvery = absl::Seconds(10);

std::chrono::milliseconds ToChrono(absl::Duration d) {
  return std::chrono::milliseconds(absl::ToInt64Milliseconds(d));
}

std::string WriterName() {
  char host[256] = "unknown";
  gethostname(host, sizeof host - 1);
  return absl::StrCat(host, ":", getpid());
}

}  // namespace

std::optional<std::string> GroupInstanceId(const RuntimeSettings& settings) {
  if (!settings.ingest.static_membership || settings.embedded()) return std::nullopt;
  if (auto it = settings.kafka.find("group.instance.id"); it != settings.kafka.end()) {
    if (it->second.empty()) return std::nullopt;
    return it->second;
  }
  const std::string& listen = settings.daemon.listen;
  const std::string port = listen.substr(listen.rfind(':') + 1);
  if (port.empty() || port == "0") return std::nullopt;
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') return std::nullopt;
  return absl::StrCat(host, "-", port);
}

Ontimed::Ontimed(std::string config_path, LoadedConfig config, std::ostream& live_out, OntimedOptions options)
    : config_path_(std::move(config_path)),
      config_(std::move(config)),
      options_(std::move(options)),
      live_out_(live_out),
      stop_signals_(io_, SIGTERM, SIGINT),
      reload_signal_(io_, SIGHUP),
      advance_timer_(io_),
      checkpoint_timer_(io_),
      live_line_timer_(io_),
      producer_timer_(io_),
      metrics_timer_(io_),
      trim_timer_(io_),
      statement_timer_(io_),
      watchdog_timer_(io_) {}

Ontimed::~Ontimed() = default;

absl::Status Ontimed::StartEmbeddedKafka() {
  const RuntimeSettings& settings = config_.runtime;
  std::vector<EmbeddedKafka::Topic> topics;
  const int partitions = settings.simulator.partitions;
  for (const TopicSettings& topic : settings.ingest.topics) topics.push_back({topic.name, partitions});
  topics.push_back({settings.ingest.state_topic, partitions});
  topics.push_back({settings.ingest.dead_letter_topic, 1});
  if (config_.alerts.enabled()) topics.push_back({config_.alerts.topic, 1});
  absl::StatusOr<std::unique_ptr<EmbeddedKafka>> kafka = EmbeddedKafka::Start(3, topics);
  if (!kafka.ok()) return kafka.status();
  embedded_ = std::move(*kafka);
  config_.runtime.kafka["bootstrap.servers"] = embedded_->bootstrap_servers();
  spdlog::info("embedded Kafka (librdkafka mock cluster) at {}; its data lives in memory only",
               embedded_->bootstrap_servers());
  return absl::OkStatus();
}

absl::Status Ontimed::Start() {
  RuntimeSettings& settings = config_.runtime;
  config_reload_success_ = absl::Now();  // loaded by main() just now
  if (settings.embedded()) {
    if (absl::Status s = StartEmbeddedKafka(); !s.ok()) return s;
  }
  if (settings.simulator.enabled) {
    absl::TimeZone zone;
    absl::LoadTimeZone(settings.simulator.time_zone, &zone);
    const absl::CivilDay today = options_.today.value_or(absl::ToCivilDay(absl::Now(), zone));
    SimulationOptions options;
    options.first_day = settings.simulator.start.value_or(DemoFirstDay(today));
    options.time_zone = settings.simulator.time_zone;
    options.calls_per_weekday = settings.simulator.calls_per_weekday;
    options.seed = settings.simulator.seed;
    LiveTraffic traffic(options);
    clock_ = DaemonClock::Simulated(DemoClockStart(options.first_day, zone), settings.simulator.speed_up);
    feed_ = std::make_unique<SimulatedFeed>(io_, &clock_, std::move(traffic), settings.ingest.topics.front());
    spdlog::info("simulating the council's contacts from {} 08:00 at {}x real time",
                 absl::FormatCivilTime(options.first_day),
                 settings.simulator.speed_up);
  }

  std::map<std::string, std::string> producer_settings = settings.kafka;
  producer_settings.emplace("compression.type", "lz4");
  if (absl::Status s = producer_.Open(producer_settings); !s.ok()) return s;
  int partitions = 0;
  for (const TopicSettings& topic : settings.ingest.topics) {
    absl::StatusOr<int> count = CountPartitions(settings.kafka, topic.name, absl::Seconds(30));
    if (!count.ok()) return count.status();
    partitions = std::max(partitions, *count);
    source_partitions_ += static_cast<size_t>(std::max(*count, 0));
  }
  // Source topics not created yet: their partitions share the state
  // topic's 12 by modulo.
  if (partitions <= 0) partitions = 12;
  store_ = std::make_unique<CheckpointStore>(&producer_, settings.kafka, settings.ingest.state_topic,
                                             WriterName());
  if (absl::Status s = store_->Prepare(partitions); !s.ok()) return s;
  absl::StatusOr<int> dead_letters =
      EnsureTopic(settings.kafka, settings.ingest.dead_letter_topic, 1, {}, absl::Seconds(30));
  if (!dead_letters.ok()) return dead_letters.status();
  if (!settings.ingest.outcomes_topic.empty()) {
    // Compacted by identity: an outcome written again after a crash is the
    // same record. Kept for good (no deletion): statements read years back.
    absl::StatusOr<int> outcomes = EnsureTopic(settings.kafka, settings.ingest.outcomes_topic, partitions,
                                               {{"cleanup.policy", "compact"}}, absl::Seconds(30));
    if (!outcomes.ok()) return outcomes.status();
  }
  if (config_.alerts.enabled()) {
    // Compacted by identity: the newest state of every alert stays, and an
    // ended one goes with its tombstone, a week on (min.compaction.lag.ms:
    // any deliverer less than a week behind reads the ending first;
    // delete.retention.ms: the tombstone itself is kept a day). One
    // partition keeps all alerts in the order they were written.
    absl::StatusOr<int> alerts = EnsureTopic(settings.kafka, config_.alerts.topic, 1,
                                             {{"cleanup.policy", "compact"},
                                              {"min.compaction.lag.ms", "604800000"},
                                              {"delete.retention.ms", "86400000"}},
                                             absl::Seconds(30));
    if (!alerts.ok()) return alerts.status();
  }

  label_values_ = LabelValues(settings.daemon, config_.engine);
  writer_ = std::make_unique<CheckpointWriter>(store_.get(), &producer_);
  IngestPipeline::Hooks hooks;
  hooks.clock = [this] { return clock_.Now(); };
  hooks.post = [this](std::function<void()> work) { boost::asio::post(io_, std::move(work)); };
  // Committed offsets follow checkpoints, for monitoring tools; positions
  // come from the checkpoints themselves.
  hooks.on_saved = [this](const TopicPartition& tp, int64_t next_offset) {
    consumer_->Commit({{tp, next_offset}});
  };
  hooks.seek = [this](const TopicPartition& tp, int64_t offset) { consumer_->Seek(tp, offset); };
  // Alerts name services as the metrics do: never a value outside the labels.
  hooks.service_label = [this](const std::string& service) { return label_values_.Service(service); };
  // Dips are judged only by an instance that sees every outcome.
  hooks.owns_all_partitions = [this] {
    return source_partitions_ > 0 && pipeline_->partitions() == source_partitions_;
  };
  pipeline_ = std::make_unique<IngestPipeline>(config_.engine, settings.ingest, config_.alerts, store_.get(),
                                               writer_.get(), &producer_, std::move(hooks));
  GroupConsumerCallbacks callbacks;
  callbacks.on_assigned = [this](const TopicPartition& tp) { return pipeline_->Assign(tp); };
  callbacks.on_revoked = [this](const TopicPartition& tp, bool lost) { pipeline_->Revoke(tp, lost); };
  callbacks.on_record = [this](const KafkaRecord& record) { pipeline_->Consume(record); };
  callbacks.on_batch_end = [this] { pipeline_->BatchEnd(); };
  callbacks.on_fatal = [this](const absl::Status& status) {
    spdlog::critical("{}", std::string(status.message()));
    boost::asio::post(io_, [this] { Shutdown(1); });
  };
  std::vector<std::string> topics;
  for (const TopicSettings& topic : settings.ingest.topics) topics.push_back(topic.name);
  std::map<std::string, std::string> consumer_settings = settings.kafka;
  // group.instance.id: "" in the config turns static membership off.
  if (auto it = consumer_settings.find("group.instance.id"); it != consumer_settings.end() && it->second.empty()) {
    consumer_settings.erase(it);
  }
  // The embedded Kafka was started above, so bootstrap.servers no longer
  // says "embedded": ask the daemon, not the settings.
  if (std::optional<std::string> instance = embedded_ ? std::nullopt : GroupInstanceId(settings)) {
    consumer_settings["group.instance.id"] = *instance;
    spdlog::info("static group membership as {}: a restart gets its partitions straight back", *instance);
  }
  consumer_ = std::make_unique<KafkaGroupConsumer>(io_, consumer_settings, settings.ingest.group, topics,
                                                   std::move(callbacks));
  if (absl::Status s = consumer_->Start(); !s.ok()) return s;
  if (feed_) {
    if (absl::Status s = feed_->Start(settings.kafka); !s.ok()) return s;
  }
  if (absl::Status s = StartDeliverers(consumer_settings); !s.ok()) return s;
  if (!config_.collectors.queue_logs.empty()) {
    collectors_ = std::make_unique<CollectorWorker>([](const std::string& problem) {
      spdlog::warn("collectors: {}", problem);
    });
    if (absl::Status s = collectors_->Open(settings.kafka, config_.collectors, settings.ingest); !s.ok()) return s;
    collectors_->Start();
    spdlog::info("collecting from {} queue log(s)", config_.collectors.queue_logs.size());
  }

  Every(advance_timer_, absl::Seconds(1), [this] { pipeline_->Advance(); });
  Every(checkpoint_timer_, settings.ingest.checkpoint_every, [this] { Checkpoint(); });
  Every(producer_timer_, absl::Milliseconds(100), [this] { producer_.Poll(); });
  Every(trim_timer_, kReleaseFreedMemoryEvery, [this] { writer_->ReleaseFreedMemory(); });
  PublishMetrics();
  http_ = std::make_unique<HttpServer>(settings.daemon, [this](std::string_view path, std::string_view accept) {
    return Serve(path, accept);
  });
  if (absl::Status s = StartIntake(settings); !s.ok()) return s;
  if (absl::Status s = http_->Start(); !s.ok()) return s;
  live_out_ << "ontimed: the month's statement at " << http_->url() << "/, metrics at " << http_->url()
            << "/metrics, health at " << http_->url() << "/-/healthy and /-/ready" << std::endl;
  statement_.Configure(config_);
  Every(statement_timer_, absl::Seconds(1), [this] { RefreshStatement(); });
  Every(metrics_timer_, settings.daemon.metrics_every, [this] { PublishMetrics(); });
  if (settings.daemon.live_line_every > absl::ZeroDuration()) {
    Every(live_line_timer_, settings.daemon.live_line_every, [this] { PrintLiveLine(); });
  }
  // Pinged from this loop: if the loop is stuck, the pings stop and the
  // service manager restarts ontimed.
  if (const std::optional<absl::Duration> every = notifier_.watchdog_every()) {
    notifier_.Watchdog();
    Every(watchdog_timer_, *every, [this] { notifier_.Watchdog(); });
  }
  WaitForSignals();
  return absl::OkStatus();
}

absl::Status Ontimed::StartIntake(const RuntimeSettings& settings) {
  if (!config_.collectors.http) return absl::OkStatus();
  const HttpIntakeSettings& intake = *config_.collectors.http;
  absl::StatusOr<IntakeAuth> auth = IntakeAuth::Create(intake);
  if (!auth.ok()) return absl::InvalidArgumentError(absl::StrCat("collectors: http: ", auth.status().message()));
  std::map<std::string, std::string> producer_settings = settings.kafka;
  if (!producer_settings.count("client.id")) producer_settings["client.id"] = "ontime-intake";
  // A request waits for its events' acknowledgement: they are sent at once
  // (a request is a batch already), not held the producer's usual 20 ms.
  if (!producer_settings.count("linger.ms")) producer_settings["linger.ms"] = "1";
  intake_producer_ = std::make_unique<KafkaProducer>();
  if (absl::Status s = intake_producer_->Open(producer_settings); !s.ok()) return s;
  std::vector<IntakeAuth> webhook_auth;
  for (const IntakeWebhookSettings& hook : intake.webhooks) {
    absl::StatusOr<IntakeAuth> a = IntakeAuth::Create(hook, intake);
    if (!a.ok()) return absl::InvalidArgumentError(absl::StrCat("webhook ", hook.name, ": ", a.status().message()));
    webhook_auth.push_back(*std::move(a));
  }
  intake_ = std::make_unique<HttpIntake>(intake, settings.ingest, *std::move(auth), std::move(webhook_auth),
                                         *intake_producer_);
  intake_->Start();
  // The answer comes later, from the intake's thread.
  const auto reply_as_json = [](HttpRespond respond) {
    return [respond = std::move(respond)](IntakeReply reply) {
      respond({.status = reply.status,
               .content_type = "application/json",
               .body = std::move(reply.body),
               .retry_after = std::move(reply.retry_after)});
    };
  };
  const auto request_of = [](const HttpPost& post) {
    return IntakeRequest{.body = post.body, .authorization = post.authorization, .signature = post.signature,
                         .peer = post.peer};
  };
  http_->AddPostRoute({.path = intake.path,
                       .max_body_bytes = static_cast<uint64_t>(intake.max_body_bytes),
                       .signature_header = intake.signature_header,
                       .handler = [this, reply_as_json, request_of](const HttpPost& post, HttpRespond respond) {
                         intake_->Post(request_of(post), reply_as_json(std::move(respond)));
                       }});
  for (size_t i = 0; i < intake.webhooks.size(); ++i) {
    const IntakeWebhookSettings& hook = intake.webhooks[i];
    http_->AddPostRoute(
        {.path = hook.path,
         .max_body_bytes = static_cast<uint64_t>(intake.max_body_bytes),
         .signature_header = hook.signature_header.empty() ? intake.signature_header : hook.signature_header,
         .handler = [this, i, reply_as_json, request_of](const HttpPost& post, HttpRespond respond) {
           intake_->PostWebhook(i, request_of(post), reply_as_json(std::move(respond)));
         }});
    spdlog::info("webhook {}: bodies POSTed to {} become events", hook.name, hook.path);
  }
  spdlog::info("HTTP intake: events POSTed to {} go to {}", intake.path,
               intake.topic.empty() ? settings.ingest.topics.front().name : intake.topic);
  return absl::OkStatus();
}

void Ontimed::Every(boost::asio::steady_timer& timer, absl::Duration period, std::function<void()> work) {
  timer.expires_after(ToChrono(period));
  timer.async_wait([this, &timer, period, work = std::move(work)](const boost::system::error_code& error) {
    if (error || stopping_) return;
    work();
    Every(timer, period, work);
  });
}

void Ontimed::WaitForSignals() {
  stop_signals_.async_wait([this](const boost::system::error_code& error, int signal) {
    if (error) return;
    spdlog::info("signal {}: draining", signal);
    Shutdown(0);
  });
  reload_signal_.async_wait([this](const boost::system::error_code& error, int) {
    if (error) return;
    Reload();
    if (!stopping_) WaitForSignals();
  });
}

absl::Status Ontimed::StartDeliverers(const std::map<std::string, std::string>& consumer_settings) {
  const AlertSettings& alerts = config_.alerts;
  if (!alerts.enabled()) return absl::OkStatus();
  // Each a member of its own group, statically too: a restarted ontimed
  // gets the alerts partition straight back instead of after the session
  // timeout.
  auto settings_for = [&](const std::string& receiver) {
    std::map<std::string, std::string> settings = consumer_settings;
    if (auto it = settings.find("group.instance.id"); it != settings.end()) it->second += "-" + receiver;
    return settings;
  };
  if (!alerts.alertmanager.url.empty()) {
    std::string base = alerts.alertmanager.url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    deliverers_.push_back(std::make_unique<AlertDeliverer>(
        settings_for("alertmanager"), alerts.topic,
        DelivererSettings{.receiver = "alertmanager",
                          .url = base + "/api/v2/alerts",
                          .group = alerts.alertmanager.group,
                          .resend_every = alerts.alertmanager.resend_every},
        std::make_unique<AlertBook>(alerts.alertmanager.resend_every)));
  }
  if (!alerts.webhook.url.empty()) {
    std::ifstream in(alerts.webhook.secret_file);
    std::string secret;
    if (!in || !std::getline(in, secret)) {
      return absl::InvalidArgumentError(
          absl::StrCat("alerts.webhook.secret_file ", alerts.webhook.secret_file, ": cannot read it"));
    }
    absl::StatusOr<std::unique_ptr<WebhookOutbox>> outbox =
        WebhookOutbox::Create(alerts, config_.engine.calendars, secret);
    if (!outbox.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("alerts.webhook.secret_file ", alerts.webhook.secret_file, ": ", outbox.status().message()));
    }
    // Checked each 10 s for held alerts falling due (they also wake it at
    // their time); a webhook gets each change once, not re-sends.
    deliverers_.push_back(std::make_unique<AlertDeliverer>(
        settings_for("webhook"), alerts.topic,
        DelivererSettings{.receiver = "webhook", .url = alerts.webhook.url, .group = alerts.webhook.group,
                          .resend_every = absl::Seconds(10)},
        std::move(*outbox)));
  }
  for (const auto& deliverer : deliverers_) {
    if (absl::Status s = deliverer->Start(); !s.ok()) return s;
  }
  return absl::OkStatus();
}

void Ontimed::Checkpoint() { pipeline_->CheckpointChanged(); }

std::string Ontimed::AlertsInWords(const Figures& figures) const {
  if (!config_.alerts.enabled()) return "";
  // The alerts standing are the contacts signalled and still waiting: each
  // at risk or overdue contact is one firing alert per standard.
  uint64_t at_risk = 0;
  uint64_t overdue = 0;
  for (const auto& by_channel : figures.waiting()) {
    for (const WaitingCount& count : by_channel) {
      at_risk += count.at_risk;
      overdue += count.overdue;
    }
  }
  std::string words = absl::StrCat("; alerts firing: ", at_risk, " at risk, ", overdue, " overdue");
  for (const auto& deliverer : deliverers_) {
    const DeliveryCounters delivery = deliverer->counters();
    absl::StrAppend(&words, "; ", delivery.receiver, ": ", delivery.undelivered, " to deliver");
  }
  return words;
}

void Ontimed::PrintLiveLine() {
  const absl::Time now = clock_.Now();
  const Figures figures = pipeline_->LiveFigures(now);
  live_out_ << absl::FormatTime("%Y-%m-%d %H:%M", now, absl::LocalTimeZone()) << (clock_.simulated() ? " (simulated)" : "")
            << "  " << LiveSummary(figures) << AlertsInWords(figures) << "\n"
            << LiveReport(pipeline_->config(), figures.to_date()) << std::flush;
}

std::string Ontimed::LiveSummary(const Figures& figures) {
  int64_t lag = 0;
  for (const auto& [tp, n] : LagByPartition()) lag += n;
  return absl::StrCat(pipeline_->counters().records, " records, ", figures.open_contacts(), " contacts open, ",
                      pipeline_->partitions(), " partitions, lag ", lag, ready() ? "" : ", NOT READY");
}

void Ontimed::PublishMetrics() {
  const Figures figures = pipeline_->LiveFigures(clock_.Now());
  const std::map<std::string, uint64_t> dead_letters = pipeline_->DeadLettersByReason();
  const OutcomeSeries series = pipeline_->MergedOutcomeSeries(label_values_);
  if (label_values_.services_refused() > services_refused_said_ ||
      label_values_.customer_groups_refused() > groups_refused_said_) {
    services_refused_said_ = label_values_.services_refused();
    groups_refused_said_ = label_values_.customer_groups_refused();
    spdlog::warn("metrics: {} service and {} customer group values count as \"other\" (not declared in "
                 "daemon.service_labels / daemon.customer_group_labels, or past the first {})",
                 services_refused_said_, groups_refused_said_, LabelValues::kMaxUndeclared);
  }
  MetricsInputs in;
  in.config = &pipeline_->config();
  in.series = &series;
  in.events = &figures.counters();
  in.dead_letters = &dead_letters;
  in.dead_letter_reasons = DeadLetterReasons();
  in.waiting = &figures.waiting();
  in.to_date = &figures.to_date();
  for (const auto& [tp, records] : LagByPartition()) in.lag.push_back({tp.topic, tp.partition, records});
  in.pipeline = &pipeline_->counters();
  in.newest_event = pipeline_->newest_event_time();
  in.watermark = pipeline_->watermark();
  in.partitions = pipeline_->partitions();
  in.ready = ready();
  if (http_) in.http = http_->counters();
  for (const auto& deliverer : deliverers_) in.deliveries.push_back(deliverer->counters());
  if (collectors_) in.collectors = collectors_->counters();
  if (intake_) in.intake = intake_->counters();
  in.now = absl::Now();
  in.config_reload_successful = config_reload_successful_;
  in.config_reload_success = config_reload_success_;
  board_.Publish(BuildMetrics(in));
  ready_now_ = in.ready;
  // READY=1 once, when the partitions are first assigned and restored;
  // after that the status line says whether it still is.
  if (in.ready && !told_ready_) {
    notifier_.Ready();
    told_ready_ = true;
  }
  notifier_.Status(LiveSummary(figures));
}

void Ontimed::RefreshStatement() {
  if (!statement_.Due()) return;
  const bool partial = pipeline_->partitions() > 0 && pipeline_->partitions() < source_partitions_;
  statement_.Refresh(clock_.Now(), pipeline_->newest_event_time(), partial, [this] { return pipeline_->AllFigures(); });
}

HttpReply Ontimed::Serve(std::string_view path, std::string_view accept) {
  if (path == "/" || path == "/statement") return statement_.Serve();
  if (path == "/metrics") {
    const std::shared_ptr<const MetricsBoard::Snapshot> snapshot = board_.Read();
    if (accept.find("application/openmetrics-text") != std::string_view::npos) {
      return {200, "application/openmetrics-text; version=1.0.0; charset=utf-8", SerializeOpenMetrics(*snapshot)};
    }
    return {200, "text/plain; version=0.0.4; charset=utf-8", SerializeText(*snapshot)};
  }
  if (path == "/-/healthy") return {200, "text/plain; charset=utf-8", "ontimed is healthy\n"};
  if (path == "/-/ready") {
    if (ready_now_) return {200, "text/plain; charset=utf-8", "ontimed is ready\n"};
    return {503, "text/plain; charset=utf-8", "ontimed is not ready: not connected, not in the group, or not checkpointing\n"};
  }
  return {404, "text/plain; charset=utf-8", "not found; try /, /metrics, /-/healthy or /-/ready\n"};
}

void Ontimed::Reload() {
  notifier_.Reloading();
  // However it ends, the reload is over (READY=1 ends RELOADING=1).
  struct Reloaded {
    Ontimed* self;
    ~Reloaded() {
      if (self->told_ready_) self->notifier_.Ready();
    }
  } reloaded{this};
  spdlog::info("SIGHUP: reloading the standards from {}", config_path_);
  config_reload_successful_ = false;
  ConfigResult loaded = LoadConfigFile(config_path_);
  if (!loaded.ok()) {
    for (const ConfigError& e : loaded.errors) spdlog::error("{}", e.ToString());
    spdlog::error("{} has errors; the standards in force are unchanged", config_path_);
    return;
  }
  if (absl::Status s = pipeline_->Reconfigure(loaded.config.engine); !s.ok()) {
    spdlog::error("the new standards cannot take over the state in hand ({}); the standards in force are "
                  "unchanged", std::string(s.message()));
    return;
  }
  config_.engine = loaded.config.engine;
  config_.statements = loaded.config.statements;
  statement_.Configure(config_);
  spdlog::info("standards reloaded: {} in force", config_.engine.standards.size());
  ApplyReloadedDaemonSettings(loaded.config.runtime);
  config_reload_successful_ = true;
  config_reload_success_ = absl::Now();
}

void Ontimed::ApplyReloadedDaemonSettings(const RuntimeSettings& reloaded) {
  DaemonRunSettings& running = config_.runtime.daemon;
  const DaemonRunSettings& wanted = reloaded.daemon;
  if (wanted.basic_auth_user != running.basic_auth_user ||
      wanted.basic_auth_password_bcrypt != running.basic_auth_password_bcrypt ||
      wanted.basic_auth_password_sha256 != running.basic_auth_password_sha256) {
    http_->SetBasicAuth(wanted);
    running.basic_auth_user = wanted.basic_auth_user;
    running.basic_auth_password_bcrypt = wanted.basic_auth_password_bcrypt;
    running.basic_auth_password_sha256 = wanted.basic_auth_password_sha256;
    spdlog::info("basic auth settings applied: {}",
                 wanted.basic_auth_user.empty() ? "no login needed" : "user " + wanted.basic_auth_user);
  }
  // The rest is bound at start (a socket, a thread, the group membership):
  // said, not silently ignored.
  std::vector<std::string> not_applied;
  if (wanted.listen != running.listen) not_applied.push_back("daemon.listen");
  if (wanted.tls_cert_file != running.tls_cert_file || wanted.tls_key_file != running.tls_key_file) {
    not_applied.push_back("daemon TLS files");
  }
  if (wanted.max_connections != running.max_connections) not_applied.push_back("daemon.max_connections");
  if (wanted.service_labels != running.service_labels ||
      wanted.customer_group_labels != running.customer_group_labels) {
    not_applied.push_back("daemon label values");
  }
  if (wanted.metrics_every != running.metrics_every || wanted.live_line_every != running.live_line_every ||
      wanted.shutdown_within != running.shutdown_within) {
    not_applied.push_back("daemon timers");
  }
  if (reloaded.kafka != config_.runtime.kafka && !config_.runtime.embedded()) not_applied.push_back("kafka");
  if (reloaded.ingest.group != config_.runtime.ingest.group ||
      reloaded.ingest.state_topic != config_.runtime.ingest.state_topic ||
      reloaded.ingest.dead_letter_topic != config_.runtime.ingest.dead_letter_topic ||
      reloaded.ingest.topics.size() != config_.runtime.ingest.topics.size()) {
    not_applied.push_back("ingest topics and group");
  }
  if (!not_applied.empty()) {
    spdlog::warn("SIGHUP does not apply changes to {}; they take effect at the next restart",
                 absl::StrJoin(not_applied, ", "));
  }
}

std::map<TopicPartition, int64_t> Ontimed::LagByPartition() const {
  std::map<TopicPartition, int64_t> lag;
  const std::map<TopicPartition, int64_t> positions = pipeline_->positions();
  for (const auto& [tp, end] : consumer_->health().end_offsets) {
    auto it = positions.find(tp);
    if (end >= 0 && it != positions.end()) lag[tp] = std::max<int64_t>(0, end - std::max<int64_t>(it->second, 0));
  }
  return lag;
}

bool Ontimed::ready() const {
  if (!consumer_ || stopping_) return false;
  const ConsumerHealth& health = consumer_->health();
  return health.broker_up && health.group_stable && !pipeline_->last_checkpoint_failed();
}

void Ontimed::Shutdown(int exit_code) {
  if (stopping_) return;
  stopping_ = true;
  exit_code_ = exit_code;
  notifier_.Stopping();
  // If Kafka cannot take the last checkpoint in time, leave anyway: the
  // next owner resumes from the previous one, which is exact.
  const absl::Duration limit = config_.runtime.daemon.shutdown_within;
  std::thread([limit] {
    absl::SleepFor(limit);
    spdlog::critical("shutdown did not finish within {}; leaving without the last checkpoint",
                     absl::FormatDuration(limit));
    std::_Exit(3);
  }).detach();
  for (auto* timer :
       {&advance_timer_, &checkpoint_timer_, &live_line_timer_, &producer_timer_, &metrics_timer_, &trim_timer_,
        &statement_timer_, &watchdog_timer_}) {
    timer->cancel();
  }
  ready_now_ = false;
  stop_signals_.cancel();
  reload_signal_.cancel();
  if (feed_) feed_->Stop();
  // What they have not delivered stays uncommitted: the next start delivers it.
  for (const auto& deliverer : deliverers_) deliverer->Stop();
  if (collectors_) collectors_->Stop();
  // Requests still waiting for the broker are answered 503 (sent again,
  // they count once); new ones too, until the listener closes.
  if (intake_) intake_->Stop();
  if (intake_producer_) (void)intake_producer_->Close(absl::Seconds(10));
  if (consumer_ && pipeline_) {
    const size_t partitions = pipeline_->partitions();
    const uint64_t saved_before = pipeline_->counters().checkpoints;
    const uint64_t failed_before = pipeline_->counters().checkpoint_failures;
    consumer_->StopReading();
    consumer_->Close();  // revokes every partition, each saved there
    const uint64_t saved = pipeline_->counters().checkpoints - saved_before;
    const uint64_t failed = pipeline_->counters().checkpoint_failures - failed_before;
    spdlog::info("drained: {} partition(s) handed back, {} saved now with their offsets committed ({} had "
                 "nothing new{}); left the group {}",
                 partitions, saved, partitions - std::min<uint64_t>(partitions, saved + failed),
                 failed ? absl::StrCat(", ", failed, " NOT saved: their next owner resumes from the last checkpoint")
                        : "",
                 config_.runtime.ingest.group);
  }
  writer_.reset();  // finishes what it was asked, before the producer goes
  if (absl::Status s = producer_.Close(absl::Seconds(10)); !s.ok()) spdlog::error("closing: {}", std::string(s.message()));
  if (http_) http_->Stop();
  io_.stop();
}

int Ontimed::Run() {
  if (absl::Status s = Start(); !s.ok()) {
    spdlog::critical("{}", std::string(s.message()));
    return 1;
  }
  spdlog::info("ontimed running: group {}, {} topic(s), checkpoints every {}", config_.runtime.ingest.group,
               config_.runtime.ingest.topics.size(), absl::FormatDuration(config_.runtime.ingest.checkpoint_every));
  io_.run();
  spdlog::info("ontimed exits with code {}", exit_code_);
  return exit_code_;
}

}  // namespace ontime

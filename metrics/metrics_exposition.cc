#include "metrics/metrics_exposition.h"


#include <algorithm>
#include <prometheus/text_serializer.h>

#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace ontime {
namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

std::string S(std::string_view view) { return std::string(view); }

MetricFamily Family(std::string name, std::string help, MetricType type) {
  return MetricFamily{std::move(name), std::move(help), type, {}};
}

ClientMetric& Add(MetricFamily& family, std::vector<ClientMetric::Label> labels) {
  family.metric.emplace_back();
  family.metric.back().label = std::move(labels);
  return family.metric.back();
}

void Counter(MetricFamily& family, std::vector<ClientMetric::Label> labels, double value) {
  Add(family, std::move(labels)).counter.value = value;
}

void Gauge(MetricFamily& family, std::vector<ClientMetric::Label> labels, double value) {
  Add(family, std::move(labels)).gauge.value = value;
}

double Seconds(absl::Time t) { return absl::ToDoubleSeconds(t - absl::UnixEpoch()); }

void AddOutcomes(const MetricsInputs& in, std::vector<MetricFamily>& out) {
  MetricFamily outcomes = Family("ontime_outcomes_total", "Outcomes decided, by standard and verdict.",
                                 MetricType::Counter);
  MetricFamily seconds = Family("ontime_response_seconds",
                                "Response times of met and breached outcomes of timed standards (abandoned "
                                "calls, which had none, are in ontime_abandoned_wait_seconds); the bucket at "
                                "the standard's threshold holds exactly the met ones.",
                                MetricType::Histogram);
  MetricFamily abandoned = Family("ontime_abandoned_wait_seconds",
                                  "How long customers waited before giving up (abandoned calls), met, breached "
                                  "or excluded alike, in the same buckets as ontime_response_seconds.",
                                  MetricType::Histogram);
  MetricFamily days = Family("ontime_working_day_response",
                             "Measure of met and breached outcomes of working-day standards.",
                             MetricType::Histogram);
  for (const auto& [key, counts] : in.series->series()) {
    const Standard& standard = in.config->standards[Index(key.standard)];
    std::vector<ClientMetric::Label> labels = {{"standard", standard.id},
                                               {"channel", S(ChannelName(key.channel))},
                                               {"service", key.service},
                                               {"customer_group", key.customer_group}};
    for (const auto& [verdict, n] : {std::pair{Verdict::kMet, counts.met},
                                     {Verdict::kBreached, counts.breached},
                                     {Verdict::kExcluded, counts.excluded}}) {
      std::vector<ClientMetric::Label> with_outcome = labels;
      with_outcome.push_back({"outcome", S(VerdictName(verdict))});
      Counter(outcomes, std::move(with_outcome), static_cast<double>(n));
    }
    const std::vector<int64_t>& bounds = in.series->bounds(key.standard);
    const bool timed = standard.unit() == MeasureUnit::kMicroseconds;
    const double scale = timed ? 1e-6 : 1.0;
    auto histogram = [&](MetricFamily& family, const std::vector<uint64_t>& buckets, int64_t sum) {
      ClientMetric& metric = Add(family, labels);
      uint64_t cumulative = 0;
      for (size_t i = 0; i < buckets.size(); ++i) {
        cumulative += buckets[i];
        const double bound = i < bounds.size() ? static_cast<double>(bounds[i]) * scale
                                               : std::numeric_limits<double>::infinity();
        metric.histogram.bucket.push_back({cumulative, bound});
      }
      metric.histogram.sample_count = cumulative;
      metric.histogram.sample_sum = static_cast<double>(sum) * scale;
    };
    if (bounds.empty()) continue;
    if (counts.buckets.size() == bounds.size() + 1) histogram(timed ? seconds : days, counts.buckets, counts.sum);
    if (timed && counts.abandoned_buckets.size() == bounds.size() + 1) {
      histogram(abandoned, counts.abandoned_buckets, counts.abandoned_sum);
    }
  }
  out.push_back(std::move(outcomes));
  if (!seconds.metric.empty()) out.push_back(std::move(seconds));
  if (!abandoned.metric.empty()) out.push_back(std::move(abandoned));
  if (!days.metric.empty()) out.push_back(std::move(days));
}

void AddStandards(const MetricsInputs& in, std::vector<MetricFamily>& out) {
  MetricFamily target = Family("ontime_standard_target_ratio", "The standard's target share.", MetricType::Gauge);
  MetricFamily threshold = Family("ontime_standard_threshold_seconds", "The threshold of a timed standard.",
                                  MetricType::Gauge);
  MetricFamily compliance = Family("ontime_compliance_ratio",
                                   "met / (met + breached) so far today and this month, in the standard's "
                                   "calendar time zone.",
                                   MetricType::Gauge);
  MetricFamily judged = Family("ontime_judged_contacts", "met + breached so far today and this month.",
                               MetricType::Gauge);
  MetricFamily open = Family("ontime_open_contacts", "Contacts waiting for their stop under a standard.",
                             MetricType::Gauge);
  MetricFamily at_risk = Family("ontime_at_risk_contacts",
                                "Waiting contacts past the standard's warning share of their time.",
                                MetricType::Gauge);
  MetricFamily overdue = Family("ontime_overdue_contacts", "Waiting contacts past their deadline.",
                                MetricType::Gauge);
  MetricFamily oldest = Family("ontime_oldest_open_contact_age_seconds",
                               "Age of the oldest waiting contact, from its first event.", MetricType::Gauge);
  MetricFamily signals = Family("ontime_signals_total", "At-risk, overdue and escalation signals raised by this process.",
                                MetricType::Counter);
  for (size_t i = 0; i < in.config->standards.size(); ++i) {
    const Standard& standard = in.config->standards[i];
    Gauge(target, {{"standard", standard.id}}, standard.target);
    if (standard.unit() == MeasureUnit::kMicroseconds && standard.threshold > 0) {
      Gauge(threshold, {{"standard", standard.id}}, static_cast<double>(standard.threshold) * 1e-6);
    }
    if (i < in.to_date->size()) {
      for (const auto& [period, cell] : {std::pair{"today", (*in.to_date)[i].today},
                                         {"month", (*in.to_date)[i].month}}) {
        const uint64_t n = cell.met + cell.breached;
        Gauge(judged, {{"standard", standard.id}, {"period", period}}, static_cast<double>(n));
        if (n > 0) Gauge(compliance, {{"standard", standard.id}, {"period", period}}, cell.compliance());
      }
    }
    if (i < in.waiting->size()) {
      for (size_t c = 0; c < kChannelCount; ++c) {
        const WaitingCount& w = (*in.waiting)[i][c];
        if (w.open == 0) continue;
        std::vector<ClientMetric::Label> labels = {{"standard", standard.id},
                                                   {"channel", S(ChannelName(static_cast<Channel>(c)))}};
        Gauge(open, labels, static_cast<double>(w.open));
        Gauge(at_risk, labels, static_cast<double>(w.at_risk));
        Gauge(overdue, labels, static_cast<double>(w.overdue));
        Gauge(oldest, std::move(labels), static_cast<double>(w.oldest_age_us) * 1e-6);
      }
    }
    for (const auto kind : {SignalKind::kAtRisk, SignalKind::kOverdue, SignalKind::kEscalated}) {
      const uint64_t n = i < in.pipeline->signals_by_standard.size() ? in.pipeline->signals_by_standard[i][static_cast<size_t>(kind)] : 0;
      Counter(signals, {{"standard", standard.id}, {"kind", S(SignalKindName(kind))}}, static_cast<double>(n));
    }
  }
  for (MetricFamily* family : {&target, &threshold, &compliance, &judged, &open, &at_risk, &overdue, &oldest,
                               &signals}) {
    out.push_back(std::move(*family));
  }
}

void AddPipeline(const MetricsInputs& in, std::vector<MetricFamily>& out) {
  MetricFamily events = Family("ontime_events_total", "Events by what became of them.", MetricType::Counter);
  for (int d = 0; d < kDispositionCount; ++d) {
    Counter(events, {{"disposition", S(DispositionName(static_cast<Disposition>(d)))}},
            static_cast<double>(in.events->events[static_cast<size_t>(d)]));
  }
  out.push_back(std::move(events));
  MetricFamily received = Family("ontime_contacts_received_total", "Contacts received (each receipt once), by channel.",
                                 MetricType::Counter);
  for (size_t c = 1; c < kChannelCount; ++c) {  // every channel from the start, 0 until one comes
    Counter(received, {{"channel", S(ChannelName(static_cast<Channel>(c)))}},
            static_cast<double>(in.events->received_by_channel[c]));
  }
  out.push_back(std::move(received));
  MetricFamily dead = Family("ontime_dead_letters_total", "Records sent to the dead-letter topic, by reason.",
                             MetricType::Counter);
  // Every known reason from the start, at 0 until one comes, so a panel
  // shows 0 rather than "No data".
  std::map<std::string, uint64_t> by_reason = *in.dead_letters;
  for (std::string_view reason : in.dead_letter_reasons) by_reason.emplace(std::string(reason), 0);
  for (const auto& [reason, n] : by_reason) Counter(dead, {{"reason", reason}}, static_cast<double>(n));
  out.push_back(std::move(dead));
  MetricFamily records = Family("ontime_records_total", "Records consumed by this process.", MetricType::Counter);
  for (const auto& [topic, n] : in.pipeline->records_by_topic) Counter(records, {{"topic", topic}}, static_cast<double>(n));
  out.push_back(std::move(records));
  MetricFamily lag = Family("ontime_consumer_lag_records", "Records behind the partition's end.",
                            MetricType::Gauge);
  for (const PartitionLag& behind : in.lag) {
    Gauge(lag, {{"topic", behind.topic}, {"partition", absl::StrCat(behind.partition)}},
          static_cast<double>(behind.records));
  }
  out.push_back(std::move(lag));
  auto single = [&](std::string name, std::string help, MetricType type, double value) {
    MetricFamily family = Family(std::move(name), std::move(help), type);
    if (type == MetricType::Counter) {
      Counter(family, {}, value);
    } else {
      Gauge(family, {}, value);
    }
    out.push_back(std::move(family));
  };
  if (in.newest_event != absl::InfinitePast()) {
    single("ontime_newest_event_timestamp_seconds", "Event time of the newest event seen.", MetricType::Gauge,
           Seconds(in.newest_event));
  }
  if (in.watermark != absl::InfinitePast() && in.watermark != absl::InfiniteFuture()) {
    single("ontime_watermark_timestamp_seconds", "The oldest watermark across partitions.", MetricType::Gauge,
           Seconds(in.watermark));
  }
  single("ontime_assigned_partitions", "Partitions this instance owns.", MetricType::Gauge,
         static_cast<double>(in.partitions));
  single("ontime_ready", "1 when connected, in the group and checkpointing.", MetricType::Gauge,
         in.ready ? 1 : 0);
  single("ontime_checkpoints_total", "Checkpoints saved by this process.", MetricType::Counter,
         static_cast<double>(in.pipeline->checkpoints));
  single("ontime_checkpoint_failures_total", "Checkpoints that failed in this process.", MetricType::Counter,
         static_cast<double>(in.pipeline->checkpoint_failures));
  single("ontime_dead_letters_unsent_total",
         "Dead letters the producer would not queue (a full local queue): kept and sent again before their "
         "partition's next checkpoint.",
         MetricType::Counter, static_cast<double>(in.pipeline->dead_letters_unsent));
  single("ontime_alerts_unsent_total",
         "Alert records the producer would not queue (a full local queue): kept and sent again before their "
         "partition's next checkpoint.",
         MetricType::Counter, static_cast<double>(in.pipeline->alerts_unsent));
  single("ontime_outcome_records_unsent_total",
         "Outcome records the producer would not queue (a full local queue): kept and sent again before their "
         "partition's next checkpoint.",
         MetricType::Counter, static_cast<double>(in.pipeline->outcome_records_unsent));
  single("ontime_checkpoints_held_for_dead_letters_total",
         "Checkpoints of a partition held back because records before them (dead letters or alerts) were not yet "
         "queued.",
         MetricType::Counter, static_cast<double>(in.pipeline->checkpoints_held_for_dead_letters));
  MetricFamily alerts = Family("ontime_alerts_written_total",
                               "Alert records written to the alerts topic by this process, by state (at_risk, "
                               "overdue, escalated), status (FIRING, RESOLVED, WITHDRAWN) and level.",
                               MetricType::Counter);
  for (const auto& [key, n] : in.pipeline->alerts_written) {
    const auto& [state, status, level] = key;
    Counter(alerts, {{"state", state}, {"status", status}, {"level", level}}, static_cast<double>(n));
  }
  out.push_back(std::move(alerts));
  if (!in.deliveries.empty()) {
    MetricFamily deliveries = Family("ontime_alert_deliveries_total",
                                     "Requests to an alert receiver, by receiver and result (ok: accepted; failed: "
                                     "refused, unreachable or timed out, and tried again).",
                                     MetricType::Counter);
    MetricFamily firing = Family("ontime_alerts_firing", "Alerts firing now, as each deliverer holds them.",
                                 MetricType::Gauge);
    MetricFamily undelivered = Family("ontime_alerts_undelivered",
                                      "Alert records not yet accepted by the receiver.", MetricType::Gauge);
    MetricFamily oldest = Family("ontime_alert_oldest_undelivered_age_seconds",
                                 "Age of the oldest alert record not yet accepted by the receiver (0 if none).",
                                 MetricType::Gauge);
    MetricFamily unreadable = Family("ontime_alert_records_unreadable_total",
                                     "Records of the alerts topic a deliverer could not read (skipped).",
                                     MetricType::Counter);
    for (const DeliveryCounters& d : in.deliveries) {
      Counter(deliveries, {{"receiver", d.receiver}, {"result", "ok"}}, static_cast<double>(d.deliveries));
      Counter(deliveries, {{"receiver", d.receiver}, {"result", "failed"}}, static_cast<double>(d.failures));
      Gauge(firing, {{"receiver", d.receiver}}, static_cast<double>(d.firing));
      Gauge(undelivered, {{"receiver", d.receiver}}, static_cast<double>(d.undelivered));
      const double age = d.oldest_undelivered == absl::InfiniteFuture()
                             ? 0
                             : std::max(0.0, absl::ToDoubleSeconds(in.now - d.oldest_undelivered));
      Gauge(oldest, {{"receiver", d.receiver}}, age);
      Counter(unreadable, {{"receiver", d.receiver}}, static_cast<double>(d.unreadable));
    }
    for (MetricFamily* family : {&deliveries, &firing, &undelivered, &oldest, &unreadable}) {
      out.push_back(std::move(*family));
    }
  }
  if (!in.collectors.empty()) {
    MetricFamily read_lines = Family("ontime_collector_lines_total",
                                "Lines a collector read from its source, by what became of them (events, "
                                "not_a_call_event, unmapped_queue, header, empty_line, or the reason a line was "
                                "refused: unreadable_line, missing_call_id, missing_header).",
                                MetricType::Counter);
    MetricFamily collected = Family("ontime_collector_events_produced_total",
                                 "Contact events a collector produced and the broker acknowledged.",
                                 MetricType::Counter);
    MetricFamily refused = Family("ontime_collector_dead_letters_total",
                               "Lines a collector refused, sent to the dead-letter topic and acknowledged.",
                               MetricType::Counter);
    MetricFamily unacked = Family("ontime_collector_delivery_failures_total",
                                   "Batches the broker did not acknowledge (read again from the saved position).",
                                   MetricType::Counter);
    MetricFamily behind = Family("ontime_collector_lag_bytes",
                              "Bytes written to a collector's source and not yet read.", MetricType::Gauge);
    MetricFamily rotated = Family("ontime_collector_file_rotations_total",
                                    "Source files a collector followed to their rotation: renamed (rotated) or "
                                    "copied and truncated (truncated).",
                                    MetricType::Counter);
    MetricFamily lost_positions = Family("ontime_collector_positions_lost_total",
                               "Times a collector found neither its file nor the rotated copy where its saved "
                               "position said, and read the file from its start.",
                               MetricType::Counter);
    for (const CollectorCounters& c : in.collectors) {
      for (const auto& [use, n] : c.lines) {
        Counter(read_lines, {{"collector", c.collector}, {"use", use}}, static_cast<double>(n));
      }
      Counter(collected, {{"collector", c.collector}}, static_cast<double>(c.events_produced));
      Counter(refused, {{"collector", c.collector}}, static_cast<double>(c.dead_letters));
      Counter(unacked, {{"collector", c.collector}}, static_cast<double>(c.delivery_failures));
      Gauge(behind, {{"collector", c.collector}}, static_cast<double>(c.lag_bytes));
      Counter(rotated, {{"collector", c.collector}, {"kind", "rotated"}}, static_cast<double>(c.rotations));
      Counter(rotated, {{"collector", c.collector}, {"kind", "truncated"}}, static_cast<double>(c.truncations));
      Counter(lost_positions, {{"collector", c.collector}}, static_cast<double>(c.positions_lost));
    }
    for (MetricFamily* family : {&read_lines, &collected, &refused, &unacked, &behind, &rotated, &lost_positions}) {
      out.push_back(std::move(*family));
    }
  }
  if (in.intake) {
    MetricFamily requests = Family("ontime_intake_requests_total",
                                   "POSTs to the HTTP intake, by answer: accepted, partly_refused, bad_request, "
                                   "unauthorized, throttled (429), unavailable (503: not acknowledged in time), "
                                   "skipped (a webhook body its mapping says is no event).",
                                   MetricType::Counter);
    for (std::string_view answer :
         {"accepted", "partly_refused", "bad_request", "unauthorized", "throttled", "unavailable", "skipped"}) {
      const auto it = in.intake->requests.find(std::string(answer));
      Counter(requests, {{"answer", std::string(answer)}},
              static_cast<double>(it == in.intake->requests.end() ? 0 : it->second));
    }
    MetricFamily intake_events = Family("ontime_intake_events_total",
                                 "Events POSTed to the HTTP intake: accepted (the broker acknowledged them) or "
                                 "refused (answered 422 and dead-lettered).",
                                 MetricType::Counter);
    Counter(intake_events, {{"result", "accepted"}}, static_cast<double>(in.intake->events_accepted));
    Counter(intake_events, {{"result", "refused"}}, static_cast<double>(in.intake->events_refused));
    MetricFamily pending = Family("ontime_intake_pending_events",
                                  "Events sent to the broker whose requests wait for its acknowledgement.",
                                  MetricType::Gauge);
    Gauge(pending, {}, static_cast<double>(in.intake->pending_events));
    for (MetricFamily* family : {&requests, &intake_events, &pending}) out.push_back(std::move(*family));
  }
  MetricFamily gaps = Family("ontime_offset_gaps_total",
                             "Records past the next offset expected: fetched again from it (refetched), and "
                             "of those, gaps the log really has (confirmed).",
                             MetricType::Counter);
  Counter(gaps, {{"outcome", "refetched"}}, static_cast<double>(in.pipeline->offset_gaps_refetched));
  Counter(gaps, {{"outcome", "confirmed"}}, static_cast<double>(in.pipeline->offset_gaps_confirmed));
  out.push_back(std::move(gaps));
  single("ontime_config_last_reload_successful", "1 if the last reload of the config (SIGHUP) succeeded.",
         MetricType::Gauge, in.config_reload_successful ? 1 : 0);
  if (in.config_reload_success != absl::InfinitePast()) {
    single("ontime_config_last_reload_success_timestamp_seconds",
           "When the config was last loaded successfully (start or SIGHUP).", MetricType::Gauge,
           Seconds(in.config_reload_success));
  }
  single("ontime_http_accept_errors_total", "Connections the HTTP listener failed to accept (e.g. out of "
         "descriptors); it retries.", MetricType::Counter, static_cast<double>(in.http.accept_errors));
  single("ontime_http_refused_connections_total", "Connections refused with 503 past max_connections.",
         MetricType::Counter, static_cast<double>(in.http.refused_connections));
  single("ontime_http_bad_requests_total", "Requests refused for their size or form (400, 413, 431).",
         MetricType::Counter, static_cast<double>(in.http.bad_requests));
  single("ontime_http_auth_failures_total", "Requests with missing or wrong credentials.", MetricType::Counter,
         static_cast<double>(in.http.auth_failures));
  single("ontime_http_open_connections", "HTTP connections open now.", MetricType::Gauge,
         static_cast<double>(in.http.open_connections));
  single("ontime_http_max_connections", "HTTP connections served at once at most.", MetricType::Gauge,
         static_cast<double>(in.http.max_connections));
  MetricFamily build = Family("ontime_build_info", "The running build.", MetricType::Gauge);
  Gauge(build, {{"version", ONTIME_VERSION}, {"revision", ONTIME_REVISION}}, 1);
  out.push_back(std::move(build));
}

}  // namespace

std::vector<MetricFamily> BuildMetrics(const MetricsInputs& in) {
  std::vector<MetricFamily> families;
  AddOutcomes(in, families);
  AddStandards(in, families);
  AddPipeline(in, families);
  return families;
}

std::string SerializeText(const std::vector<MetricFamily>& families) {
  return prometheus::TextSerializer().Serialize(families);
}

std::string SerializeOpenMetrics(const std::vector<MetricFamily>& families) {
  // The text format differs from OpenMetrics in naming a counter family
  // with its _total suffix, and in the closing # EOF.
  std::string text = SerializeText(families);
  std::string out;
  out.reserve(text.size() + 8);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) {
      const size_t name_end = line.find(' ', 7);
      std::string_view name = line.substr(7, name_end - 7);
      if (name.ends_with("_total")) {
        out.append(line.substr(0, 7));
        out.append(name.substr(0, name.size() - 6));
        out.append(line.substr(name_end));
        out.push_back('\n');
        start = end + 1;
        continue;
      }
    }
    out.append(line);
    out.push_back('\n');
    start = end + 1;
  }
  out.append("# EOF\n");
  return out;
}

}  // namespace ontime

#include "collectors/kafka_producer.h"

#include <librdkafka/rdkafka.h>

#include "absl/strings/str_cat.h"
#include "collectors/kafka_settings.h"

namespace ontime {

KafkaProducer::~KafkaProducer() {
  if (kafka_ != nullptr) {
    rd_kafka_flush(kafka_, 10000);
    rd_kafka_destroy(kafka_);
  }
}

void KafkaProducer::OnDelivery(rd_kafka_s* /*kafka*/, const void* message, void* opaque) {
  auto* self = static_cast<KafkaProducer*>(opaque);
  const auto* m = static_cast<const rd_kafka_message_t*>(message);
  if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    ++self->delivered_;
  } else {
    std::lock_guard<std::mutex> lock(self->error_mutex_);
    self->last_error_ = rd_kafka_err2str(m->err);
    ++self->failed_;
  }
}

absl::Status KafkaProducer::Open(const std::map<std::string, std::string>& settings) {
  absl::StatusOr<rd_kafka_conf_t*> made = MakeKafkaConf({{"linger.ms", "20"},
                                                         {"batch.num.messages", "10000"},
                                                         {"enable.idempotence", "true"}},
                                                        settings);
  if (!made.ok()) return made.status();
  rd_kafka_conf_t* conf = *made;
  char error[512];
  rd_kafka_conf_set_opaque(conf, this);
  rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t* k, const rd_kafka_message_t* m, void* o) {
    OnDelivery(k, m, o);
  });
  kafka_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  if (kafka_ == nullptr) {
    rd_kafka_conf_destroy(conf);
    return absl::UnavailableError(absl::StrCat("cannot create a Kafka producer: ", error));
  }
  return absl::OkStatus();
}

absl::Status KafkaProducer::Send(const KafkaRecordOut& record) {
  const std::string topic(record.topic);
  std::vector<rd_kafka_vu_t> fields(6 + record.headers.size());
  size_t n = 0;
  fields[n].vtype = RD_KAFKA_VTYPE_TOPIC;
  fields[n++].u.cstr = topic.c_str();
  fields[n].vtype = RD_KAFKA_VTYPE_PARTITION;
  fields[n++].u.i32 = record.partition;
  fields[n].vtype = RD_KAFKA_VTYPE_KEY;
  fields[n].u.mem.ptr = const_cast<char*>(record.key.data());
  fields[n++].u.mem.size = record.key.size();
  fields[n].vtype = RD_KAFKA_VTYPE_VALUE;
  fields[n].u.mem.ptr = const_cast<char*>(record.value.data());
  fields[n++].u.mem.size = record.value.size();
  fields[n].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
  fields[n++].u.i = RD_KAFKA_MSG_F_COPY;
  if (record.timestamp != absl::InfinitePast()) {
    fields[n].vtype = RD_KAFKA_VTYPE_TIMESTAMP;
    fields[n++].u.i64 = absl::ToUnixMillis(record.timestamp);
  }
  std::vector<std::string> names;
  names.reserve(record.headers.size());
  for (const auto& [name, value] : record.headers) {
    names.emplace_back(name);
    fields[n].vtype = RD_KAFKA_VTYPE_HEADER;
    fields[n].u.header.name = names.back().c_str();
    fields[n].u.header.val = value.data();
    fields[n++].u.header.size = static_cast<ssize_t>(value.size());
  }
  for (;;) {
    rd_kafka_error_t* error = rd_kafka_produceva(kafka_, fields.data(), n);
    if (error == nullptr) break;
    const rd_kafka_resp_err_t code = rd_kafka_error_code(error);
    const std::string reason = rd_kafka_error_string(error);
    rd_kafka_error_destroy(error);
    // The local queue is full: let deliveries drain, then try again.
    if (code == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      rd_kafka_poll(kafka_, 100);
      continue;
    }
    return absl::UnavailableError(absl::StrCat("producing to ", topic, ": ", reason));
  }
  rd_kafka_poll(kafka_, 0);
  return absl::OkStatus();
}

void KafkaProducer::Poll() {
  if (kafka_ != nullptr) rd_kafka_poll(kafka_, 0);
}

absl::Status KafkaProducer::Flush(absl::Duration timeout) {
  if (kafka_ == nullptr) return absl::FailedPreconditionError("the producer is not open");
  const rd_kafka_resp_err_t err =
      rd_kafka_flush(kafka_, static_cast<int>(absl::ToInt64Milliseconds(timeout)));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return absl::DeadlineExceededError(absl::StrCat(
        rd_kafka_outq_len(kafka_), " records still unacknowledged after ", absl::FormatDuration(timeout)));
  }
  const int64_t now_failed = failed_;
  const int64_t failed = now_failed - failed_at_last_flush_.exchange(now_failed);
  if (failed > 0) {
    std::lock_guard<std::mutex> lock(error_mutex_);
    return absl::UnavailableError(
        absl::StrCat(failed, " records were not delivered; the last because: ", last_error_));
  }
  return absl::OkStatus();
}

absl::Status KafkaProducer::Close(absl::Duration timeout) {
  if (kafka_ == nullptr) return absl::OkStatus();
  absl::Status flushed = Flush(timeout);
  rd_kafka_destroy(kafka_);
  kafka_ = nullptr;
  return flushed;
}

}  // namespace ontime

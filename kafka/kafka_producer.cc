#include "kafka/kafka_producer.h"

#include <librdkafka/rdkafka.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "kafka/kafka_settings.h"

namespace ontime {

KafkaProducer::~KafkaProducer() {
  if (kafka_ != nullptr) {
    rd_kafka_flush(kafka_, 10000);
    rd_kafka_destroy(kafka_);
  }
}

namespace {

// A record's opaque: its sequence number, shifted, and whether to resend.
void* Opaque(uint64_t sequence, bool resend) {
  return reinterpret_cast<void*>(static_cast<uintptr_t>(sequence << 1 | (resend ? 1 : 0)));
}

}  // namespace

void KafkaProducer::OnDelivery(rd_kafka_s* /*kafka*/, const void* message, void* opaque) {
  static_cast<KafkaProducer*>(opaque)->Delivered(message);
}

void KafkaProducer::Delivered(const void* message) {
  const auto* m = static_cast<const rd_kafka_message_t*>(message);
  const auto tag = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(m->_private));
  const uint64_t sequence = tag >> 1;
  const bool purged = m->err == RD_KAFKA_RESP_ERR__PURGE_QUEUE || m->err == RD_KAFKA_RESP_ERR__PURGE_INFLIGHT;
  if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR && (tag & 1) != 0 && !purged) {
    // Again, same sequence: whoever waits for it keeps waiting.
    rd_kafka_headers_t* headers = nullptr;
    rd_kafka_message_headers(m, &headers);
    rd_kafka_vu_t fields[7];
    size_t n = 0;
    fields[n].vtype = RD_KAFKA_VTYPE_RKT;
    fields[n++].u.rkt = m->rkt;
    fields[n].vtype = RD_KAFKA_VTYPE_PARTITION;
    fields[n++].u.i32 = m->partition;
    fields[n].vtype = RD_KAFKA_VTYPE_KEY;
    fields[n].u.mem.ptr = m->key;
    fields[n++].u.mem.size = m->key_len;
    fields[n].vtype = RD_KAFKA_VTYPE_VALUE;
    fields[n].u.mem.ptr = m->payload;
    fields[n++].u.mem.size = m->len;
    fields[n].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
    fields[n++].u.i = RD_KAFKA_MSG_F_COPY;
    fields[n].vtype = RD_KAFKA_VTYPE_OPAQUE;
    fields[n++].u.ptr = m->_private;
    if (headers != nullptr) {
      fields[n].vtype = RD_KAFKA_VTYPE_HEADERS;
      fields[n++].u.headers = rd_kafka_headers_copy(headers);
    }
    rd_kafka_error_t* error = rd_kafka_produceva(kafka_, fields, n);
    if (error == nullptr) {
      ++resent_;
      return;
    }
    if (headers != nullptr) rd_kafka_headers_destroy(fields[n - 1].u.headers);
    rd_kafka_error_destroy(error);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  pending_.erase(sequence);
  if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    ++delivered_;
  } else {
    ++failed_;
    failed_sequences_.insert(sequence);
    last_error_ = rd_kafka_err2str(m->err);
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

absl::Status KafkaProducer::Send(const KafkaRecordOut& record, uint64_t* sequence_out,
                                 absl::Duration queue_wait) {
  const std::string topic(record.topic);
  const uint64_t sequence = ++next_sequence_;
  if (sequence_out != nullptr) *sequence_out = sequence;
  std::vector<rd_kafka_vu_t> fields(7 + record.headers.size());
  size_t n = 0;
  fields[n].vtype = RD_KAFKA_VTYPE_TOPIC;
  fields[n++].u.cstr = topic.c_str();
  fields[n].vtype = RD_KAFKA_VTYPE_PARTITION;
  fields[n++].u.i32 = record.partition;
  fields[n].vtype = RD_KAFKA_VTYPE_KEY;
  fields[n].u.mem.ptr = const_cast<char*>(record.key.data());
  fields[n++].u.mem.size = record.key.size();
  fields[n].vtype = RD_KAFKA_VTYPE_VALUE;
  // A null pointer is a null value: a tombstone.
  fields[n].u.mem.ptr = record.tombstone ? nullptr : const_cast<char*>(record.value.data());
  fields[n++].u.mem.size = record.tombstone ? 0 : record.value.size();
  fields[n].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
  fields[n++].u.i = RD_KAFKA_MSG_F_COPY;
  fields[n].vtype = RD_KAFKA_VTYPE_OPAQUE;
  fields[n++].u.ptr = Opaque(sequence, record.resend_on_failure);
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
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.insert(sequence);
  }
  const absl::Time give_up = absl::Now() + queue_wait;
  for (;;) {
    rd_kafka_error_t* error = rd_kafka_produceva(kafka_, fields.data(), n);
    if (error == nullptr) break;
    const rd_kafka_resp_err_t code = rd_kafka_error_code(error);
    const std::string reason = rd_kafka_error_string(error);
    rd_kafka_error_destroy(error);
    // The local queue is full: let deliveries drain, then try again.
    if (code == RD_KAFKA_RESP_ERR__QUEUE_FULL && absl::Now() < give_up) {
      rd_kafka_poll(kafka_, 100);
      continue;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.erase(sequence);
    return absl::UnavailableError(absl::StrCat("producing to ", topic, ": ", reason));
  }
  rd_kafka_poll(kafka_, 0);
  return absl::OkStatus();
}

void KafkaProducer::Poll() {
  if (kafka_ != nullptr) rd_kafka_poll(kafka_, 0);
}

absl::Status KafkaProducer::FlushUpTo(uint64_t sequence, absl::Duration timeout) {
  if (kafka_ == nullptr) return absl::FailedPreconditionError("the producer is not open");
  const absl::Time give_up = absl::Now() + timeout;
  rd_kafka_flush(kafka_, 0);  // send what lingers, now
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (pending_.empty() || *pending_.begin() > sequence) {
        const auto failed_end = failed_sequences_.upper_bound(sequence);
        const int64_t failed = std::distance(failed_sequences_.begin(), failed_end);
        failed_sequences_.erase(failed_sequences_.begin(), failed_end);
        if (failed > 0) {
          return absl::UnavailableError(
              absl::StrCat(failed, " records were not delivered; the last because: ", last_error_));
        }
        return absl::OkStatus();
      }
    }
    if (absl::Now() > give_up) {
      return absl::DeadlineExceededError(absl::StrCat("records still unacknowledged after ",
                                                      absl::FormatDuration(timeout)));
    }
    rd_kafka_poll(kafka_, 20);
  }
}

absl::Status KafkaProducer::Close(absl::Duration timeout) {
  if (kafka_ == nullptr) return absl::OkStatus();
  absl::Status flushed = Flush(timeout);
  // Whatever is still queued (dead letters being resent to a broker that is
  // gone) goes with the handle.
  rd_kafka_purge(kafka_, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  rd_kafka_poll(kafka_, 0);
  rd_kafka_destroy(kafka_);
  kafka_ = nullptr;
  return flushed;
}

}  // namespace ontime

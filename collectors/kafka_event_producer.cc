#include "collectors/kafka_event_producer.h"

#include <librdkafka/rdkafka.h>

#include "collectors/kafka_settings.h"

#include "absl/strings/str_cat.h"

namespace ontime {

KafkaEventProducer::~KafkaEventProducer() {
  if (kafka_ != nullptr) {
    rd_kafka_flush(kafka_, 10000);
    rd_kafka_destroy(kafka_);
  }
}

void KafkaEventProducer::OnDelivery(rd_kafka_s* /*kafka*/, const void* message, void* opaque) {
  auto* self = static_cast<KafkaEventProducer*>(opaque);
  const auto* m = static_cast<const rd_kafka_message_t*>(message);
  if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    ++self->delivered_;
  } else {
    if (self->failed_++ == 0) self->first_error_ = rd_kafka_err2str(m->err);
  }
}

absl::Status KafkaEventProducer::Open(const std::string& brokers, const std::string& topic,
                                      const std::map<std::string, std::string>& settings) {
  absl::StatusOr<rd_kafka_conf_t*> made = MakeKafkaConf({{"bootstrap.servers", brokers},
                                                         {"linger.ms", "20"},
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
  topic_ = topic;
  return absl::OkStatus();
}

absl::Status KafkaEventProducer::Send(const std::string& key, const std::string& value,
                                      absl::Time event_time) {
  rd_kafka_vu_t fields[5];
  fields[0].vtype = RD_KAFKA_VTYPE_TOPIC;
  fields[0].u.cstr = topic_.c_str();
  fields[1].vtype = RD_KAFKA_VTYPE_KEY;
  fields[1].u.mem.ptr = const_cast<char*>(key.data());
  fields[1].u.mem.size = key.size();
  fields[2].vtype = RD_KAFKA_VTYPE_VALUE;
  fields[2].u.mem.ptr = const_cast<char*>(value.data());
  fields[2].u.mem.size = value.size();
  fields[3].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
  fields[3].u.i = RD_KAFKA_MSG_F_COPY;
  fields[4].vtype = RD_KAFKA_VTYPE_TIMESTAMP;
  fields[4].u.i64 = absl::ToUnixMillis(event_time);
  for (;;) {
    rd_kafka_error_t* error = rd_kafka_produceva(kafka_, fields, 5);
    if (error == nullptr) break;
    const rd_kafka_resp_err_t code = rd_kafka_error_code(error);
    const std::string reason = rd_kafka_error_string(error);
    rd_kafka_error_destroy(error);
    // The local queue is full: let deliveries drain, then try again.
    if (code == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      rd_kafka_poll(kafka_, 100);
      continue;
    }
    return absl::UnavailableError(absl::StrCat("producing to ", topic_, ": ", reason));
  }
  rd_kafka_poll(kafka_, 0);
  return absl::OkStatus();
}

absl::Status KafkaEventProducer::Close(absl::Duration timeout) {
  if (kafka_ == nullptr) return absl::OkStatus();
  const rd_kafka_resp_err_t err =
      rd_kafka_flush(kafka_, static_cast<int>(absl::ToInt64Milliseconds(timeout)));
  rd_kafka_destroy(kafka_);
  kafka_ = nullptr;
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return absl::DeadlineExceededError(absl::StrCat("records still unacknowledged after ",
                                                    absl::FormatDuration(timeout)));
  }
  if (failed_ > 0) {
    return absl::UnavailableError(
        absl::StrCat(failed_, " records were not delivered; the first because: ", first_error_));
  }
  return absl::OkStatus();
}

}  // namespace ontime

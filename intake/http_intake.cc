#include "intake/http_intake.h"

#include <simdjson.h>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "collectors/event_decoder.h"
#include "collectors/ingest_admission.h"

namespace ontime {

namespace {

// Retry-After: seconds to wait after a 429 (the queue drains fast) and a
// 503 (the broker is away: no use asking again at once).
constexpr std::string_view kRetryAfterThrottled = "1";
constexpr std::string_view kRetryAfterUnavailable = "5";
// How long one wait for an acknowledgement lasts before deadlines are looked at.
constexpr absl::Duration kAcknowledgementPoll = absl::Milliseconds(100);

std::string Message(std::string_view text) {
  return boost::json::serialize(boost::json::object{{"error", boost::json::string_view(text.data(), text.size())}});
}

IntakeReply Unavailable(std::string_view why) {
  return {.status = 503,
          .body = Message(absl::StrCat(std::string(why),
                                       "; none of this request counts as stored: send it again (its events keep "
                                       "their ids and count once)")),
          .retry_after = std::string(kRetryAfterUnavailable)};
}

// The events a body holds: one JSON object, or a list of them. Each is
// the element's own text, pointing into `padded`.
absl::Status SplitEvents(const simdjson::padded_string& padded, simdjson::ondemand::parser& parser,
                         std::vector<std::string_view>* events) {
  std::string_view body(padded.data(), padded.size());
  const size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return absl::InvalidArgumentError("the body is empty");
  if (body[first] == '{') {
    events->push_back(body);
    return absl::OkStatus();
  }
  if (body[first] != '[') {
    return absl::InvalidArgumentError("the body must be an event (a JSON object) or a list of them");
  }
  simdjson::ondemand::document document;
  simdjson::ondemand::array array;
  if (auto error = parser.iterate(padded).get(document); error) {
    return absl::InvalidArgumentError(absl::StrCat("the body is not JSON: ", simdjson::error_message(error)));
  }
  if (auto error = document.get_array().get(array); error) {
    return absl::InvalidArgumentError(absl::StrCat("the body is not a JSON list: ", simdjson::error_message(error)));
  }
  for (auto element : array) {
    // Each element's own text (simdjson 3.0 gives it for objects and
    // arrays; a scalar is its token): anything not an object is refused
    // later, by the decoder, as that element's fault alone.
    simdjson::ondemand::value value;
    simdjson::ondemand::json_type type;
    std::string_view text;
    bool failed = element.get(value) || value.type().get(type);
    if (!failed && type == simdjson::ondemand::json_type::object) {
      simdjson::ondemand::object object;
      failed = value.get_object().get(object) || object.raw_json().get(text);
    } else if (!failed && type == simdjson::ondemand::json_type::array) {
      simdjson::ondemand::array inner;
      failed = value.get_array().get(inner) || inner.raw_json().get(text);
    } else if (!failed) {
      text = value.raw_json_token();
      while (!text.empty() && absl::ascii_isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    }
    if (failed) return absl::InvalidArgumentError(absl::StrCat("the body is not JSON (at event ", events->size(), ")"));
    events->push_back(text);
  }
  return absl::OkStatus();
}

}  // namespace

HttpIntake::HttpIntake(const HttpIntakeSettings& settings, const IngestSettings& ingest, IntakeAuth auth,
                       std::vector<IntakeAuth> webhook_auth, RecordSink& sink, IntakeClock clock)
    : settings_(settings),
      topics_(ShipperTopicsFor(ingest, settings.topic)),
      auth_(std::move(auth)),
      sink_(sink),
      clock_(std::move(clock)),
      admission_(AdmissionLimitsOf(ingest)) {
  for (size_t i = 0; i < settings.webhooks.size(); ++i) {
    webhooks_.push_back(std::make_unique<Webhook>(settings.webhooks[i], std::move(webhook_auth.at(i))));
  }
}

HttpIntake::~HttpIntake() { Stop(); }

void HttpIntake::Start() {
  thread_ = std::thread([this] { AwaitAcknowledgements(); });
}

void HttpIntake::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::deque<Waiting> left;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    left.swap(waiting_);
    pending_events_ = 0;
  }
  for (Waiting& w : left) Answer(w.respond, Unavailable("ontimed is stopping"));
}

void HttpIntake::Answer(IntakeRespond& respond, IntakeReply reply) {
  switch (reply.status) {
    case 200: ++requests_ok_; break;
    case 422: ++requests_partly_refused_; break;
    case 400: ++requests_bad_; break;
    case 401: ++requests_unauthorized_; break;
    case 429: ++requests_throttled_; break;
    default: ++requests_unavailable_; break;
  }
  respond(std::move(reply));
}

IntakeReply HttpIntake::Unauthorized(std::string_view signature_header) {
  return {.status = 401,
          .body = Message(absl::StrCat("a bearer token or a ", std::string(signature_header),
                                       " signature of the body is needed")),
          .retry_after = {}};
}

void HttpIntake::Post(const IntakeRequest& request, IntakeRespond respond) {
  if (!auth_.Allows(request.authorization, request.signature, request.body)) {
    return Answer(respond, Unauthorized(settings_.signature_header));
  }
  // Simdjson reads past the end of what it parses: the body gets padding.
  const simdjson::padded_string padded(request.body);
  simdjson::ondemand::parser parser;
  std::vector<std::string_view> texts;
  if (absl::Status s = SplitEvents(padded, parser, &texts); !s.ok()) {
    return Answer(respond, {.status = 400, .body = Message(std::string(s.message())), .retry_after = {}});
  }
  Ship(request, settings_.path, texts, std::nullopt, std::move(respond));
}

void HttpIntake::PostWebhook(size_t index, const IntakeRequest& request, IntakeRespond respond) {
  Webhook& hook = *webhooks_.at(index);
  if (!hook.auth.Allows(request.authorization, request.signature, request.body)) {
    return Answer(respond, Unauthorized(hook.settings.signature_header.empty() ? settings_.signature_header
                                                                              : hook.settings.signature_header));
  }
  const WebhookResult result = hook.events.Convert(request.body, clock_());
  if (result.skipped) {
    ++webhooks_skipped_;  // counted apart from the requests that stored something
    return respond({.status = 200, .body = "{\"accepted\":0,\"skipped\":1}\n", .retry_after = {}});
  }
  if (!result.ok) {
    // The body is the one event: refused with the mapping's reason, and
    // kept as a dead letter as it came.
    return Ship(request, hook.settings.path, {request.body}, Refusal{result.reason, result.detail},
                std::move(respond));
  }
  Ship(request, hook.settings.path, {result.event_json}, std::nullopt, std::move(respond));
}

void HttpIntake::Ship(const IntakeRequest& request, std::string_view path, const std::vector<std::string_view>& texts,
                      std::optional<Refusal> refused_as_a_whole, IntakeRespond respond) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return Answer(respond, Unavailable("ontimed is stopping"));
    if (unsettled_up_to_ > 0) {
      return Answer(respond, Unavailable("the broker has not acknowledged earlier events yet"));
    }
    if (pending_events_ > 0 && pending_events_ + static_cast<int64_t>(texts.size()) > settings_.max_pending_events) {
      return Answer(respond, {.status = 429,
                              .body = Message(absl::StrCat(pending_events_,
                                                           " events already wait for the broker; send again soon")),
                              .retry_after = std::string(kRetryAfterThrottled)});
    }
  }
  const absl::Time arrived = clock_();
  const int64_t arrived_ms = absl::ToUnixMillis(arrived);
  // A full local queue is answered 503 at once: the HTTP thread never waits.
  EventShipment shipment(sink_, topics_, absl::ZeroDuration());
  boost::json::array refused;
  int64_t accepted = 0;
  Event event;
  v1::ContactEvent message;
  for (size_t i = 0; i < texts.size(); ++i) {
    std::optional<Refusal> refusal = refused_as_a_whole;
    if (!refusal) refusal = admission_.Admit(WireFormat::kJson, texts[i], arrived_ms, &event);
    if (refusal) {
      refused.push_back(boost::json::object{{"index", i},
                                            {"reason", boost::json::string_view(refusal->reason.data(),
                                                                                refusal->reason.size())},
                                            {"detail", refusal->detail}});
      if (topics_.dead_letters.empty()) continue;
      const absl::Status s = shipment.SendDeadLetter(
          "http", {.text = std::string(texts[i]),
                   .file = absl::StrCat("POST ", std::string(path), " from ", std::string(request.peer)),
                   .offset = static_cast<int64_t>(i),
                   .reason = std::string(refusal->reason),
                   .detail = std::move(refusal->detail)});
      if (!s.ok()) {
        return Answer(respond, Unavailable(absl::StrCat("the local queue is full (", std::string(s.message()), ")")));
      }
      continue;
    }
    // A JSON topic gets the event as it came; a protobuf one, encoded.
    std::string_view value = texts[i];
    if (topics_.format == WireFormat::kProtobuf) {
      ToMessage(event, &message);
      message.SerializeToString(&value_);
      value = value_;
    }
    if (absl::Status s = shipment.SendEncoded(event.contact_id, value, arrived); !s.ok()) {
      return Answer(respond, Unavailable(absl::StrCat("the local queue is full (", std::string(s.message()), ")")));
    }
    ++accepted;
  }
  events_refused_ += refused.size();
  boost::json::object body{{"accepted", accepted}};
  if (!refused.empty()) body["refused"] = std::move(refused);
  Waiting w{.last_sequence = shipment.last_sequence(),
            .events = static_cast<int64_t>(texts.size()),
            .accepted = accepted,
            .deadline = arrived + settings_.ack_timeout,
            .reply = {.status = body.contains("refused") ? 422 : 200,
                      .body = boost::json::serialize(body),
                      .retry_after = {}},
            .respond = std::move(respond)};
  w.reply.body.push_back('\n');
  if (w.last_sequence == 0) return Answer(w.respond, std::move(w.reply));  // an empty list
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!stopping_) {
      pending_events_ += w.events;
      waiting_.push_back(std::move(w));
      changed_.notify_all();
      return;
    }
  }
  Answer(w.respond, Unavailable("ontimed is stopping"));
}

void HttpIntake::AwaitAcknowledgements() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || !waiting_.empty() || unsettled_up_to_ > 0; });
    if (stopping_) return;
    // The oldest request first: its records were sent before any later one's.
    const bool answering = !waiting_.empty();
    const uint64_t sequence = answering ? waiting_.front().last_sequence : unsettled_up_to_;
    lock.unlock();
    const absl::Status acked = sink_.FlushUpTo(sequence, kAcknowledgementPoll);
    lock.lock();
    if (!answering) {
      // Records of requests answered 503: settled (stored or failed for
      // good), the broker answers again and requests are queued again.
      if (!absl::IsDeadlineExceeded(acked) && unsettled_up_to_ == sequence) unsettled_up_to_ = 0;
      continue;
    }
    if (waiting_.empty() || waiting_.front().last_sequence != sequence) continue;  // answered by Stop
    if (absl::IsDeadlineExceeded(acked) && clock_() < waiting_.front().deadline) continue;
    std::deque<Waiting> stored, not_stored;
    IntakeReply failure;
    if (acked.ok()) {
      stored.push_back(std::move(waiting_.front()));
      waiting_.pop_front();
      // The requests behind it whose records are acknowledged too (the
      // broker acknowledges in bulk) are answered in the same pass, each
      // looked at without waiting, oldest first.
      while (!waiting_.empty()) {
        const uint64_t next = waiting_.front().last_sequence;
        lock.unlock();
        const absl::Status also = sink_.FlushUpTo(next, absl::ZeroDuration());
        lock.lock();
        if (waiting_.empty() || waiting_.front().last_sequence != next || absl::IsDeadlineExceeded(also)) break;
        // A record that failed is reported once: its request is answered 503 here.
        (also.ok() ? stored : not_stored).push_back(std::move(waiting_.front()));
        waiting_.pop_front();
        if (!also.ok()) {
          failure = Unavailable(absl::StrCat("the broker did not store every event (", also.message(), ")"));
          break;
        }
      }
    } else if (absl::IsDeadlineExceeded(acked)) {
      // The broker is not answering: this request and every one behind it
      // (their records queue behind its own) are answered 503 now, and new
      // ones at once, until these records settle.
      not_stored.swap(waiting_);
      unsettled_up_to_ = std::max(unsettled_up_to_, not_stored.back().last_sequence);
      failure = Unavailable(absl::StrCat("the broker did not acknowledge within ",
                                         absl::FormatDuration(settings_.ack_timeout)));
    } else {
      not_stored.push_back(std::move(waiting_.front()));
      waiting_.pop_front();
      failure = Unavailable(absl::StrCat("the broker did not store every event (", acked.message(), ")"));
    }
    for (const Waiting& w : stored) pending_events_ -= w.events;
    for (const Waiting& w : not_stored) pending_events_ -= w.events;
    lock.unlock();
    for (Waiting& w : stored) {
      // Only what the broker holds counts as accepted.
      events_accepted_ += static_cast<uint64_t>(w.accepted);
      Answer(w.respond, std::move(w.reply));
    }
    for (Waiting& w : not_stored) Answer(w.respond, failure);
    lock.lock();
  }
}

HttpIntakeCounters HttpIntake::counters() const {
  HttpIntakeCounters c;
  c.requests = {{"accepted", requests_ok_.load()},         {"partly_refused", requests_partly_refused_.load()},
                {"bad_request", requests_bad_.load()},     {"unauthorized", requests_unauthorized_.load()},
                {"throttled", requests_throttled_.load()}, {"unavailable", requests_unavailable_.load()}};
  c.events_accepted = events_accepted_.load();
  c.events_refused = events_refused_.load();
  c.requests["skipped"] = webhooks_skipped_.load();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    c.pending_events = pending_events_;
  }
  return c;
}

}  // namespace ontime

// A realistic event stream for benchmarks: a council contact centre's calls,
// emails and visits, in event-time order with a little disorder and a few
// duplicates, serialised as the protobuf the Kafka topic carries.
#ifndef ONTIME_BENCH_CORPUS_H_
#define ONTIME_BENCH_CORPUS_H_

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "engine/engine_config.h"
#include "ontime/v1/contact_event.pb.h"

namespace ontime::bench {

inline void SetTime(google::protobuf::Timestamp* ts, absl::Time t) {
  const int64_t us = absl::ToUnixMicros(t);
  ts->set_seconds(us / 1000000);
  ts->set_nanos(static_cast<int32_t>(us % 1000000) * 1000);
}

// `contacts` contacts, about three events each.
inline std::vector<std::string> MakeCorpus(int contacts, uint64_t seed = 1) {
  std::mt19937_64 rng(seed);
  const char* services[] = {"council-tax", "housing", "waste", "benefits", "parking", "planning"};
  const char* groups[] = {"under-25", "25-64", "over-65", "unknown"};
  const absl::Time start = absl::FromUnixSeconds(1790000000);
  struct Timed {
    absl::Time time;
    std::string bytes;
  };
  std::vector<Timed> events;
  events.reserve(static_cast<size_t>(contacts) * 3);
  v1::ContactEvent m;
  auto emit = [&](const std::string& id, v1::EventType type, absl::Time t, int seq) {
    m.set_event_id(absl::StrCat(id, ":", seq));
    m.set_type(type);
    SetTime(m.mutable_event_time(), t);
    events.push_back({t, m.SerializeAsString()});
    if (rng() % 50 == 0) events.push_back({t + absl::Seconds(1), events.back().bytes});
  };
  for (int n = 0; n < contacts; ++n) {
    m.Clear();
    const std::string id = absl::StrCat("CAS-", 1000000 + n);
    m.set_contact_id(id);
    const int kind = static_cast<int>(rng() % 10);
    const v1::Channel channel = kind < 6 ? v1::CHANNEL_PHONE : kind < 9 ? v1::CHANNEL_EMAIL : v1::CHANNEL_VISIT;
    // A contact every 20 ms of event time: a busy day is compressed, so
    // contacts overlap as they would at several times real volume.
    const absl::Time received = start + absl::Milliseconds(20) * n;
    m.set_channel(channel);
    m.set_service(services[rng() % 6]);
    m.set_customer_group(groups[rng() % 4]);
    m.set_contact_type(rng() % 20 == 0 ? "complaint" : "enquiry");
    emit(id, v1::EVENT_TYPE_RECEIVED, received, 0);
    m.clear_channel();
    m.clear_service();
    m.clear_customer_group();
    m.clear_contact_type();
    if (channel == v1::CHANNEL_PHONE && rng() % 12 == 0) {
      emit(id, v1::EVENT_TYPE_ABANDONED, received + absl::Seconds(static_cast<int64_t>(rng() % 200)), 1);
      continue;
    }
    const absl::Time answered = received + absl::Seconds(static_cast<int64_t>(rng() % (channel == v1::CHANNEL_EMAIL ? 86400 : 120)));
    emit(id, v1::EVENT_TYPE_FIRST_RESPONSE, answered, 1);
    absl::Time t = answered;
    if (rng() % 10 == 0) {
      emit(id, v1::EVENT_TYPE_ON_HOLD, t + absl::Seconds(30), 2);
      t += absl::Seconds(30 + static_cast<int64_t>(rng() % 600));
      emit(id, v1::EVENT_TYPE_RESUMED, t, 3);
    }
    emit(id, v1::EVENT_TYPE_RESOLVED, t + absl::Seconds(static_cast<int64_t>(rng() % 900)), 4);
  }
  // Arrival order: event time plus up to a minute of delivery jitter.
  for (auto& e : events) e.time += absl::Milliseconds(static_cast<int64_t>(rng() % 60000));
  std::stable_sort(events.begin(), events.end(),
                   [](const Timed& a, const Timed& b) { return a.time < b.time; });
  std::vector<std::string> out;
  out.reserve(events.size());
  for (auto& e : events) out.push_back(std::move(e.bytes));
  return out;
}

// The example organisation's phone, email and visit standards, on elapsed
// and business clocks and working days.
inline EngineConfig BenchConfig() {
  EngineConfig config;
  config.allowed_lateness = absl::Minutes(5);
  CalendarSpec office;
  office.name = "office";
  absl::LoadTimeZone("Europe/London", &office.time_zone);
  for (int d = 0; d < 5; ++d) office.opening_hours[static_cast<size_t>(d)] = {{8 * 3600 + 1800, 17 * 3600}};
  office.cut_off_second = 17 * 3600;
  config.calendars.push_back(office);
  auto add = [&](const char* id, Stage stage, ClockKind clock, int64_t threshold, Channel channel) {
    Standard s;
    s.id = id;
    s.stage = stage;
    s.clock = clock;
    s.threshold = threshold;
    if (channel != Channel::kUnspecified) s.applies_to.channels = {channel};
    if (clock != ClockKind::kElapsed) s.calendar = "office";
    s.abandoned_grace = absl::Seconds(5);
    config.standards.push_back(s);
  };
  add("phone-answer", Stage::kFirstResponse, ClockKind::kElapsed, 60'000'000, Channel::kPhone);
  add("phone-resolve", Stage::kResolution, ClockKind::kElapsed, 1800'000'000, Channel::kPhone);
  add("email-reply", Stage::kFirstResponse, ClockKind::kWorkingDays, 2, Channel::kEmail);
  add("email-resolve", Stage::kResolution, ClockKind::kBusiness, 8 * 3600'000'000LL, Channel::kEmail);
  add("visit-seen", Stage::kFirstResponse, ClockKind::kBusiness, 900'000'000, Channel::kVisit);
  add("fcr", Stage::kFirstContactResolution, ClockKind::kElapsed, 0, Channel::kUnspecified);
  return config;
}

}  // namespace ontime::bench

#endif  // ONTIME_BENCH_CORPUS_H_

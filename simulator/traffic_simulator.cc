#include "simulator/traffic_simulator.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace ontime {
namespace {

constexpr const char* kServices[] = {"council-tax", "housing", "waste", "benefits", "parking",
                                     "planning"};
constexpr double kServiceWeights[] = {0.28, 0.22, 0.2, 0.15, 0.1, 0.05};
constexpr const char* kGroups[] = {"16-24", "25-44", "45-64", "65+", "not-given"};
constexpr double kGroupWeights[] = {0.1, 0.32, 0.3, 0.2, 0.08};

// Calls per hour of the phone line, relative: the Monday-morning peak and the
// lunchtime dip every contact centre knows.
constexpr double kCallShape[24] = {0, 0, 0, 0, 0, 0, 0, 0, 0.9, 1.5, 1.35, 1.15,
                                   0.9, 1.0, 1.0, 0.8, 0.55, 0, 0, 0, 0, 0, 0, 0};

class Generator {
 public:
  Generator(const SimulationOptions& options, std::vector<SimulatedEvent>* out)
      : options_(options), rng_(options.seed), out_(out) {
    absl::LoadTimeZone(options.time_zone, &zone_);
  }

  int64_t Run() {
    for (int d = 0; d < options_.days; ++d) SimulateDay(options_.first_day + d);
    return contacts_;
  }

 private:
  double Uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng_); }
  bool Chance(double p) { return Uniform(0, 1) < p; }
  double Exponential(double mean) { return std::exponential_distribution<double>(1.0 / mean)(rng_); }
  template <size_t N>
  size_t Pick(const double (&weights)[N]) {
    return std::discrete_distribution<size_t>(std::begin(weights), std::end(weights))(rng_);
  }
  absl::Time At(absl::CivilDay day, double seconds_into_day) {
    return absl::FromCivil(absl::CivilSecond(day), zone_) +
           absl::Microseconds(static_cast<int64_t>(seconds_into_day * 1e6));
  }
  static bool Weekend(absl::CivilDay day) {
    const absl::Weekday w = absl::GetWeekday(day);
    return w == absl::Weekday::saturday || w == absl::Weekday::sunday;
  }
  // A time in working hours, `days_later` working days after `from`.
  absl::Time InWorkingHours(absl::Time from, int days_later, double earliest_hour = 9,
                            double latest_hour = 16.5) {
    absl::CivilDay day = absl::ToCivilDay(from, zone_);
    for (int n = 0; n < days_later || Weekend(day);) {
      ++day;
      if (!Weekend(day)) ++n;
    }
    absl::Time t = At(day, Uniform(earliest_hour, latest_hour) * 3600);
    return std::max(t, from + absl::Minutes(1));
  }

  // Starts a contact: a fresh reference and its attributes on the receipt.
  v1::ContactEvent Start(const char* prefix, v1::Channel channel, const char* type) {
    ++contacts_;
    v1::ContactEvent e;
    e.set_contact_id(absl::StrCat(options_.contact_id_prefix, prefix, "-", 100000 + contacts_));
    e.set_channel(channel);
    e.set_contact_type(type);
    e.set_service(kServices[Pick(kServiceWeights)]);
    e.set_customer_group(kGroups[Pick(kGroupWeights)]);
    e.set_site(channel == v1::CHANNEL_VISIT ? "town-hall" : "contact-centre");
    return e;
  }

  void Emit(const v1::ContactEvent& contact, v1::EventType type, absl::Time t,
            absl::Time promised = absl::InfinitePast(), int score = 0) {
    SimulatedEvent s;
    s.event.set_contact_id(contact.contact_id());
    s.event.set_event_id(absl::StrCat(contact.contact_id(), ":", ++sequence_));
    s.event.set_type(type);
    SetTime(t, s.event.mutable_event_time());
    if (type == v1::EVENT_TYPE_RECEIVED || type == v1::EVENT_TYPE_REOPENED ||
        type == v1::EVENT_TYPE_SATISFACTION) {
      s.event.set_channel(contact.channel());
      s.event.set_contact_type(contact.contact_type());
      s.event.set_service(contact.service());
      s.event.set_customer_group(contact.customer_group());
      s.event.set_site(contact.site());
    }
    if (promised != absl::InfinitePast()) SetTime(promised, s.event.mutable_promised_time());
    if (score > 0) s.event.set_satisfaction_score(score);
    // Delivery: usually within a second or two; a few late; a few twice.
    s.delivered = t + absl::Milliseconds(static_cast<int64_t>(Uniform(50, 2000)));
    if (Chance(options_.late_share)) {
      s.delivered += absl::Microseconds(static_cast<int64_t>(
          Uniform(0, 1) * static_cast<double>(absl::ToInt64Microseconds(options_.lateness))));
    }
    out_->push_back(s);
    if (Chance(options_.duplicate_share)) {
      s.delivered += absl::Seconds(static_cast<int64_t>(Uniform(1, 60)));
      out_->push_back(s);
    }
  }

  static void SetTime(absl::Time t, google::protobuf::Timestamp* ts) {
    const int64_t us = absl::ToUnixMicros(t);
    ts->set_seconds(us / 1000000);
    ts->set_nanos(static_cast<int32_t>(us % 1000000) * 1000);
  }

  void MaybeScore(const v1::ContactEvent& c, absl::Time resolved) {
    if (!Chance(0.2)) return;
    constexpr double kScores[] = {0.05, 0.07, 0.13, 0.35, 0.4};
    Emit(c, v1::EVENT_TYPE_SATISFACTION, resolved + absl::Seconds(static_cast<int64_t>(Exponential(6 * 3600))),
         absl::InfinitePast(), static_cast<int>(Pick(kScores)) + 1);
  }

  void SimulateDay(absl::CivilDay day) {
    const absl::Weekday weekday = absl::GetWeekday(day);
    const bool weekend = Weekend(day);
    const double day_factor = weekday == absl::Weekday::monday ? 1.25
                              : weekday == absl::Weekday::friday ? 0.85
                                                                  : 1.0;
    if (!weekend) SimulateCalls(day, options_.calls_per_weekday * day_factor);
    SimulateEmails(day, options_.calls_per_weekday * (weekend ? 0.08 : 0.3));
    if (!weekend) {
      SimulateLetters(day, options_.calls_per_weekday * 0.04);
      SimulateVisits(day, options_.calls_per_weekday * 0.12 * day_factor);
      SimulateComplaints(day, options_.calls_per_weekday * 0.015);
    }
  }

  // Poisson arrivals at `per_day` over the seconds [from_hour, to_hour),
  // shaped by `shape` (per hour) when given.
  template <typename F>
  void Arrivals(absl::CivilDay day, double per_day, double from_hour, double to_hour,
                const double* shape, F&& arrive) {
    double total_weight = 0;
    for (int h = 0; h < 24; ++h) {
      const double overlap = std::max(0.0, std::min<double>(h + 1, to_hour) - std::max<double>(h, from_hour));
      total_weight += overlap * (shape ? shape[h] : 1.0);
    }
    if (total_weight <= 0) return;
    for (int h = 0; h < 24; ++h) {
      const double begin = std::max<double>(h, from_hour), end = std::min<double>(h + 1, to_hour);
      if (begin >= end) continue;
      const double weight = (end - begin) * (shape ? shape[h] : 1.0);
      const double rate = per_day * weight / total_weight / ((end - begin) * 3600);  // per second
      if (rate <= 0) continue;
      for (double t = begin * 3600 + Exponential(1 / rate); t < end * 3600; t += Exponential(1 / rate)) {
        arrive(At(day, t), shape ? shape[h] : 1.0);
      }
    }
  }

  void SimulateCalls(absl::CivilDay day, double per_day) {
    Arrivals(day, per_day, 8.5, 17, kCallShape, [&](absl::Time received, double load) {
      v1::ContactEvent c = Start("CALL", v1::CHANNEL_PHONE, Chance(0.03) ? "complaint" : "enquiry");
      Emit(c, v1::EVENT_TYPE_RECEIVED, received);
      const double wait = Exponential(22 * load * load);
      const double patience = Exponential(110);
      if (wait > patience) {
        Emit(c, v1::EVENT_TYPE_ABANDONED, received + absl::Seconds(patience));
        return;
      }
      const absl::Time answered = received + absl::Seconds(wait);
      Emit(c, v1::EVENT_TYPE_FIRST_RESPONSE, answered);
      absl::Time t = answered + absl::Seconds(Exponential(240));
      if (Chance(0.08)) Emit(c, v1::EVENT_TYPE_TRANSFERRED, t - absl::Seconds(30));
      if (Chance(0.05)) {
        Emit(c, v1::EVENT_TYPE_ON_HOLD, t);
        t += absl::Seconds(30 + Exponential(90));
        Emit(c, v1::EVENT_TYPE_RESUMED, t);
        t += absl::Seconds(Exponential(60));
      }
      if (Chance(0.72)) {
        Emit(c, v1::EVENT_TYPE_RESOLVED, t);
        MaybeScore(c, t);
        return;
      }
      // Not done at first contact: a call-back promised within two working
      // days, usually kept (CSE 5.2.4).
      const absl::Time promised = InWorkingHours(t, 2, 16.9, 17);
      Emit(c, v1::EVENT_TYPE_PROMISED, t, promised);
      const absl::Time resolved = Chance(0.9) ? InWorkingHours(t, static_cast<int>(Uniform(0, 2)))
                                              : InWorkingHours(t, 3 + static_cast<int>(Uniform(0, 3)));
      const absl::Time done = std::max(resolved, t + absl::Minutes(5));
      Emit(c, v1::EVENT_TYPE_RESOLVED, done);
      MaybeScore(c, done);
    });
  }

  void SimulateEmails(absl::CivilDay day, double per_day) {
    constexpr double kEmailShape[24] = {0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.3, 1.5, 1.5, 1.4,
                                        1.2, 1.3, 1.3, 1.2, 1.1, 1.0, 0.9, 0.9, 0.8, 0.7, 0.5, 0.3};
    Arrivals(day, per_day, 0, 24, kEmailShape, [&](absl::Time received, double) {
      v1::ContactEvent c = Start("EML", Chance(0.3) ? v1::CHANNEL_WEB_FORM : v1::CHANNEL_EMAIL,
                                 Chance(0.5) ? "request" : "enquiry");
      Emit(c, v1::EVENT_TYPE_RECEIVED, received);
      const int reply_days = Chance(0.85) ? static_cast<int>(Uniform(0, 2)) : 2 + static_cast<int>(Uniform(0, 4));
      const absl::Time replied = InWorkingHours(received, reply_days);
      Emit(c, v1::EVENT_TYPE_FIRST_RESPONSE, replied);
      if (Chance(0.6)) {
        Emit(c, v1::EVENT_TYPE_RESOLVED, replied);
        MaybeScore(c, replied);
        return;
      }
      absl::Time t = replied;
      if (Chance(0.3)) {
        Emit(c, v1::EVENT_TYPE_ON_HOLD, t + absl::Minutes(5));
        t = InWorkingHours(t, 1 + static_cast<int>(Uniform(0, 4)));
        Emit(c, v1::EVENT_TYPE_RESUMED, t);
      }
      const absl::Time resolved = InWorkingHours(t, 1 + static_cast<int>(Exponential(4)));
      Emit(c, v1::EVENT_TYPE_RESOLVED, resolved);
      MaybeScore(c, resolved);
      if (Chance(0.03)) {
        const absl::Time reopened = resolved + absl::Hours(20 + static_cast<int64_t>(Uniform(0, 100)));
        Emit(c, v1::EVENT_TYPE_REOPENED, reopened);
        Emit(c, v1::EVENT_TYPE_RESOLVED, InWorkingHours(reopened, 1 + static_cast<int>(Uniform(0, 3))));
      }
    });
  }

  void SimulateLetters(absl::CivilDay day, double per_day) {
    Arrivals(day, per_day, 9, 11, nullptr, [&](absl::Time received, double) {
      v1::ContactEvent c = Start("LTR", v1::CHANNEL_LETTER, Chance(0.2) ? "complaint" : "request");
      Emit(c, v1::EVENT_TYPE_RECEIVED, received);
      const int days = Chance(0.93) ? 2 + static_cast<int>(Uniform(0, 8)) : 10 + static_cast<int>(Uniform(0, 6));
      const absl::Time replied = InWorkingHours(received, days, 10, 16);
      Emit(c, v1::EVENT_TYPE_FIRST_RESPONSE, replied);
      Emit(c, v1::EVENT_TYPE_RESOLVED, replied);
    });
  }

  void SimulateVisits(absl::CivilDay day, double per_day) {
    constexpr double kCounterShape[24] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1.2, 1.4, 1.3,
                                          1.0, 1.1, 1.0, 0.8, 0.6, 0, 0, 0, 0, 0, 0, 0};
    Arrivals(day, per_day, 9, 16.5, kCounterShape, [&](absl::Time arrived, double load) {
      v1::ContactEvent c = Start("VIS", v1::CHANNEL_VISIT, "enquiry");
      Emit(c, v1::EVENT_TYPE_RECEIVED, arrived);
      const absl::Time seen = arrived + absl::Seconds(Exponential(300 * load));
      Emit(c, v1::EVENT_TYPE_FIRST_RESPONSE, seen);
      const absl::Time done = seen + absl::Seconds(Exponential(600));
      Emit(c, v1::EVENT_TYPE_RESOLVED, done);
      MaybeScore(c, done);
    });
  }

  void SimulateComplaints(absl::CivilDay day, double per_day) {
    Arrivals(day, per_day, 8, 18, nullptr, [&](absl::Time received, double) {
      v1::ContactEvent c = Start("CMP", Chance(0.7) ? v1::CHANNEL_EMAIL : v1::CHANNEL_WEB_FORM,
                                 "complaint");
      Emit(c, v1::EVENT_TYPE_RECEIVED, received);
      absl::Time t = InWorkingHours(received, Chance(0.9) ? 1 + static_cast<int>(Uniform(0, 2)) : 4);
      Emit(c, v1::EVENT_TYPE_FIRST_RESPONSE, t);
      const int total_days = 5 + static_cast<int>(Exponential(10));
      if (Chance(0.5)) {
        Emit(c, v1::EVENT_TYPE_PROMISED, t, InWorkingHours(t, total_days + 2, 16.9, 17));
      }
      for (int elapsed = 0; elapsed + 4 < total_days; elapsed += 4) {
        t = InWorkingHours(t, Chance(0.85) ? 4 : 6);
        Emit(c, v1::EVENT_TYPE_UPDATE, t);
      }
      const absl::Time resolved = InWorkingHours(t, 1 + static_cast<int>(Uniform(0, 3)));
      Emit(c, v1::EVENT_TYPE_RESOLVED, resolved);
      MaybeScore(c, resolved);
    });
  }

  SimulationOptions options_;
  absl::TimeZone zone_;
  std::mt19937_64 rng_;
  std::vector<SimulatedEvent>* out_;
  int64_t contacts_ = 0;
  int64_t sequence_ = 0;
};

}  // namespace

int64_t Simulate(const SimulationOptions& options,
                 const std::function<void(const SimulatedEvent&)>& sink) {
  std::vector<SimulatedEvent> events;
  const int64_t contacts = Generator(options, &events).Run();
  std::stable_sort(events.begin(), events.end(), [](const SimulatedEvent& a, const SimulatedEvent& b) {
    return a.delivered < b.delivered;
  });
  for (const SimulatedEvent& e : events) sink(e);
  return contacts;
}

}  // namespace ontime

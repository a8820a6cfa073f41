#include "engine/engine.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/event_validation.h"

namespace ontime {

void EngineCounters::Merge(const EngineCounters& other) {
  for (size_t i = 0; i < events.size(); ++i) events[i] += other.events[i];
  for (size_t i = 0; i < outcomes.size(); ++i) outcomes[i] += other.outcomes[i];
  for (size_t i = 0; i < signals.size(); ++i) signals[i] += other.signals[i];
  for (size_t i = 0; i < received_by_channel.size(); ++i) received_by_channel[i] += other.received_by_channel[i];
  orphans += other.orphans;
  standards_truncated += other.standards_truncated;
  for (const auto& [reason, n] : other.invalid_by_reason) invalid_by_reason[reason] += n;
}
namespace {

// A contact whose first episode has left memory comes back as a reopening:
// its number is then at least 1, whatever order its events arrived in.
uint32_t EpisodeNumber(const Contact& contact, const Episode& episode) {
  return std::max<uint32_t>(contact.episode, episode.started_by_reopening ? 1 : 0);
}


}  // namespace

Engine::Engine(EngineConfig config)
    : config_(std::move(config)), applicability_(config_.standards, symbols_) {}

absl::StatusOr<std::unique_ptr<Engine>> Engine::Create(EngineConfig config) {
  std::unique_ptr<Engine> engine(new Engine(std::move(config)));
  if (absl::Status status = engine->Init(); !status.ok()) return status;
  return engine;
}

absl::Status Engine::Init() {
  calendars_.push_back(std::make_unique<Calendar>(AlwaysOpenUtc()));
  for (const CalendarSpec& spec : config_.calendars) {
    calendars_.push_back(std::make_unique<Calendar>(spec));
  }
  if (config_.standards.size() > 65535) {
    return absl::InvalidArgumentError("more than 65535 standards");
  }
  std::array<size_t, kChannelCount> per_channel{};
  for (const Standard& standard : config_.standards) {
    const Calendar* calendar = calendars_.front().get();
    if (!standard.calendar.empty()) {
      auto it = std::find_if(calendars_.begin(), calendars_.end(),
                             [&](const auto& c) { return c->name() == standard.calendar; });
      if (it == calendars_.end()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "standard ", standard.id, " uses unknown calendar ", standard.calendar));
      }
      calendar = it->get();
    }
    standards_.push_back({calendar, MakeClock(standard.clock, calendar)});
    // Values a filter names always have a symbol of their own, so a flood
    // of other values (past SymbolTable::kMaxSymbols) cannot make a
    // configured value fall into "(other)" and stop matching.
    for (const auto* values : {&standard.applies_to.contact_types, &standard.applies_to.services,
                               &standard.applies_to.priorities}) {
      for (const std::string& value : *values) symbols_.Intern(value);
    }
    for (int ch = 1; ch < kChannelCount; ++ch) {
      const auto& channels = standard.applies_to.channels;
      if (channels.empty() ||
          std::find(channels.begin(), channels.end(), static_cast<Channel>(ch)) !=
              channels.end()) {
        ++per_channel[static_cast<size_t>(ch)];
      }
    }
  }
  for (int ch = 1; ch < kChannelCount; ++ch) {
    if (per_channel[static_cast<size_t>(ch)] > kMaxStandardsPerContact) {
      return absl::InvalidArgumentError(
          absl::StrCat(per_channel[static_cast<size_t>(ch)], " standards apply to channel ",
                       std::string(ChannelName(static_cast<Channel>(ch))), "; at most ",
                       kMaxStandardsPerContact, " may apply to one channel"));
    }
  }
  return absl::OkStatus();
}

absl::TimeZone Engine::time_zone(StandardIndex i) const {
  return runtime(i).calendar->time_zone();
}

constexpr std::string_view kStampedBeforeReceipt = "stamped before its contact's receipt";

void Engine::SetAttributes(Contact& contact, const Event& event) {
  ContactAttributes& a = contact.attributes;
  const bool is_start = StartsContact(event.type);
  if (event.channel == Channel::kUnspecified) return;
  if (a.from_start && !is_start) return;
  if (a.from_start && is_start) {
    // Two starts: the earliest in canonical order speaks for the contact.
    const StoredEvent* first_start = nullptr;
    for (const StoredEvent& e : contact.events) {
      if (StartsContact(e.type())) {
        first_start = &e;
        break;
      }
    }
    if (first_start == nullptr ||
        first_start->hash_and_type != HashEventId(event.event_id, event.type) ||
        first_start->time_us != absl::ToUnixMicros(event.time)) {
      return;
    }
  }
  a.channel = event.channel;
  a.from_start = is_start;
  a.contact_type = symbols_.Intern(event.contact_type);
  a.service = symbols_.Intern(event.service);
  a.priority = symbols_.Intern(event.priority);
  a.customer_group = symbols_.Intern(event.customer_group);
}

void Engine::Apply(const Event& event, Effects& effects) {
  auto done = [&](Disposition disposition) {
    effects.disposition = disposition;
    ++counters_.events[static_cast<size_t>(disposition)];
  };
  if (std::string_view reason = ValidateEvent(event); !reason.empty()) {
    effects.invalid_reason = reason;
    ++counters_.invalid_by_reason[std::string(reason)];
    return done(Disposition::kInvalid);
  }
  const int64_t time_us = absl::ToUnixMicros(event.time);
  if (time_us < watermark_us_) return done(Disposition::kLate);

  int32_t payload = 0;
  if (event.type == EventType::kPromised) {
    payload = static_cast<int32_t>(absl::ToUnixSeconds(event.promised_time) -
                                   absl::ToUnixSeconds(event.time));
  } else if (event.type == EventType::kSatisfaction) {
    payload = event.satisfaction_score;
  }
  const StoredEvent stored{time_us, HashEventId(event.event_id, event.type), payload};

  const bool needs_partner = !StartsContact(event.type) && event.type != EventType::kSatisfaction;
  Slot slot;
  if (needs_partner && held_ >= static_cast<size_t>(config_.max_held_contacts)) {
    // Only an unknown contact would be refused: look before adding.
    const Slot* found = contacts_.Find(event.contact_id);
    if (found == nullptr) return done(Disposition::kRefused);
    slot = *found;
  } else {
    slot = contacts_.FindOrInsert(event.contact_id);
  }
  Contact& contact = contacts_.at(slot);
  if (needs_partner) {
    // A response, resolution, ... stamped before the contact was received
    // contradicts it: refused with a reason, not credited as instant.
    // (One that arrives before its receipt is held, and the episode then
    // leaves it out: the outcome is the same in any arrival order.)
    for (const StoredEvent& e : contact.events) {
      if (!StartsContact(e.type())) continue;
      if (time_us < e.time_us) {
        effects.invalid_reason = kStampedBeforeReceipt;
        ++counters_.invalid_by_reason[std::string(kStampedBeforeReceipt)];
        return done(Disposition::kInvalid);
      }
      break;
    }
  }
  auto position = std::lower_bound(contact.events.begin(), contact.events.end(), stored);
  if (position != contact.events.end() && *position == stored) {
    return done(Disposition::kDuplicate);
  }
  if (contact.events.size() >= static_cast<size_t>(config_.max_events_per_contact)) {
    // Memory per contact stays bounded; the contact keeps what it has.
    effects.invalid_reason = "the contact already holds the most events allowed";
    return done(Disposition::kRefused);
  }
  const bool was_held = !contact.events.empty() && IsHeld(contact);
  contact.events.insert(position, stored);
  SetAttributes(contact, event);
  const bool held = IsHeld(contact);
  if (held != was_held) {
    ONTIME_DCHECK(held || held_ > 0);
    held ? ++held_ : --held_;
  }
  done(held ? Disposition::kHeld : Disposition::kApplied);
  if (event.type == EventType::kReceived) ++counters_.received_by_channel[static_cast<size_t>(event.channel)];

  Schedule(slot);
  latest_event_us_ = std::max(latest_event_us_, time_us);
  // The watermark follows event time, but no further than the reference:
  // an event stamped ahead of when it was logged moves it only as far as
  // its log time.
  const int64_t plausible_us = event.reference_time == absl::InfiniteFuture()
                                   ? time_us
                                   : std::min(time_us, absl::ToUnixMicros(event.reference_time));
  if (plausible_us > newest_event_us_) {
    newest_event_us_ = plausible_us;
    AdvanceWatermark(effects);
  }
}

void Engine::Judge(const Episode& episode, const Applicable& applicable, uint16_t emitted,
                   Judgements* judgements) const {
  judgements->clear();
  for (size_t pos = 0; pos < applicable.size(); ++pos) {
    // An emitted outcome is final: judging it again would change nothing.
    if (emitted >> pos & 1) {
      judgements->emplace_back();
      continue;
    }
    const StandardIndex i = applicable[pos];
    judgements->push_back(ontime::Judge(standard(i), *runtime(i).clock, episode));
  }
}

void Engine::Schedule(Slot slot) {
  const Contact& contact = contacts_.at(slot);
  std::optional<size_t> reopening;
  const Episode episode = FoldEpisode(contact.events, &reopening);
  Judgements judgements;
  Judge(episode, ApplicableTo(contact.attributes), contact.emitted, &judgements);
  Schedule(slot, episode, reopening, judgements);
}

void Engine::Schedule(Slot slot, const Episode& episode, std::optional<size_t> reopening,
                      const Judgements& judgements) {
  Contact& contact = contacts_.at(slot);
  int64_t next_final = INT64_MAX;
  int64_t next_signal = INT64_MAX;
  contact.waiting = 0;
  for (size_t pos = 0; pos < judgements.size(); ++pos) {
    const Judgement& j = judgements[pos];
    if (j.state == Judgement::State::kOpen) contact.waiting |= static_cast<uint16_t>(1u << pos);
    if (j.state == Judgement::State::kDecided && !(contact.emitted >> pos & 1)) {
      next_final = std::min(next_final, absl::ToUnixMicros(j.decided_at));
    }
    if (j.state == Judgement::State::kOpen) {
      const uint32_t sent = SignalBits(contact, pos);
      absl::Time due = absl::InfiniteFuture();
      if (sent == kNoSignalSent) {
        due = j.at_risk_at;
      } else if (!OverdueSent(sent)) {
        due = j.deadline;
      } else if (sent != kEscalatedSent) {
        due = j.escalate_at;
      }
      if (due != absl::InfiniteFuture()) {
        next_signal = std::min(next_signal, absl::ToUnixMicros(due));
      }
    }
  }
  for (const StoredEvent& e : contact.events) {
    // Every score still held is yet to be emitted (emitted ones leave).
    if (e.type() == EventType::kSatisfaction) next_final = std::min(next_final, e.time_us);
  }
  if (IsHeld(contact)) {
    // Nothing else of a held contact is final before its receipt arrives or the
    // hold expires.
    next_final = contact.events.front().time_us +
                 absl::ToInt64Microseconds(config_.hold_unknown_for);
  } else if (!episode.started || episode.closed_at().has_value()) {
    // Settles once its reopening is final, or leaves once every event is.
    next_final = std::min(next_final, reopening.has_value()
                                          ? contact.events[*reopening].time_us
                                          : contact.events.back().time_us);
  }
  // One live entry per contact: a later one than already queued is left to
  // the re-scheduling that follows the earlier one's finalisation.
  if (next_final < contact.final_due_us) {
    contact.final_due_us = next_final;
    final_index_.Push({next_final, slot, contact.generation});
  }
  if (next_signal != contact.signal_due_us) {
    contact.signal_due_us = next_signal;
    if (next_signal != INT64_MAX) signal_index_.Push({next_signal, slot, contact.generation});
  }
}

void Engine::FinishInput(Effects& effects) {
  const int64_t last_us = std::max(newest_event_us_, latest_event_us_);
  if (last_us == INT64_MIN) return;
  // Held contacts expire by the hold, which may reach past the newest event.
  const int64_t hold = absl::ToInt64Microseconds(config_.hold_unknown_for);
  MoveWatermarkTo(last_us + std::max<int64_t>(hold, 0) + 1, effects);
}

void Engine::AdvanceWatermark(Effects& effects) {
  MoveWatermarkTo(newest_event_us_ - absl::ToInt64Microseconds(config_.allowed_lateness),
                  effects);
}

void Engine::MoveWatermarkTo(int64_t watermark, Effects& effects) {
  if (watermark <= watermark_us_) return;
  watermark_us_ = watermark;
  while (!final_index_.empty() && final_index_.top().due_us < watermark_us_) {
    const DeadlineEntry entry = final_index_.Pop();
    Contact& contact = contacts_.at(entry.slot);
    if (contact.generation != entry.generation || contact.final_due_us != entry.due_us) continue;
    contact.final_due_us = INT64_MAX;
    Finalize(entry.slot, effects);
  }
  if (watermark_us_ >= next_period_drop_us_) DropClosedPeriods();
}

void Engine::Finalize(Slot slot, Effects& effects) {
  Contact& contact = contacts_.at(slot);
  // A held contact's attributes are provisional: its scores wait for the
  // receipt, or for the hold to expire.
  const bool held = IsHeld(contact);
  if (!held || contact.events.front().time_us +
                       absl::ToInt64Microseconds(config_.hold_unknown_for) <
                   watermark_us_) {
    EmitFinalScores(contact, effects);
  }
  if (contact.events.empty()) {
    contacts_.Erase(slot);
    return;
  }
  for (;;) {
    std::optional<size_t> reopening;
    const Episode episode = FoldEpisode(contact.events, &reopening);
    const Applicable& applicable = ApplicableTo(contact.attributes);
    Judgements judgements;
    Judge(episode, applicable, contact.emitted, &judgements);
    if (IsHeld(contact)) {
      const int64_t expiry = contact.events.front().time_us +
                             absl::ToInt64Microseconds(config_.hold_unknown_for);
      if (expiry < watermark_us_) {
        effects.orphans.push_back(
            {std::string(contact.id.view()), static_cast<uint32_t>(contact.events.size())});
        ++counters_.orphans;
        ONTIME_DCHECK(held_ > 0);
        --held_;
        contacts_.Erase(slot);
        return;
      }
      Schedule(slot, episode, reopening, judgements);
      return;
    }
    for (size_t pos = 0; pos < judgements.size(); ++pos) {
      const Judgement& j = judgements[pos];
      if (j.state != Judgement::State::kDecided || (contact.emitted >> pos & 1)) continue;
      if (!(absl::ToUnixMicros(j.decided_at) < watermark_us_)) continue;
      Emit(contact, pos, EpisodeNumber(contact, episode), applicable[pos], j, effects);
      contact.emitted |= static_cast<uint16_t>(1u << pos);
    }
    const bool closed = episode.started && episode.closed_at().has_value();
    if (closed && reopening.has_value() &&
        contact.events[*reopening].time_us < watermark_us_) {
      // Everything up to the reopening is final and emitted (no event can
      // still arrive between the close and the reopening): the next episode
      // starts from the reopening.
      contact.events.erase(contact.events.begin(),
                           contact.events.begin() + static_cast<ptrdiff_t>(*reopening));
      contact.emitted = 0;
      contact.signalled = 0;
      ++contact.episode;
      continue;
    }
    if ((closed || !episode.started) && contact.events.back().time_us < watermark_us_) {
      contacts_.Erase(slot);
      return;
    }
    // The events are as judged: the judgements schedule what comes next.
    Schedule(slot, episode, reopening, judgements);
    return;
  }
}

void Engine::EmitFinalScores(Contact& contact, Effects& effects) {
  if (std::none_of(contact.events.begin(), contact.events.end(), [](const StoredEvent& e) {
        return e.type() == EventType::kSatisfaction;
      })) {
    return;
  }
  const Applicable& applicable = ApplicableTo(contact.attributes);
  // A score is final once the watermark passes it; then it leaves the
  // contact, so it is emitted exactly once whatever becomes of the contact
  // (a duplicate of it is late from then on).
  auto final_score = [&](const StoredEvent& e) {
    return e.type() == EventType::kSatisfaction && e.time_us < watermark_us_;
  };
  for (const StoredEvent& e : contact.events) {
    if (!final_score(e)) continue;
    for (StandardIndex i : applicable) {
      const Judgement j = JudgeScore(standard(i), e.time(), e.payload);
      // Scores belong to the contact, not to one of its episodes.
      if (j.state == Judgement::State::kDecided) Emit(contact, std::nullopt, 0, i, j, effects);
    }
  }
  contact.events.erase(std::remove_if(contact.events.begin(), contact.events.end(), final_score),
                       contact.events.end());
}

void Engine::Emit(const Contact& contact, std::optional<size_t> pos, uint32_t episode,
                  StandardIndex standard_index, const Judgement& j, Effects& effects) {
  Outcome& outcome = effects.outcomes.emplace_back();
  outcome.contact_id.assign(contact.id.view());
  outcome.standard = standard_index;
  outcome.episode = episode;
  outcome.verdict = j.verdict;
  outcome.measure = j.measure;
  outcome.started = j.started;
  outcome.decided_at = j.decided_at;
  outcome.deadline = j.deadline;
  outcome.abandoned = j.abandoned;
  outcome.signalled = 0;
  if (pos.has_value()) {
    const uint32_t sent = SignalBits(contact, *pos);
    constexpr auto bit = [](SignalKind kind) { return static_cast<uint8_t>(1u << static_cast<int>(kind)); };
    if (OverdueSent(sent)) {
      outcome.signalled |= bit(SignalKind::kOverdue);
    } else if (sent == kAtRiskSent) {
      outcome.signalled |= bit(SignalKind::kAtRisk);
    }
    if (sent == kEscalatedSent) outcome.signalled |= bit(SignalKind::kEscalated);
  }
  outcome.dimensions = {contact.attributes.channel, contact.attributes.service,
                        contact.attributes.customer_group};
  ++counters_.outcomes[static_cast<size_t>(j.verdict)];
  aggregates_.Record(outcome, runtime(standard_index).calendar->ToLocal(outcome.decided_at),
                     MeasureValue(standard(standard_index), j.measure));
}

void Engine::Advance(absl::Time now, Effects& effects) {
  // INT64_MAX stands for "never" in the index: the end of time is one before.
  const int64_t now_us = std::min(absl::ToUnixMicros(now), INT64_MAX - 1);
  while (!signal_index_.empty() && signal_index_.top().due_us <= now_us) {
    const DeadlineEntry entry = signal_index_.Pop();
    Contact& contact = contacts_.at(entry.slot);
    if (contact.generation != entry.generation || contact.signal_due_us != entry.due_us) {
      continue;
    }
    contact.signal_due_us = INT64_MAX;
    std::optional<size_t> reopening;
    const Episode episode = FoldEpisode(contact.events, &reopening);
    const Applicable& applicable = ApplicableTo(contact.attributes);
    Judgements judgements;
    Judge(episode, applicable, contact.emitted, &judgements);
    for (size_t pos = 0; pos < judgements.size(); ++pos) {
      const Judgement& j = judgements[pos];
      if (j.state != Judgement::State::kOpen) continue;
      const uint32_t sent = SignalBits(contact, pos);
      auto signal = [&](SignalKind kind, absl::Time due) {
        Signal& s = effects.signals.emplace_back();
        s.kind = kind;
        s.contact_id.assign(contact.id.view());
        s.standard = applicable[pos];
        s.episode = EpisodeNumber(contact, episode);
        s.due = due;
        s.deadline = j.deadline;
        s.due_by = j.due_by;
        s.dimensions = {contact.attributes.channel, contact.attributes.service,
                        contact.attributes.customer_group};
        ++counters_.signals[static_cast<size_t>(kind)];
      };
      uint32_t now_sent = sent;
      const bool overdue = absl::ToUnixMicros(j.deadline) <= now_us;
      if (sent == kNoSignalSent && absl::ToUnixMicros(j.at_risk_at) <= now_us) {
        // Already overdue: an at-risk warning would only be noise.
        if (!overdue) signal(SignalKind::kAtRisk, j.at_risk_at);
        now_sent = kAtRiskSent;
      }
      if (!OverdueSent(sent) && overdue) {
        signal(SignalKind::kOverdue, j.deadline);
        // Raised in an earlier pass, not suppressed in this one.
        effects.signals.back().supersedes_at_risk = sent == kAtRiskSent;
        now_sent = kOverdueSent;
      }
      if (OverdueSent(now_sent) && now_sent != kEscalatedSent && absl::ToUnixMicros(j.escalate_at) <= now_us) {
        signal(SignalKind::kEscalated, j.escalate_at);
        now_sent = kEscalatedSent;
      }
      SetSignalBits(contact, pos, now_sent);
    }
    Schedule(entry.slot);
  }
  if (signal_index_.size() > 2 * contacts_.size() + 4096) {
    signal_index_.Compact([&](const DeadlineEntry& e) {
      const Contact& c = contacts_.at(e.slot);
      return c.generation == e.generation && c.signal_due_us == e.due_us;
    });
  }
}

PortableAggregates Engine::ExportAggregates() const {
  PortableAggregates out;
  for (const auto& [key, cell] : aggregates_.cells()) {
    out.Add({standard(key.standard).id, key.period, key.period_start, key.channel,
             symbols_.Name(key.service), symbols_.Name(key.customer_group)},
            cell);
  }
  return out;
}

void Engine::DropClosedPeriods() {
  const std::pair<PeriodKind, absl::Duration> retentions[] = {
      {PeriodKind::kHour, config_.hourly_retention},
      {PeriodKind::kDay, config_.daily_retention},
      {PeriodKind::kWeek, config_.daily_retention},
      {PeriodKind::kMonth, config_.monthly_retention}};
  std::vector<int64_t> before(config_.standards.size());
  for (const auto& [period, retention] : retentions) {
    if (retention == absl::InfiniteDuration()) continue;
    // A period that starts before the one holding the horizon ended before it.
    const absl::Time horizon = watermark() - retention;
    for (size_t i = 0; i < config_.standards.size(); ++i) {
      before[i] = PeriodStart(period, absl::ToCivilSecond(horizon, time_zone(StandardAt(i))));
    }
    aggregates_.DropPeriodsBefore(period, before);
  }
  next_period_drop_us_ = watermark_us_ + absl::ToInt64Microseconds(absl::Hours(1));
}

void Engine::CountWaiting(absl::Time now, WaitingCounts* counts) const {
  ontime::CountWaiting(contacts_, applicability_, config_.standards.size(), now, counts);
}

void Engine::ForEachOpen(absl::FunctionRef<void(const OpenEpisode&)> visit) const {
  ForEachWaiting(contacts_, applicability_, [&](const WaitingContact& waiting) {
    const Contact& c = waiting.contact;
    int64_t started_us = c.events.front().time_us;
    for (const StoredEvent& e : c.events) {
      if (e.type() == EventType::kReceived || e.type() == EventType::kReopened) started_us = e.time_us;
    }
    const ContactAttributes& a = c.attributes;
    visit(OpenEpisode{.contact_id = c.id.view(),
                      .standard = waiting.standard,
                      .started = absl::FromUnixMicros(started_us),
                      .overdue = waiting.overdue,
                      .dimensions = {.channel = a.channel, .service = a.service, .customer_group = a.customer_group}});
  });
}

}  // namespace ontime

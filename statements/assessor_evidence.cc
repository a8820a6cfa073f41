#include "statements/assessor_evidence.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/event.h"
#include "statements/plain_figures.h"

namespace ontime {
namespace {

std::string Wording(const Standard& s) { return s.wording.empty() ? s.id : s.wording; }
std::string FigureInWords(const PeriodFigure& f) {
  if (f.judged() == 0) return "nothing measured";
  return absl::StrCat(Percent(f.met, f.judged()), " of ", Thousands(f.judged()), ", ",
                      std::string(StandingInWords(f.standing)));
}
bool Covers(const Standard& s, Channel channel) {
  return s.applies_to.channels.empty() ||
         std::find(s.applies_to.channels.begin(), s.applies_to.channels.end(), channel) !=
             s.applies_to.channels.end();
}
bool IsTimeliness(const Standard& s) {
  return s.stage == Stage::kFirstResponse || s.stage == Stage::kResolution || s.stage == Stage::kUpdate;
}
std::string ChannelsOf(const Standard& s) {
  if (s.applies_to.channels.empty()) return "every channel";
  std::vector<std::string> names;
  for (Channel c : s.applies_to.channels) names.emplace_back(ChannelName(c));
  return absl::StrJoin(names, ", ");
}

class Composer {
 public:
  Composer(const Statement& year, const EvidenceContext& context) : year_(year), context_(context) {}

  EvidenceIndex Compose() const {
    EvidenceIndex index{.organisation = year_.organisation,
                        .period = year_.period,
                        .figures_at = year_.figures_at,
                        .elements = {}};
    index.elements = {Standards(), MonitorAndMeet(), CompareYears(), Dips(),      TimelinessPerChannel(),
                      Quality(),   Advise(),         FirstWaits(),   Monitoring(), Performance(),
                      Benchmarking()};
    return index;
  }

 private:
  EvidenceElement Standards() const {
    EvidenceElement e{.id = "4.1.1", .asks = "Challenging standards for our main services.", .held = {}, .not_held = {}, .gaps = {}};
    for (const StandardStatement& s : year_.standards) {
      e.held.push_back(absl::StrCat(Wording(s.standard), " (target ", RatioPercent(s.standard.target),
                                    s.standard.floor > 0 ? absl::StrCat(", floor ", RatioPercent(s.standard.floor)) : "",
                                    "; ", ChannelsOf(s.standard), ")."));
    }
    e.not_held.push_back("Which national and statutory standards these take account of, and why they are challenging.");
    return e;
  }

  EvidenceElement MonitorAndMeet() const {
    EvidenceElement e{.id = "4.1.2", .asks = "We monitor and meet our standards, and tell customers about our performance.", .held = {}, .not_held = {}, .gaps = {}};
    int met = 0, measured = 0;
    for (const StandardStatement& s : year_.standards) {
      if (s.figure.judged() == 0) continue;
      ++measured;
      if (s.figure.standing == Standing::kMet) ++met;
    }
    e.held.push_back(absl::StrCat(
        "Every contact is measured against every standard that applies to it as its events arrive, month by month "
        "and for the year: ", met, " of ", measured, " standards measured were met ", DuringPeriod(year_.period),
        " (the year's statement gives each one month by month)."));
    e.held.push_back(PublicationSentence());
    e.not_held.push_back("Statutory inspections, audits and departmental targets measured outside ontime.");
    return e;
  }

  EvidenceElement CompareYears() const {
    EvidenceElement e{.id = "4.1.3", .asks = "Past and present standards, to compare performance with previous years.", .held = {}, .not_held = {}, .gaps = {}};
    for (const StandardStatement& s : year_.standards) {
      if (!s.change) continue;
      e.held.push_back(absl::StrCat(Wording(s.standard), ": ", Percent(s.figure.met, s.figure.judged()), ", ",
                                    *s.change, " on the year before."));
    }
    if (e.held.empty()) e.held.push_back("No standard was measured in both this year and the year before.");
    e.not_held.push_back("How customers, partners and staff were consulted on setting and raising the standards.");
    return e;
  }

  EvidenceElement Dips() const {
    EvidenceElement e{.id = "4.3.1", .asks = "Dips in performance identified and explained to customers, with the action taken.", .held = {}, .not_held = {}, .gaps = {}};
    for (const StandardStatement& s : year_.standards) {
      if (s.dips.empty()) continue;
      const auto explained =
          std::count_if(s.dips.begin(), s.dips.end(), [](const Dip& d) { return d.explanation.has_value(); });
      e.held.push_back(absl::StrCat(Wording(s.standard), ": ", s.dips.size(), s.dips.size() == 1 ? " day or week" : " days and weeks",
                                    " below target, ", explained, " explained with the action taken."));
      for (const Dip& d : s.dips) {
        if (!d.explanation) continue;
        e.held.push_back(absl::StrCat(d.period == PeriodKind::kDay ? "" : "Week from ", DayInWords(d.start), " (",
                                      Wording(s.standard), ", ", Percent(d.figure.met, d.figure.judged()),
                                      "): ", d.explanation->explanation, " Action: ", d.explanation->action));
      }
      if (explained < static_cast<std::ptrdiff_t>(s.dips.size())) {
        e.gaps.push_back(absl::StrCat(Wording(s.standard), ": ", s.dips.size() - static_cast<size_t>(explained),
                                      " dips not yet explained (`ontime explain`)."));
      }
    }
    if (e.held.empty()) e.held.push_back("No day or week fell below target with enough contacts to count.");
    e.not_held.push_back("How customers were kept informed during exceptional circumstances.");
    return e;
  }

  EvidenceElement TimelinessPerChannel() const {
    EvidenceElement e{.id = "5.1.1", .asks = "Measurable standards for the timeliness of response for every form of contact.", .held = {}, .not_held = {}, .gaps = {}};
    // The forms the element names, any a standard names, and any that had contacts.
    std::set<Channel> channels = {Channel::kPhone, Channel::kLetter, Channel::kEmail, Channel::kVisit};
    for (const StandardStatement& s : year_.standards) {
      channels.insert(s.standard.applies_to.channels.begin(), s.standard.applies_to.channels.end());
      for (const BreakdownRow& row : s.by_channel) {
        for (int c = 1; c < kChannelCount; ++c) {
          if (ChannelName(static_cast<Channel>(c)) == row.name) channels.insert(static_cast<Channel>(c));
        }
      }
    }
    for (Channel channel : channels) {
      // A standard for every contact on the channel, or only some (complaints, one service).
      std::vector<std::string> every, some;
      for (const StandardStatement& s : year_.standards) {
        if (!IsTimeliness(s.standard) || !Covers(s.standard, channel)) continue;
        const StandardFilter& f = s.standard.applies_to;
        const bool all = f.contact_types.empty() && f.services.empty() && f.priorities.empty();
        (all ? every : some).push_back(Wording(s.standard));
      }
      const std::string name(ChannelName(channel));
      if (!every.empty()) e.held.push_back(absl::StrCat(name, ": ", absl::StrJoin(every, "; "), "."));
      if (!some.empty()) {
        e.held.push_back(absl::StrCat(name, ", for some contacts only: ", absl::StrJoin(some, "; "), "."));
      }
      if (every.empty()) {
        e.gaps.push_back(absl::StrCat(name, ": no timeliness standard for every contact", some.empty() ? "" : " (only for some)", "."));
      }
    }
    return e;
  }

  EvidenceElement Quality() const {
    EvidenceElement e{.id = "5.1.2", .asks = "Standards for the quality of customer service in all dealings.", .held = {}, .not_held = {}, .gaps = {}};
    for (const StandardStatement& s : year_.standards) {
      if (IsTimeliness(s.standard)) continue;
      e.held.push_back(absl::StrCat(Wording(s.standard), ": ", FigureInWords(s.figure), "."));
    }
    if (e.held.empty()) e.gaps.push_back("No quality standard (satisfaction, first-contact resolution, promises kept) is measured.");
    e.not_held.push_back("Quality standards ontime cannot observe from events (courtesy, accuracy of answers).");
    return e;
  }

  EvidenceElement Advise() const {
    EvidenceElement e{.id = "5.2.1", .asks = "We tell customers about our promises on timeliness and quality.", .held = {}, .not_held = {}, .gaps = {}};
    e.held.push_back(absl::StrCat("Each statement states every standard in the words published to customers; ",
                                  year_.standards.size(), " standards."));
    e.held.push_back(PublicationSentence());
    e.not_held.push_back("Where else the standards are published (web site, leaflets, letters, phone messages).");
    return e;
  }

  EvidenceElement FirstWaits() const {
    EvidenceElement e{.id = "5.2.5", .asks = "Prompt responses to initial enquiries; wait times for a first response.", .held = {}, .not_held = {}, .gaps = {}};
    for (const StandardStatement& s : year_.standards) {
      if (s.standard.stage != Stage::kFirstResponse) continue;
      e.held.push_back(absl::StrCat(Wording(s.standard), ": ", FigureInWords(s.figure),
                                    s.median ? absl::StrCat("; median wait ", *s.median, ", nine in ten within ", *s.p90) : "",
                                    "."));
    }
    if (context_.alerts_configured) {
      e.held.push_back("Managers are alerted to each contact at risk of missing its time and to each overdue one, "
                       "before the customer has to chase.");
    }
    e.not_held.push_back("How customers are told about a delay.");
    return e;
  }

  EvidenceElement Monitoring() const {
    EvidenceElement e{.id = "5.3.1", .asks = "We monitor performance against our standards and act on problems.", .held = {}, .not_held = {}, .gaps = {}};
    e.held.push_back("Performance is measured continuously from the contact systems' own events, exact to the second and "
                     "the working day, with live dashboards and a live statement of the month so far.");
    if (context_.alerts_configured) {
      e.held.push_back("Contacts at risk, overdue and escalated, and standards dipping below target, are alerted to "
                       "the managers responsible in their opening hours.");
    }
    size_t actions = 0;
    for (const StandardStatement& s : year_.standards) {
      actions += static_cast<size_t>(
          std::count_if(s.dips.begin(), s.dips.end(), [](const Dip& d) { return d.explanation.has_value(); }));
    }
    e.held.push_back(absl::StrCat(actions, actions == 1 ? " action" : " actions", " recorded against dips ",
                                  DuringPeriod(year_.period), " (see 4.3.1)."));
    return e;
  }

  EvidenceElement Performance() const {
    EvidenceElement e{.id = "5.3.2", .asks = "We meet our current standards and publish our performance against them.", .held = {}, .not_held = {}, .gaps = {}};
    for (const StandardStatement& s : year_.standards) {
      e.held.push_back(absl::StrCat(Wording(s.standard), ": ", FigureInWords(s.figure),
                                    s.run.empty() ? "" : absl::StrCat(" (", s.run, ")"), "."));
    }
    e.held.push_back(PublicationSentence());
    e.not_held.push_back("Customer feedback on delivery within the agreed times, and mystery shopping.");
    return e;
  }

  EvidenceElement Benchmarking() const {
    EvidenceElement e{.id = "5.3.3", .asks = "Our performance compares well with similar organisations.", .held = {}, .not_held = {}, .gaps = {}};
    for (const StandardStatement& s : year_.standards) {
      for (const ComparedFigure& c : s.compared) {
        e.held.push_back(absl::StrCat(Wording(s.standard), ": us ", Percent(s.figure.met, s.figure.judged()), ", ",
                                      c.organisation, " ", Percent(c.figure.met, c.figure.judged()), "."));
      }
    }
    if (e.held.empty()) {
      e.not_held.push_back("Other organisations' figures: give their exported statements with --compare.");
    }
    e.held.push_back("Every statement is also written as CSV and JSON with plain comparable figures "
                     "(statements/statement.schema.json), for benchmarking exchanges.");
    return e;
  }

  std::string PublicationSentence() const {
    std::vector<const PublishedStatement*> in_year;
    for (const PublishedStatement& p : context_.publications) {
      if (year_.period.contains(p.period.first)) in_year.push_back(&p);
    }
    if (in_year.empty()) return "No statement for this year has been published yet (`ontime statement --publish yes`).";
    std::sort(in_year.begin(), in_year.end(),
              [](const PublishedStatement* a, const PublishedStatement* b) { return a->made_at < b->made_at; });
    std::vector<std::string> list;
    for (const PublishedStatement* p : in_year) {
      list.push_back(absl::StrCat(PeriodInWords(p->period), " on ",
                                  DayInWords(absl::ToCivilDay(p->made_at, absl::UTCTimeZone()))));
    }
    return absl::StrCat(in_year.size(), in_year.size() == 1 ? " statement" : " statements",
                        " published: ", absl::StrJoin(list, "; "), ".");
  }

  const Statement& year_;
  const EvidenceContext& context_;
};

}  // namespace

EvidenceIndex ComposeEvidence(const Statement& year, const EvidenceContext& context) {
  return Composer(year, context).Compose();
}

}  // namespace ontime

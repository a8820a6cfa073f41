#include "statements/monthly_statement.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "statements/plain_figures.h"
#include "statements/statement_wording.h"

namespace ontime {

std::string_view StandingInWords(Standing standing) {
  switch (standing) {
    case Standing::kMet: return "met";
    case Standing::kBelowTarget: return "below target";
    case Standing::kBelowFloor: return "below floor";
    case Standing::kNothingToMeasure: break;
  }
  return "nothing to measure";
}

int64_t CivilStart(absl::CivilSecond start) { return start - absl::CivilSecond(1970, 1, 1); }

uint64_t Statement::pending() const {
  uint64_t total = 0;
  for (const StandardStatement& s : standards) total += s.figure.pending;
  return total;
}

uint64_t Statement::unexplained_dips() const {
  uint64_t total = 0;
  for (const StandardStatement& s : standards) {
    total += static_cast<uint64_t>(
        std::count_if(s.dips.begin(), s.dips.end(), [](const Dip& d) { return !d.explanation.has_value(); }));
  }
  return total;
}

std::string ComparableWording(std::string_view wording) {
  std::string out;
  bool space = false;
  for (char c : wording) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      if (space && !out.empty()) out.push_back(' ');
      out.push_back(static_cast<char>(std::tolower(u)));
      space = false;
    } else {
      space = true;
    }
  }
  return out;
}

namespace {

// Nearest rank is always one of the values, so for standards measured in
// whole numbers (working days, scores, transfers) the quantile is one too:
// the sketch's value rounded (exact below 50, where each whole number has
// a bucket of its own).
double QuantileOf(const Standard& standard, const QuantileSketch& sketch, double q) {
  const double value = sketch.Quantile(q);
  return standard.unit() == MeasureUnit::kMicroseconds ? value : std::round(value);
}

Standing StandingOf(const PeriodFigure& f, double target, double floor) {
  if (f.judged() == 0) return Standing::kNothingToMeasure;
  if (!ShareBelow(f.met, f.judged(), target)) return Standing::kMet;
  if (floor > 0 && ShareBelow(f.met, f.judged(), floor)) return Standing::kBelowFloor;
  return Standing::kBelowTarget;
}

class Composer {
 public:
  Composer(const StatementHistory& history, const StatementRequest& request)
      : history_(history), request_(request), cohort_(request.settings.count_by) {}

  PeriodFigure Figure(const Standard& standard, const HistoryCell& cell) const {
    PeriodFigure f;
    f.met = cell.met;
    f.not_met = cell.breached + (request_.settings.open_past_deadline_breached ? cell.open_overdue : 0);
    f.excluded = cell.excluded;
    f.pending = cell.pending;
    f.open_overdue = cell.open_overdue;
    f.standing = StandingOf(f, standard.target, standard.floor);
    return f;
  }

  HistoryCell Cell(const Standard& standard, PeriodKind period, absl::CivilSecond start) const {
    return history_.Total(
        {.standard = standard.id,
         .cohort = cohort_,
         .period = period,
         .period_start = CivilStart(start),
         .channel = std::nullopt,
         .service = std::nullopt,
         .customer_group = std::nullopt});
  }

  PeriodFigure MonthOf(const Standard& standard, absl::CivilMonth month) const {
    return Figure(standard, Cell(standard, PeriodKind::kMonth, absl::CivilSecond(month)));
  }

  // The months of `period` summed, for one standard and whatever else `query` fixes.
  HistoryCell Over(const StatementPeriod& period, HistoryQuery query) const {
    HistoryCell total;
    query.period = PeriodKind::kMonth;
    for (absl::CivilMonth m = period.first; m <= period.last(); ++m) {
      query.period_start = CivilStart(absl::CivilSecond(m));
      total.Merge(history_.Total(query));
    }
    return total;
  }

  HistoryQuery AllOf(const Standard& standard) const {
    return {.standard = standard.id,
            .cohort = cohort_,
            .period = PeriodKind::kMonth,
            .period_start = 0,
            .channel = std::nullopt,
            .service = std::nullopt,
            .customer_group = std::nullopt};
  }

  StandardStatement Compose(size_t index, const Standard& standard, const DipExplanations& explanations) const {
    StandardStatement out;
    if (index < request_.today_starts.size()) {
      out.today = Figure(standard, Cell(standard, PeriodKind::kDay,
                                        absl::CivilSecond(1970, 1, 1) + request_.today_starts[index]));
    }
    out.standard = standard;
    const StatementPeriod& period = request_.period;
    const HistoryCell cell = Over(period, AllOf(standard));
    out.figure = Figure(standard, cell);
    if (!cell.measures.empty()) {
      const double median = QuantileOf(standard, cell.measures, 0.5);
      const double p90 = QuantileOf(standard, cell.measures, 0.9);
      out.median = MeasureInWords(standard, median);
      if (out.median) out.median_value = median;
      // "Nine in ten within" is for times and counts, where less is
      // better; a score has its median only.
      if (out.median && standard.unit() != MeasureUnit::kScore) {
        out.p90 = MeasureInWords(standard, p90);
        out.p90_value = p90;
      }
    }
    out.sentence = AchievementSentence(standard, cohort_, period, out.figure.met, out.figure.judged());

    // A month: the 12 before it and itself. A year: its own months.
    const absl::CivilMonth trend_from = period.is_year() ? period.first : period.first - 12;
    for (absl::CivilMonth m = trend_from; m <= period.last(); ++m) {
      out.trend.push_back({.month = m, .figure = MonthOf(standard, m)});
    }
    const PeriodFigure before = Figure(standard, Over(period.previous(), AllOf(standard)));
    if (before.judged() > 0 && out.figure.judged() > 0) out.change = ChangeInWords(before.share(), out.figure.share());
    out.run = period.is_year() ? MonthsMet(out.trend) : Run(out.trend);

    // The organisation's year: from its first month at or before this one.
    const int back_to_start =
        (static_cast<int>(period.last().month()) - request_.settings.year_starts + 12) % 12;
    out.year_from = period.last() - back_to_start;
    out.year_to_date = Figure(standard, Over({.first = out.year_from, .months = back_to_start + 1}, AllOf(standard)));

    Breakdowns(standard, &out);
    Dips(standard, explanations, &out);
    Revisions(standard, &out);
    Compared(standard, &out);
    return out;
  }

 private:
  // How many months, ending with this one, stood the same (met, or not).
  static std::string Run(const std::vector<MonthFigure>& trend) {
    const Standing now = trend.back().figure.standing;
    if (now == Standing::kNothingToMeasure) return "";
    const bool met = now == Standing::kMet;
    int months = 0;
    for (auto it = trend.rbegin(); it != trend.rend(); ++it) {
      const Standing s = it->figure.standing;
      if (s == Standing::kNothingToMeasure || (s == Standing::kMet) != met) break;
      ++months;
    }
    return RunInWords(months, met);
  }

  static std::string MonthsMet(const std::vector<MonthFigure>& months) {
    int met = 0, measured = 0;
    for (const MonthFigure& m : months) {
      if (m.figure.standing == Standing::kNothingToMeasure) continue;
      ++measured;
      if (m.figure.standing == Standing::kMet) ++met;
    }
    return MonthsMetInWords(met, measured);
  }

  void Breakdowns(const Standard& standard, StandardStatement* out) const {
    const StatementPeriod& period = request_.period;
    std::set<std::string> services, groups;
    std::set<Channel> channels;
    for (absl::CivilMonth m = period.first; m <= period.last(); ++m) {
      history_.ForEachCellOf(standard.id, cohort_, PeriodKind::kMonth, CivilStart(absl::CivilSecond(m)),
                             [&](const HistoryKey& key, const HistoryCell&) {
                               channels.insert(key.channel);
                               services.insert(key.service);
                               groups.insert(key.customer_group);
                             });
    }
    const HistoryQuery all_of = AllOf(standard);
    for (const std::string& service : services) {
      HistoryQuery q = all_of;
      q.service = service;
      out->by_service.push_back(
          {.name = service.empty() ? "no service given" : service, .figure = Figure(standard, Over(period, q))});
    }
    for (Channel channel : channels) {
      HistoryQuery q = all_of;
      q.channel = channel;
      out->by_channel.push_back({.name = std::string(ChannelName(channel)), .figure = Figure(standard, Over(period, q))});
    }
    // Fair treatment: only where customer groups are recorded.
    if (groups.size() == 1 && groups.begin()->empty()) return;
    const PeriodFigure all = out->figure;
    for (const std::string& group : groups) {
      if (group.empty()) continue;
      HistoryQuery q = all_of;
      q.customer_group = group;
      const PeriodFigure f = Figure(standard, Over(period, q));
      const Share mine{.met = f.met, .judged = f.judged()};
      const Share rest{.met = all.met - f.met, .judged = all.judged() - f.judged()};
      out->by_customer_group.push_back(
          {.group = group,
           .figure = f,
           .comparison = CompareGroup(mine, rest, static_cast<uint64_t>(request_.settings.min_group_volume))});
    }
  }

  void Dips(const Standard& standard, const DipExplanations& explanations, StandardStatement* out) const {
    const absl::CivilDay first(request_.period.first);
    const absl::CivilDay end(request_.period.last() + 1);
    const uint64_t min_volume = static_cast<uint64_t>(std::max<int64_t>(standard.min_volume, 1));
    auto consider = [&](PeriodKind period, absl::CivilDay start) {
      const PeriodFigure f = Figure(standard, Cell(standard, period, absl::CivilSecond(start)));
      if (f.judged() < min_volume || !ShareBelow(f.met, f.judged(), standard.target)) return;
      Dip dip{.period = period, .start = start, .figure = f, .explanation = std::nullopt};
      if (const DipExplanation* e = explanations.Find(standard.id, period, start)) dip.explanation = *e;
      out->dips.push_back(std::move(dip));
    };
    for (absl::CivilDay day = first; day < end; ++day) consider(PeriodKind::kDay, day);
    for (absl::CivilDay day = first; day < end; ++day) {
      if (absl::GetWeekday(day) == absl::Weekday::monday) consider(PeriodKind::kWeek, day);
    }
  }

  // The latest publication of each earlier month of the trend, against the
  // figure now.
  void Revisions(const Standard& standard, StandardStatement* out) const {
    for (const MonthFigure& m : out->trend) {
      // A month is not a revision of itself.
      if (!request_.period.is_year() && m.month == request_.period.first) continue;
      const PublishedStatement* latest = nullptr;
      for (const PublishedStatement& p : request_.published) {
        if (p.period == StatementPeriod{.first = m.month, .months = 1} && p.standards.contains(standard.id) &&
            (latest == nullptr || p.made_at > latest->made_at)) {
          latest = &p;
        }
      }
      if (latest == nullptr) continue;
      const PeriodFigure& then = latest->standards.at(standard.id).figure;
      if (then.met == m.figure.met && then.not_met == m.figure.not_met && then.pending == m.figure.pending) continue;
      out->revisions.push_back(
          {.month = m.month, .published_at = latest->made_at, .published = then, .now = m.figure});
    }
  }

  void Compared(const Standard& standard, StandardStatement* out) const {
    const std::string ours = ComparableWording(standard.wording.empty() ? standard.id : standard.wording);
    for (const PublishedStatement& other : request_.compare_with) {
      for (const auto& [id, theirs] : other.standards) {
        if (ComparableWording(theirs.wording.empty() ? id : theirs.wording) != ours) continue;
        ComparedFigure row{.organisation = other.organisation.empty() ? "another organisation" : other.organisation,
                           .target = theirs.target,
                           .figure = theirs.figure};
        row.figure.standing = StandingOf(row.figure, theirs.target, 0);
        out->compared.push_back(std::move(row));
      }
    }
  }

  const StatementHistory& history_;
  const StatementRequest& request_;
  const Cohort cohort_;
};

}  // namespace

Statement ComposeStatement(const std::vector<Standard>& standards, const StatementHistory& history,
                           const DipExplanations& explanations, const StatementRequest& request) {
  Statement statement;
  statement.organisation = request.settings.organisation;
  statement.period = request.period;
  statement.count_by = request.settings.count_by;
  statement.open_past_deadline_breached = request.settings.open_past_deadline_breached;
  statement.year_starts = request.settings.year_starts;
  statement.min_group_volume = request.settings.min_group_volume;
  statement.figures_at = request.figures_at;
  statement.made_at = request.made_at;
  const Composer composer(history, request);
  statement.live = !request.today_starts.empty();
  for (size_t i = 0; i < standards.size(); ++i) {
    statement.standards.push_back(composer.Compose(i, standards[i], explanations));
  }
  return statement;
}

}  // namespace ontime

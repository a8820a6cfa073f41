// A month's or a year's published performance against the organisation's
// standards (CSE 5.3.2, 5.3.3, 4.3.1, 2.1.4): figures composed from the
// statement history, as values, for the renderers (statement_render.h) to
// put in words and documents.
//
//   Statement s = ComposeStatement(standards, history, explanations,
//                                  {.period = {.first = absl::CivilMonth(2026, 10)},
//                                   .settings = settings, .figures_at = now, ...});
//   s.standards[0].sentence
//     // "Of the 18,204 calls received in October 2026, we answered 83.1% within 60 seconds."
//
// Conventions (the README's "Monthly statements" gives them with examples):
// - A month counts contacts by receipt or by decision (settings.count_by).
//   By receipt, a contact still open past its deadline counts as not met
//   (or is left out: settings.open_past_deadline_breached), and one still
//   open within its time is pending: a month with any pending contact is
//   provisional, and says how many.
// - The percentage is met / (met + not met), excluded contacts left out;
//   met exactly at the target is met (ShareBelow). Median and 90th
//   percentile are nearest rank over the decided contacts' measures.
// - Trend: the 12 months before and this one. Year to date: from the month
//   the organisation's year starts (April) through this month, summed.
// - Dips: each day, and each week starting (on its Monday) in the month,
//   below target with at least the standard's min_volume judged.
// - A year (OrganisationYear): its months summed; the trend is its twelve
//   months, the change is against the year before, and instead of a run it
//   says in how many months the standard was met.
#ifndef ONTIME_STATEMENTS_MONTHLY_STATEMENT_H_
#define ONTIME_STATEMENTS_MONTHLY_STATEMENT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "config/dip_explanations.h"
#include "config/statement_settings.h"
#include "engine/standard.h"
#include "statements/fair_treatment.h"
#include "statements/statement_history.h"
#include "statements/statement_period.h"

namespace ontime {

// Where a figure stands against the standard's target and floor.
enum class Standing : uint8_t { kMet, kBelowTarget, kBelowFloor, kNothingToMeasure };
// "met", "below target", "below floor", "nothing to measure".
std::string_view StandingInWords(Standing standing);

// One period's counts as the statement counts them.
struct PeriodFigure {
  uint64_t met = 0;
  // Not met: breached, plus open past the deadline when they count.
  uint64_t not_met = 0;
  uint64_t excluded = 0;
  // Still open within their time (receipt cohorts): the figure may change.
  uint64_t pending = 0;
  // Still open past their deadline (receipt cohorts), counted in not_met
  // or left out as the settings say.
  uint64_t open_overdue = 0;
  Standing standing = Standing::kNothingToMeasure;

  uint64_t judged() const { return met + not_met; }
  double share() const { return judged() == 0 ? 0 : static_cast<double>(met) / static_cast<double>(judged()); }
  bool provisional() const { return pending > 0; }
};

struct MonthFigure {
  absl::CivilMonth month;
  PeriodFigure figure;
};

// A row of a breakdown: one service, channel or customer group.
struct BreakdownRow {
  std::string name;
  PeriodFigure figure;
};

struct GroupRow {
  std::string group;
  PeriodFigure figure;
  GroupComparison comparison;
};

struct Dip {
  PeriodKind period = PeriodKind::kDay;  // kDay or kWeek
  absl::CivilDay start;
  PeriodFigure figure;
  // Absent: nobody has explained it yet.
  std::optional<DipExplanation> explanation;
};

// A standard as a statement published it.
struct PublishedStandard {
  std::string wording;
  double target = 0;
  PeriodFigure figure;
};

// A statement as it was published (read back from its JSON,
// statement_archive.h): ours from the archive, or another organisation's
// export to compare with.
struct PublishedStatement {
  std::string organisation;
  StatementPeriod period;
  // InfinitePast when the file does not say (an export never published).
  absl::Time made_at = absl::InfinitePast();
  // By standard id.
  std::map<std::string, PublishedStandard> standards;
};

// An earlier month whose figure changed since it was published: late
// events, contacts then pending since decided (the Code of Practice for
// Statistics asks that revisions be flagged).
struct Revision {
  absl::CivilMonth month;
  absl::Time published_at;
  PeriodFigure published;
  PeriodFigure now;
};

// Another organisation's figure for a standard worded as ours (CSE 5.3.3).
struct ComparedFigure {
  std::string organisation;
  double target = 0;
  PeriodFigure figure;
};

struct StandardStatement {
  Standard standard;
  // The month's, or the year's, figure.
  PeriodFigure figure;
  // In the standard's own words and clock ("2.1 working days"); absent for
  // yes/no standards and months with nothing decided.
  std::optional<std::string> median;
  std::optional<std::string> p90;
  // The same in the standard's unit (MeasureValue: seconds, working days),
  // for CSV and JSON.
  std::optional<double> median_value;
  std::optional<double> p90_value;
  // "Of the 18,204 calls received in October 2026, we answered 83.1% within 60 seconds."
  std::string sentence;
  // The 12 months before this one and this one, oldest first; a year's
  // twelve months.
  std::vector<MonthFigure> trend;
  // "up 2.1 points" against last month (last year); absent when either has nothing.
  std::optional<std::string> change;
  PeriodFigure year_to_date;
  absl::CivilMonth year_from;
  // "not met for the third month running"; empty for a run of one. A year:
  // "met in 9 of the 12 months measured".
  std::string run;
  std::vector<BreakdownRow> by_service;
  std::vector<BreakdownRow> by_channel;
  std::vector<GroupRow> by_customer_group;
  std::vector<Dip> dips;
  // Live statements only: today so far.
  std::optional<PeriodFigure> today;
  // Earlier months of the trend that changed since they were published.
  std::vector<Revision> revisions;
  // Other organisations' figures for the same period, where a standard's
  // wording matches ours (case, spacing and punctuation aside).
  std::vector<ComparedFigure> compared;
};

struct StatementRequest {
  StatementPeriod period;
  StatementSettings settings;
  // When the figures were taken (the newest event time they include).
  absl::Time figures_at;
  // What earlier statements published (the latest of each month counts).
  std::vector<PublishedStatement> published;
  // When this statement is made (the archive records it).
  absl::Time made_at = absl::InfinitePast();
  // Other organisations' exported statements of the same period.
  std::vector<PublishedStatement> compare_with;
  // A live statement (ontimed's page): the month so far, and today per
  // standard from these starts (local civil seconds, by standard, as
  // StartsAt gives them). Empty: a published month.
  std::vector<int64_t> today_starts;
};

struct Statement {
  std::string organisation;
  StatementPeriod period;
  Cohort count_by = Cohort::kReceipt;
  bool open_past_deadline_breached = true;
  int year_starts = 4;
  int64_t min_group_volume = 30;
  absl::Time figures_at;
  // The month so far, as ontimed serves it.
  bool live = false;
  absl::Time made_at = absl::InfinitePast();
  std::vector<StandardStatement> standards;

  // Contacts still open within their time across every standard.
  uint64_t pending() const;
  bool provisional() const { return pending() > 0; }
  uint64_t unexplained_dips() const;
};

Statement ComposeStatement(const std::vector<Standard>& standards, const StatementHistory& history,
                           const DipExplanations& explanations, const StatementRequest& request);

// The first local second of a month, day or week as history keys hold it.
int64_t CivilStart(absl::CivilSecond start);

// A standard's wording as compared across organisations: lower-case words
// and numbers, one space between ("We answer 80% of calls within 60
// seconds." and "we answer 80 % of calls within 60 seconds" are both "we
// answer 80 of calls within 60 seconds").
std::string ComparableWording(std::string_view wording);

}  // namespace ontime

#endif  // ONTIME_STATEMENTS_MONTHLY_STATEMENT_H_

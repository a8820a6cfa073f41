#include "statements/statement_render.h"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "statements/outcome_json.h"
#include "statements/plain_figures.h"
#include "statements/statement_templates.h"

namespace ontime {

namespace mustache = kainjow::mustache;

bool ParseStatementFormat(std::string_view name, StatementFormat* format) {
  for (StatementFormat f : {StatementFormat::kMarkdown, StatementFormat::kHtml, StatementFormat::kCsv,
                            StatementFormat::kJson}) {
    if (name == StatementFormatName(f)) {
      *format = f;
      return true;
    }
  }
  return false;
}

std::string_view StatementFormatName(StatementFormat format) {
  switch (format) {
    case StatementFormat::kMarkdown: return "md";
    case StatementFormat::kHtml: return "html";
    case StatementFormat::kCsv: return "csv";
    case StatementFormat::kJson: return "json";
  }
  return "md";
}

StatementTemplates StatementTemplates::BuiltIn() {
  return {.markdown = std::string(BuiltInTemplate("statement.md")),
          .html = std::string(BuiltInTemplate("statement.html")),
          .evidence_markdown = std::string(BuiltInTemplate("evidence.md")),
          .evidence_html = std::string(BuiltInTemplate("evidence.html"))};
}

namespace {

std::string PercentOf(const PeriodFigure& f) { return Percent(f.met, f.judged()); }

// A symbol beside the words, never colour alone (WCAG 1.4.1): the words
// say it, the symbol is decoration for those who see it.
std::string_view StandingSymbol(Standing standing) {
  switch (standing) {
    case Standing::kMet: return "✔";
    case Standing::kBelowTarget: return "▼";
    case Standing::kBelowFloor: return "✖";
    case Standing::kNothingToMeasure: break;
  }
  return "–";
}

std::string_view StandingSlug(Standing standing) {
  switch (standing) {
    case Standing::kMet: return "met";
    case Standing::kBelowTarget: return "below-target";
    case Standing::kBelowFloor: return "below-floor";
    case Standing::kNothingToMeasure: break;
  }
  return "none";
}


std::string FiguresAt(absl::Time t) {
  if (t == absl::InfinitePast() || t == absl::InfiniteFuture()) return "-";
  const absl::CivilMinute m = absl::ToCivilMinute(t, absl::UTCTimeZone());
  return absl::StrFormat("%s, %02d:%02d UTC", DayInWords(absl::CivilDay(m)), m.hour(), m.minute());
}

mustache::data FigureData(const PeriodFigure& f) {
  mustache::data d;
  d.set("achieved", PercentOf(f));
  d.set("met", Thousands(f.met));
  d.set("not_met", Thousands(f.not_met));
  d.set("volume", Thousands(f.judged()));
  d.set("excluded", Thousands(f.excluded));
  d.set("pending", Thousands(f.pending));
  d.set("has_pending", f.pending > 0);
  d.set("has_excluded", f.excluded > 0);
  d.set("standing", std::string(StandingInWords(f.standing)));
  d.set("standing_symbol", std::string(StandingSymbol(f.standing)));
  d.set("standing_class", std::string(StandingSlug(f.standing)));
  d.set("measured", f.judged() > 0);
  return d;
}

mustache::data RowData(const std::string& name, const PeriodFigure& f) {
  mustache::data d = FigureData(f);
  d.set("name", name);
  return d;
}

// The trend chart's geometry (a template draws it, the code measures it):
// one bar per month on a 0-100 % scale, 100 units high.
constexpr int kBarWidth = 22;
constexpr int kBarGap = 8;
constexpr int kChartHeight = 100;

std::string TrendInWords(const StandardStatement& s) {
  const MonthFigure* low = nullptr;
  const MonthFigure* high = nullptr;
  int measured = 0;
  for (const MonthFigure& m : s.trend) {
    if (m.figure.judged() == 0) continue;
    ++measured;
    if (low == nullptr || m.figure.share() < low->figure.share()) low = &m;
    if (high == nullptr || m.figure.share() > high->figure.share()) high = &m;
  }
  const std::string span =
      absl::StrCat(MonthInWords(s.trend.front().month), " to ", MonthInWords(s.trend.back().month));
  if (measured == 0) return absl::StrCat("Nothing was measured from ", span, ".");
  return absl::StrCat("From ", span, ", ", measured, measured == 1 ? " month was" : " months were",
                      " measured: lowest ", PercentOf(low->figure), " in ", MonthInWords(low->month), ", highest ",
                      PercentOf(high->figure), " in ", MonthInWords(high->month), ", against a target of ",
                      RatioPercent(s.standard.target), ".");
}

std::string DipWhen(const Dip& dip) {
  return dip.period == PeriodKind::kDay ? DayInWords(dip.start) : "Week from " + DayInWords(dip.start);
}

std::string GapInWords(const GroupRow& row) {
  switch (row.comparison.finding) {
    case GapFinding::kTooFewToCompare: return "too few to compare";
    case GapFinding::kNoClearGap: return "no clear difference from other customers";
    case GapFinding::kBelowOthers:
      return absl::StrCat("below other customers by ", RatioPercent(-row.comparison.gap.high), " to ",
                          RatioPercent(-row.comparison.gap.low));
    case GapFinding::kAboveOthers:
      return absl::StrCat("above other customers by ", RatioPercent(row.comparison.gap.low), " to ",
                          RatioPercent(row.comparison.gap.high));
  }
  return "";
}

// The first satisfaction standard measured in the period, if any.
const StandardStatement* SatisfactionOf(const Statement& st) {
  for (const StandardStatement& s : st.standards) {
    if (s.standard.stage == Stage::kSatisfaction && s.figure.judged() > 0) return &s;
  }
  return nullptr;
}

std::vector<std::string> MethodNotes(const Statement& st) {
  std::vector<std::string> notes;
  if (st.count_by == Cohort::kReceipt) {
    notes.push_back(absl::StrCat(
        "Each figure counts the contacts received in the month (by the organisation's local time), "
        "whenever they were answered or resolved. A contact still open past its deadline can no longer be met: ",
        st.open_past_deadline_breached ? "it counts as not met." : "it is left out of the percentage.",
        " A contact still open within its time is pending: it is left out, and the month is provisional "
        "until it is decided."));
  } else {
    notes.push_back(
        "Each figure counts the contacts whose outcome was decided in the month (answered, resolved, "
        "abandoned, by the organisation's local time), whenever they were received.");
  }
  notes.push_back(
      "The percentage is the contacts that met the standard divided by those that met it or did not; "
      "contacts a standard leaves out (such as calls given up within the grace period) are not counted. "
      "A figure exactly at the target meets it. Percentages are rounded half up to one decimal from the "
      "exact counts.");
  notes.push_back(
      "The median and the 90th percentile are by nearest rank over the contacts decided: the value below "
      "or at which half (nine in ten) of them fall. Working days are exact up to 50; other "
      "times are given to within 1%.");
  notes.push_back(
      "A working day is a day the service's calendar is open; a contact received after the day's cut-off or "
      "on a closed day starts counting on the next working day. Opening hours count only while the service "
      "is open.");
  std::vector<std::string> abandoned;
  for (const StandardStatement& s : st.standards) {
    const Standard& d = s.standard;
    if (d.stage != Stage::kFirstResponse) continue;
    const bool excluded = d.abandoned_count_as == AbandonedCountAs::kExcluded;
    std::string rule = absl::StrCat(d.id, ": calls given up ",
                                    excluded ? std::string("are left out")
                                             : absl::StrCat("count as not answered in time"));
    if (!excluded && d.abandoned_grace > absl::ZeroDuration()) {
      absl::StrAppend(&rule, ", except those given up within ", absl::FormatDuration(d.abandoned_grace),
                      ", which are left out");
    }
    abandoned.push_back(rule);
  }
  if (!abandoned.empty()) {
    notes.push_back(absl::StrCat("Abandoned contacts: ", absl::StrJoin(abandoned, "; "), "."));
  }
  if (st.period.is_year()) {
    notes.push_back(absl::StrCat("A year's figure adds up its months: the contacts of ", PeriodInWords(st.period),
                                 ", counted as each month counts them."));
  } else {
    notes.push_back(absl::StrCat("The year to date runs from the first of ", MonthName(st.year_starts),
                                 ", when the organisation's year starts."));
  }
  notes.push_back(absl::StrCat(
      "Customer groups are compared with everyone else by a 95% confidence interval for the difference "
      "(Newcombe's method); a difference is reported only when the interval excludes zero, and a group with "
      "fewer than ",
      st.min_group_volume, " contacts measured is too few to compare."));
  return notes;
}

mustache::data StandardData(const Statement& st, const StandardStatement& s, size_t index) {
  mustache::data d = FigureData(s.figure);
  d.set("index", std::to_string(index));
  d.set("id", s.standard.id);
  d.set("wording", s.standard.wording.empty() ? s.standard.id : s.standard.wording);
  d.set("target", RatioPercent(s.standard.target));
  if (s.standard.floor > 0) d.set("floor", RatioPercent(s.standard.floor));
  d.set("sentence", s.sentence);
  if (s.today) d.set("today", FigureData(*s.today));
  if (s.median) d.set("median", *s.median);
  if (s.p90) d.set("p90", *s.p90);
  d.set("has_measures", s.median.has_value());
  if (s.change) d.set("change", *s.change);
  d.set("run", s.run);
  d.set("has_run", !s.run.empty());
  mustache::data ytd = FigureData(s.year_to_date);
  ytd.set("from", MonthInWords(s.year_from));
  ytd.set("to", MonthInWords(st.period.last()));
  d.set("year_to_date", ytd);

  mustache::data trend(mustache::data::type::list);
  int x = 0;
  for (const MonthFigure& m : s.trend) {
    mustache::data row = FigureData(m.figure);
    row.set("month", MonthInWords(m.month));
    row.set("short_month", MonthName(m.month.month()).substr(0, 3));
    // The year under the first month and each January.
    if (m.month == s.trend.front().month || m.month.month() == 1) row.set("year", std::to_string(m.month.year()));
    const int height = m.figure.judged() == 0 ? 0 : static_cast<int>(std::lround(m.figure.share() * kChartHeight));
    row.set("bar_x", std::to_string(x));
    row.set("bar_y", std::to_string(kChartHeight - height));
    row.set("bar_height", std::to_string(height));
    row.set("label_x", std::to_string(x + kBarWidth / 2));
    row.set("current", !st.period.is_year() && m.month == st.period.first);
    trend.push_back(row);
    x += kBarWidth + kBarGap;
  }
  d.set("trend", trend);
  mustache::data chart;
  chart.set("width", std::to_string(x));
  chart.set("view_width", std::to_string(x + 40));
  chart.set("bar_width", std::to_string(kBarWidth));
  chart.set("target_y", std::to_string(kChartHeight - std::lround(s.standard.target * kChartHeight)));
  chart.set("description", TrendInWords(s));
  d.set("chart", chart);

  auto rows = [](const std::vector<BreakdownRow>& in) {
    mustache::data list(mustache::data::type::list);
    for (const BreakdownRow& r : in) list.push_back(RowData(r.name, r.figure));
    return list;
  };
  // Satisfaction beside timeliness: where the organisation measures it, the
  // share of each service's customers satisfied sits in each timeliness
  // standard's service table.
  const StandardStatement* satisfaction = SatisfactionOf(st);
  const bool beside = satisfaction != nullptr && satisfaction != &s;
  mustache::data by_service(mustache::data::type::list);
  for (const BreakdownRow& r : s.by_service) {
    mustache::data row = RowData(r.name, r.figure);
    if (beside) {
      std::string shown = "not measured";
      for (const BreakdownRow& theirs : satisfaction->by_service) {
        if (theirs.name == r.name && theirs.figure.judged() > 0) {
          shown = absl::StrCat(PercentOf(theirs.figure), " of ", Thousands(theirs.figure.judged()));
        }
      }
      row.set("satisfaction", shown);
    }
    by_service.push_back(row);
  }
  if (beside) {
    d.set("satisfaction_wording", satisfaction->standard.wording.empty() ? satisfaction->standard.id
                                                                          : satisfaction->standard.wording);
  }
  d.set("has_satisfaction", beside);
  d.set("by_service", by_service);
  d.set("by_channel", rows(s.by_channel));
  d.set("has_services", s.by_service.size() > 1);
  d.set("has_channels", s.by_channel.size() > 1);
  mustache::data groups(mustache::data::type::list);
  for (const GroupRow& g : s.by_customer_group) {
    mustache::data row = RowData(g.group, g.figure);
    const bool compared = g.comparison.finding != GapFinding::kTooFewToCompare;
    row.set("interval", compared ? absl::StrCat(RatioPercent(g.comparison.group.low), " to ", RatioPercent(g.comparison.group.high))
                                 : std::string("–"));
    row.set("finding", GapInWords(g));
    groups.push_back(row);
  }
  d.set("customer_groups", groups);
  d.set("has_customer_groups", !s.by_customer_group.empty());

  mustache::data revisions(mustache::data::type::list);
  for (const Revision& r : s.revisions) {
    revisions.push_back(mustache::data(
        "text", absl::StrCat(MonthInWords(r.month), ": revised from ", PercentOf(r.published), " (of ",
                             Thousands(r.published.judged()), ") as published on ",
                             DayInWords(absl::ToCivilDay(r.published_at, absl::UTCTimeZone())), " to ",
                             PercentOf(r.now), " (of ", Thousands(r.now.judged()), ")")));
  }
  d.set("revisions", revisions);
  mustache::data dips(mustache::data::type::list);
  for (const Dip& dip : s.dips) {
    mustache::data row = FigureData(dip.figure);
    row.set("when", DipWhen(dip));
    row.set("period", std::string(dip.period == PeriodKind::kDay ? "day" : "week"));
    if (dip.explanation) {
      row.set("explanation", dip.explanation->explanation);
      row.set("action", dip.explanation->action);
    }
    row.set("unexplained", !dip.explanation.has_value());
    dips.push_back(row);
  }
  d.set("dips", dips);
  d.set("has_dips", !s.dips.empty());
  mustache::data compared(mustache::data::type::list);
  {
    mustache::data ours = RowData(st.organisation.empty() ? std::string("Us") : st.organisation, s.figure);
    ours.set("target", RatioPercent(s.standard.target));
    ours.set("ours", true);
    compared.push_back(ours);
  }
  for (const ComparedFigure& c : s.compared) {
    mustache::data row = RowData(c.organisation, c.figure);
    row.set("target", RatioPercent(c.target));
    compared.push_back(row);
  }
  d.set("compared", compared);
  d.set("has_compared", !s.compared.empty());
  return d;
}

mustache::data StatementData(const Statement& st) {
  mustache::data d;
  d.set("organisation", st.organisation.empty() ? std::string("Our") : st.organisation);
  d.set("has_organisation", !st.organisation.empty());
  // "month" holds the period in words for a year too, so that an
  // organisation's own templates keep working.
  d.set("month", PeriodInWords(st.period));
  d.set("during", DuringPeriod(st.period));
  d.set("is_year", st.period.is_year());
  d.set("since", std::string(st.period.is_year() ? "Since the year before" : "Since last month"));
  d.set("trend_caption", std::string(st.period.is_year() ? "month by month" : "the last 13 months"));
  d.set("live", st.live);
  d.set("month_iso", PeriodIso(st.period));
  d.set("count_by", std::string(CohortName(st.count_by)));
  d.set("by_receipt", st.count_by == Cohort::kReceipt);
  d.set("figures_at", FiguresAt(st.figures_at));
  d.set("figures_at_sentence", st.figures_at == absl::InfinitePast()
                                   ? std::string("No contacts have been measured yet.")
                                   : absl::StrCat("Figures taken at ", FiguresAt(st.figures_at), "."));
  d.set("provisional", st.provisional());
  d.set("pending", Thousands(st.pending()));
  d.set("pending_sentence",
        absl::StrCat(Thousands(st.pending()), st.pending() == 1 ? " contact" : " contacts", " received ",
                     DuringPeriod(st.period), st.pending() == 1 ? " is" : " are",
                     " still open within the time allowed, so these figures may change."));
  d.set("unexplained_dips", std::to_string(st.unexplained_dips()));
  d.set("has_unexplained_dips", st.unexplained_dips() > 0);
  size_t met = 0, measured = 0;
  mustache::data standards(mustache::data::type::list);
  for (size_t i = 0; i < st.standards.size(); ++i) {
    const StandardStatement& s = st.standards[i];
    if (s.figure.judged() > 0) ++measured;
    if (s.figure.standing == Standing::kMet) ++met;
    standards.push_back(StandardData(st, s, i));
  }
  d.set("standards", standards);
  std::string summary = absl::StrCat("We met ", met, " of our ", measured, measured == 1 ? " standard" : " standards",
                                     " measured ", DuringPeriod(st.period), ".");
  // A year asked for before it ends is the year so far.
  if (st.period.is_year() && st.figures_at < absl::FromCivil(absl::CivilSecond(st.period.last() + 1), absl::UTCTimeZone())) {
    absl::StrAppend(&summary, " The year is not over: these are its months so far.");
  }
  d.set("summary", summary);
  mustache::data method(mustache::data::type::list);
  for (const std::string& note : MethodNotes(st)) method.push_back(mustache::data("note", note));
  d.set("method", method);
  return d;
}

// Markdown: text as written, except what would break a table row.
std::string MarkdownEscape(const std::string& text) {
  return absl::StrReplaceAll(text, {{"|", "\\|"}, {"\n", " "}, {"\r", ""}});
}

absl::StatusOr<std::string> RenderTemplate(const std::string& text, const mustache::data& data, bool html,
                                           std::string_view which) {
  mustache::mustache tmpl(text);
  if (!tmpl.is_valid()) {
    return absl::InvalidArgumentError(absl::StrCat("the ", std::string(which), " template: ", tmpl.error_message()));
  }
  if (!html) tmpl.set_custom_escape(MarkdownEscape);
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) {
    return absl::InvalidArgumentError(absl::StrCat("the ", std::string(which), " template: ", tmpl.error_message()));
  }
  return out;
}

// CSV (RFC 4180): a field with a comma, quote or line break is quoted.
std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  return absl::StrCat("\"", absl::StrReplaceAll(std::string(text), {{"\"", "\"\""}}), "\"");
}

std::string Number(double value) { return absl::StrFormat("%.6g", value); }

std::string OptionalNumber(const std::optional<double>& value) { return value ? Number(*value) : ""; }

// The share as a plain number with four decimals (0.8312), rounded half up
// from the exact counts; empty when nothing was measured.
std::string ShareNumber(const PeriodFigure& f) {
  if (f.judged() == 0) return "";
  const absl::uint128 ten_thousandths = (absl::uint128(f.met) * 20000 + f.judged()) / (absl::uint128(f.judged()) * 2);
  const uint64_t v = absl::Uint128Low64(ten_thousandths);
  return absl::StrFormat("%d.%04d", v / 10000, v % 10000);
}

// What the median and p90 numbers are counted in.
std::string ValueUnit(const Standard& standard) {
  switch (standard.unit()) {
    case MeasureUnit::kMicroseconds:
      return standard.clock == ClockKind::kBusiness ? "seconds_of_opening_hours" : "seconds";
    case MeasureUnit::kWorkingDays: return "working_days";
    case MeasureUnit::kScore: return "score";
    case MeasureUnit::kCount: return "transfers";
  }
  return "";
}

constexpr std::string_view kCsvHeader =
    "organisation,period,count_by,standard,wording,scope,scope_value,target,floor,met,not_met,excluded,pending,"
    "open_past_deadline,achieved,standing,provisional,unit,median,p90\n";

void CsvRow(const Statement& st, const StandardStatement& s, std::string_view scope, std::string_view value,
            const PeriodFigure& f, bool with_measures, std::string* out) {
  const Standard& d = s.standard;
  absl::StrAppend(out, CsvField(st.organisation), ",", PeriodIso(st.period), ",", std::string(CohortName(st.count_by)),
                  ",", CsvField(d.id), ",", CsvField(d.wording), ",", std::string(scope), ",", CsvField(value), ",",
                  Number(d.target), ",", d.floor > 0 ? Number(d.floor) : "", ",", f.met, ",", f.not_met, ",",
                  f.excluded, ",", f.pending, ",", f.open_overdue, ",", ShareNumber(f), ",",
                  CsvField(StandingInWords(f.standing)), ",", f.provisional() ? "yes" : "no", ",",
                  ValueUnit(d), ",", with_measures ? OptionalNumber(s.median_value) : "", ",",
                  with_measures ? OptionalNumber(s.p90_value) : "", "\n");
}

std::string RenderCsv(const Statement& st) {
  std::string out(kCsvHeader);
  for (const StandardStatement& s : st.standards) {
    CsvRow(st, s, "all", "", s.figure, true, &out);
    for (const BreakdownRow& r : s.by_service) CsvRow(st, s, "service", r.name, r.figure, false, &out);
    for (const BreakdownRow& r : s.by_channel) CsvRow(st, s, "channel", r.name, r.figure, false, &out);
    for (const GroupRow& g : s.by_customer_group) CsvRow(st, s, "customer_group", g.group, g.figure, false, &out);
  }
  return out;
}

std::string FigureJson(const PeriodFigure& f) {
  return absl::StrCat("{\"met\":", f.met, ",\"not_met\":", f.not_met, ",\"excluded\":", f.excluded,
                      ",\"pending\":", f.pending, ",\"open_past_deadline\":", f.open_overdue, ",\"achieved\":",
                      f.judged() == 0 ? "null" : ShareNumber(f), ",\"standing\":", JsonString(StandingInWords(f.standing)),
                      "}");
}

std::string RenderJson(const Statement& st) {
  std::string out = absl::StrCat(
      "{\"schema\":\"ontime.statement.v1\",\"organisation\":", JsonString(st.organisation),
      ",\"period\":", JsonString(PeriodIso(st.period)), ",\"months\":", st.period.months, ",\"count_by\":", JsonString(CohortName(st.count_by)),
      ",\"open_past_deadline\":", JsonString(st.open_past_deadline_breached ? "breached" : "left_out"),
      ",\"figures_at\":", st.figures_at == absl::InfinitePast() ? "null" : Rfc3339(st.figures_at),
      ",\"made_at\":", st.made_at == absl::InfinitePast() ? "null" : Rfc3339(st.made_at), ",\"provisional\":", st.provisional() ? "true" : "false",
      ",\"standards\":[");
  for (size_t i = 0; i < st.standards.size(); ++i) {
    const StandardStatement& s = st.standards[i];
    const Standard& d = s.standard;
    absl::StrAppend(&out, i == 0 ? "" : ",", "{\"id\":", JsonString(d.id), ",\"wording\":", JsonString(d.wording),
                    ",\"target\":", Number(d.target), ",\"floor\":", d.floor > 0 ? Number(d.floor) : "null",
                    ",\"unit\":", JsonString(ValueUnit(d)), ",\"figure\":", FigureJson(s.figure),
                    ",\"median\":", s.median_value ? Number(*s.median_value) : "null",
                    ",\"p90\":", s.p90_value ? Number(*s.p90_value) : "null", ",\"sentence\":", JsonString(s.sentence),
                    ",\"change\":", s.change ? JsonString(*s.change) : "null", ",\"run\":", JsonString(s.run),
                    ",\"year_to_date\":{\"from\":", JsonString(absl::FormatCivilTime(s.year_from)),
                    ",\"figure\":", FigureJson(s.year_to_date), "},\"trend\":[");
    for (size_t m = 0; m < s.trend.size(); ++m) {
      absl::StrAppend(&out, m == 0 ? "" : ",", "{\"month\":", JsonString(absl::FormatCivilTime(s.trend[m].month)),
                      ",\"figure\":", FigureJson(s.trend[m].figure), "}");
    }
    auto rows = [&](std::string_view name, const std::vector<BreakdownRow>& in) {
      absl::StrAppend(&out, "],\"", std::string(name), "\":[");
      for (size_t r = 0; r < in.size(); ++r) {
        absl::StrAppend(&out, r == 0 ? "" : ",", "{\"name\":", JsonString(in[r].name), ",\"figure\":",
                        FigureJson(in[r].figure), "}");
      }
    };
    rows("by_service", s.by_service);
    rows("by_channel", s.by_channel);
    absl::StrAppend(&out, "],\"by_customer_group\":[");
    for (size_t g = 0; g < s.by_customer_group.size(); ++g) {
      const GroupRow& row = s.by_customer_group[g];
      const bool compared = row.comparison.finding != GapFinding::kTooFewToCompare;
      absl::StrAppend(&out, g == 0 ? "" : ",", "{\"name\":", JsonString(row.group), ",\"figure\":", FigureJson(row.figure),
                      ",\"finding\":", JsonString(GapInWords(row)));
      if (compared) {
        absl::StrAppend(&out, ",\"interval\":[", Number(row.comparison.group.low), ",", Number(row.comparison.group.high),
                        "],\"gap\":[", Number(row.comparison.gap.low), ",", Number(row.comparison.gap.high), "]");
      }
      absl::StrAppend(&out, "}");
    }
    absl::StrAppend(&out, "],\"dips\":[");
    for (size_t k = 0; k < s.dips.size(); ++k) {
      const Dip& dip = s.dips[k];
      absl::StrAppend(&out, k == 0 ? "" : ",", "{\"period\":", JsonString(dip.period == PeriodKind::kDay ? "day" : "week"),
                      ",\"start\":", JsonString(absl::FormatCivilTime(dip.start)), ",\"figure\":", FigureJson(dip.figure),
                      ",\"explanation\":", dip.explanation ? JsonString(dip.explanation->explanation) : "null",
                      ",\"action\":", dip.explanation ? JsonString(dip.explanation->action) : "null", "}");
    }
    absl::StrAppend(&out, "],\"revisions\":[");
    for (size_t k = 0; k < s.revisions.size(); ++k) {
      const Revision& r = s.revisions[k];
      absl::StrAppend(&out, k == 0 ? "" : ",", "{\"month\":", JsonString(absl::FormatCivilTime(r.month)),
                      ",\"published_at\":", Rfc3339(r.published_at), ",\"published\":", FigureJson(r.published),
                      ",\"now\":", FigureJson(r.now), "}");
    }
    absl::StrAppend(&out, "],\"compared\":[");
    for (size_t k = 0; k < s.compared.size(); ++k) {
      const ComparedFigure& c = s.compared[k];
      absl::StrAppend(&out, k == 0 ? "" : ",", "{\"organisation\":", JsonString(c.organisation),
                      ",\"target\":", Number(c.target), ",\"figure\":", FigureJson(c.figure), "}");
    }
    absl::StrAppend(&out, "]}");
  }
  absl::StrAppend(&out, "]}\n");
  return out;
}

mustache::data EvidenceData(const EvidenceIndex& index) {
  mustache::data d;
  d.set("organisation", index.organisation.empty() ? std::string("Our organisation") : index.organisation);
  d.set("period", PeriodInWords(index.period));
  d.set("figures_at_sentence", index.figures_at == absl::InfinitePast()
                                   ? std::string("No contacts have been measured yet.")
                                   : absl::StrCat("Figures taken at ", FiguresAt(index.figures_at), "."));
  auto texts = [](const std::vector<std::string>& in) {
    mustache::data list(mustache::data::type::list);
    for (const std::string& text : in) list.push_back(mustache::data("text", text));
    return list;
  };
  mustache::data elements(mustache::data::type::list);
  for (const EvidenceElement& e : index.elements) {
    mustache::data row;
    row.set("id", e.id);
    row.set("anchor", absl::StrReplaceAll(e.id, {{".", "-"}}));
    row.set("asks", e.asks);
    row.set("held", texts(e.held));
    row.set("not_held", texts(e.not_held));
    row.set("gaps", texts(e.gaps));
    row.set("has_not_held", !e.not_held.empty());
    row.set("has_gaps", !e.gaps.empty());
    elements.push_back(row);
  }
  d.set("elements", elements);
  return d;
}

}  // namespace

absl::StatusOr<std::string> RenderEvidence(const EvidenceIndex& index, StatementFormat format,
                                           const StatementTemplates& templates) {
  switch (format) {
    case StatementFormat::kMarkdown:
      return RenderTemplate(templates.evidence_markdown, EvidenceData(index), false, "evidence Markdown");
    case StatementFormat::kHtml:
      return RenderTemplate(templates.evidence_html, EvidenceData(index), true, "evidence HTML");
    case StatementFormat::kCsv:
    case StatementFormat::kJson:
      break;
  }
  return absl::InvalidArgumentError("the evidence index is written as md or html");
}

absl::StatusOr<std::string> RenderStatement(const Statement& statement, StatementFormat format,
                                            const StatementTemplates& templates) {
  switch (format) {
    case StatementFormat::kMarkdown:
      return RenderTemplate(templates.markdown, StatementData(statement), false, "Markdown");
    case StatementFormat::kHtml:
      return RenderTemplate(templates.html, StatementData(statement), true, "HTML");
    case StatementFormat::kCsv:
      return RenderCsv(statement);
    case StatementFormat::kJson:
      return RenderJson(statement);
  }
  return absl::InvalidArgumentError("unknown format");
}

}  // namespace ontime

#!/usr/bin/env python3
"""Reference oracle: the expected outcome of every contact for the real-data standards.

Pure Python (standard library, zoneinfo), written from the definitions in
tools/data/README.md and PRODUCT.md, independently of the C++ engine. It reads
ontime contact events (JSON lines, any order, duplicates allowed: an eventId
seen again is ignored), folds each contact's events in event-time order, and
judges the contact against each standard of a set ("boston311" or "pbx").

Output (stdout or --out), JSON lines:
  one line per decided (contact, standard), sorted by (standard, contact_id):
    {"contact_id": "...", "standard": "...", "outcome": "met|breached|excluded",
     "duration_seconds": 42.0}      elapsed clock; null where the stage has no
                                     measure (resolution of an abandoned call)
     "working_days": 3}             working_days clock
  then one summary line per standard, sorted by standard:
    {"standard": "...", "summary": {"contacts": n, "met": .., "breached": ..,
     "excluded": .., "open": .., "compliance": met/(met+breached)}}
Contacts a standard applies to that have not stopped that stage get no line and
are counted as "open". A human summary goes to stderr.

With --config FILE the oracle also checks that the ontime config file states the
same calendar (time zone, cut-off, holiday dates) and standards (ids, stage,
clock, threshold, target, abandoned policy) as the oracle's own definitions.
"""

import argparse
import bisect
import collections
import datetime as dt
import json
import re
import sys
import zoneinfo

UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
US = 1_000_000  # microseconds per second

# ---------------------------------------------------------------------------
# Calendars


def nth_weekday(year, month, weekday, n):
    """The n-th (1-based) `weekday` (Mon=0) of the month; n = -1 for the last."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def observed(day):
    """(observed, actual): a fixed-date holiday on a Saturday is observed on the Friday,
    on a Sunday the Monday."""
    if day.weekday() == 5:
        return day - dt.timedelta(days=1), day
    if day.weekday() == 6:
        return day + dt.timedelta(days=1), day
    return day, day


def massachusetts_suffolk_holidays(first_year, last_year):
    """{date: name}: Massachusetts legal holidays plus Suffolk County's Evacuation Day
    and Bunker Hill Day, with the observed Friday/Monday for a weekend date."""
    days = {}

    def add(day, name):
        if isinstance(day, tuple):  # (observed, actual) for a fixed date
            day, actual = day
            if day != actual:
                name = f"{name} {actual.year} (observed; {actual} is a {actual.strftime('%A')})"
        if day in days:
            raise ValueError(f"two holidays on {day}: {days[day]}, {name}")
        days[day] = name

    for y in range(first_year, last_year + 1):
        add(observed(dt.date(y, 1, 1)), "New Year's Day")
        add(nth_weekday(y, 1, 0, 3), "Martin Luther King Jr. Day")
        add(nth_weekday(y, 2, 0, 3), "Washington's Birthday")
        add(observed(dt.date(y, 3, 17)), "Evacuation Day (Suffolk County)")
        add(nth_weekday(y, 4, 0, 3), "Patriots' Day")
        add(nth_weekday(y, 5, 0, -1), "Memorial Day")
        add(observed(dt.date(y, 6, 17)), "Bunker Hill Day (Suffolk County)")
        if y >= 2021:
            add(observed(dt.date(y, 6, 19)), "Juneteenth")
        add(observed(dt.date(y, 7, 4)), "Independence Day")
        add(nth_weekday(y, 9, 0, 1), "Labor Day")
        add(nth_weekday(y, 10, 0, 2), "Columbus Day")
        add(observed(dt.date(y, 11, 11)), "Veterans Day")
        add(nth_weekday(y, 11, 3, 4), "Thanksgiving Day")
        add(observed(dt.date(y, 12, 25)), "Christmas Day")
    return days


class Calendar:
    """A time zone, working weekdays, holidays and a cut-off local time of day.

    Covers the dates [first, last] only: asking about a day outside raises, because
    the holidays there are unknown.
    """

    def __init__(self, zone, working_weekdays, holidays, cut_off, first, last):
        self.zone = zoneinfo.ZoneInfo(zone)
        self.zone_name = zone
        self.working_weekdays = set(working_weekdays)
        self.holidays = dict(holidays)
        self.cut_off = cut_off  # dt.time
        self.first, self.last = first, last
        self.working_days = []
        d = first
        while d <= last:
            if d.weekday() in self.working_weekdays and d not in self.holidays:
                self.working_days.append(d)
            d += dt.timedelta(days=1)

    def is_working_day(self, day):
        self._covered(day)
        return day.weekday() in self.working_weekdays and day not in self.holidays

    def _covered(self, day):
        if not (self.first <= day <= self.last):
            raise ValueError(f"{day} is outside the calendar's known years "
                             f"{self.first}..{self.last}")

    def local_instant(self, day, time_of_day):
        """The instant (UTC microseconds) at which local wall-clock `day time_of_day` comes:
        its first occurrence if the clock shows it twice; if the clock skips it, the
        instant the clock jumps past it."""
        naive = dt.datetime.combine(day, time_of_day)
        early = naive.replace(tzinfo=self.zone, fold=0)
        u = micros(early.astimezone(UTC))
        if early.astimezone(UTC).astimezone(self.zone).replace(tzinfo=None) == naive:
            late = micros(naive.replace(tzinfo=self.zone, fold=1).astimezone(UTC))
            return min(u, late)
        # Skipped: the first instant whose local reading is at or after `naive`.
        lo = micros(naive.replace(tzinfo=self.zone, fold=1).astimezone(UTC))
        hi = u
        lo, hi = min(lo, hi), max(lo, hi)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.local_reading(mid) >= naive:
                hi = mid
            else:
                lo = mid + 1
        return lo

    def local_reading(self, us):
        return (EPOCH + dt.timedelta(microseconds=us)).astimezone(self.zone).replace(tzinfo=None)

    def end_of_day(self, day):
        """Local midnight at the end of `day`."""
        return self.local_instant(day + dt.timedelta(days=1), dt.time(0, 0))

    def receipt_day(self, received_us):
        """D0: the first working day D, from the local date of receipt on, such that the
        receipt is before the cut-off on D."""
        d = self.local_reading(received_us).date()
        while True:
            if self.is_working_day(d) and received_us < self.local_instant(d, self.cut_off):
                return d
            d += dt.timedelta(days=1)

    def working_days_after(self, d0, stop_us):
        """k: the smallest j >= 0 such that stop is before local midnight ending D_j."""
        i0 = bisect.bisect_left(self.working_days, d0)
        assert self.working_days[i0] == d0
        # Candidate from the local date of the stop, then confirmed (and if need be
        # corrected) against the definition in instants.
        local_date = max(self.local_reading(stop_us).date(), d0)
        self._covered(local_date)
        j = max(bisect.bisect_left(self.working_days, local_date) - i0, 0)

        def end(jj):
            idx = i0 + jj
            if idx >= len(self.working_days):
                raise ValueError(f"working day {jj} after {d0} is past {self.last}")
            return self.end_of_day(self.working_days[idx])

        while not stop_us < end(j):
            j += 1
        while j > 0 and stop_us < end(j - 1):
            j -= 1
        return j

    def deadline(self, d0, n):
        i0 = bisect.bisect_left(self.working_days, d0)
        return self.end_of_day(self.working_days[i0 + n])


BOSTON_HOLIDAYS = massachusetts_suffolk_holidays(2018, 2022)
BOSTON = Calendar("America/New_York", range(5), BOSTON_HOLIDAYS, dt.time(17, 0),
                  dt.date(2018, 1, 1), dt.date(2022, 12, 31))

# ---------------------------------------------------------------------------
# Standards

STANDARDS = {
    "boston311": [
        {"id": "boston-resolve-10wd", "channels": ["phone", "web_form", "social"],
         "stage": "resolution", "clock": "working_days", "threshold": 10,
         "threshold_text": "10 working days", "calendar": ("boston", BOSTON), "target": 0.9},
        {"id": "boston-phone-resolve-3d", "channels": ["phone"],
         "stage": "resolution", "clock": "elapsed", "threshold": 72 * 3600 * US,
         "threshold_text": "72h", "target": 0.8},
    ],
    "pbx": [
        {"id": "pbx-answer-20s", "channels": ["phone"], "stage": "first_response",
         "clock": "elapsed", "threshold": 20 * US, "threshold_text": "20s", "target": 0.8,
         "abandoned": {"count_as": "breached", "grace": 5 * US, "grace_text": "5s"}},
        {"id": "pbx-resolve-10m", "channels": ["phone"], "stage": "resolution",
         "clock": "elapsed", "threshold": 10 * 60 * US, "threshold_text": "10m", "target": 0.8},
    ],
}

# ---------------------------------------------------------------------------
# Events and contacts

TIMESTAMP = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$")
# Tie order at one instant: the receipt first, closes last.
TYPE_RANK = {"EVENT_TYPE_RECEIVED": 0, "EVENT_TYPE_FIRST_RESPONSE": 1,
             "EVENT_TYPE_TRANSFERRED": 2, "EVENT_TYPE_RESOLVED": 3, "EVENT_TYPE_ABANDONED": 4}


def micros(aware):
    delta = aware - EPOCH
    return (delta.days * 86400 + delta.seconds) * US + delta.microseconds


def parse_time(text):
    m = TIMESTAMP.match(text)
    if not m:
        raise ValueError(f"not an RFC 3339 UTC timestamp: {text!r}")
    whole = dt.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)
    frac = (m.group(2) or "").ljust(6, "0")[:6]  # finer than microseconds is truncated
    return micros(whole) + int(frac)


def read_events(paths):
    seen = set()
    contacts = collections.defaultdict(list)
    duplicates = 0
    for path in paths:
        with (sys.stdin if path == "-" else open(path, encoding="utf-8")) as f:
            for line in f:
                if not line.strip():
                    continue
                e = json.loads(line)
                if e["eventId"] in seen:
                    duplicates += 1
                    continue
                seen.add(e["eventId"])
                contacts[e["contactId"]].append(e)
    return contacts, duplicates


class Facts:
    """What the stages need from one contact: receipt, first response, close."""

    def __init__(self, events):
        events = sorted(events, key=lambda e: (parse_time(e["eventTime"]),
                                               TYPE_RANK.get(e["type"], 9)))
        self.received = None
        self.channel = None
        self.first_response = None
        self.resolved = None
        self.abandoned = None
        for e in events:
            t = parse_time(e["eventTime"])
            kind = e["type"]
            if kind == "EVENT_TYPE_RECEIVED":
                if self.received is None:
                    self.received = t
                    self.channel = e.get("channel")
                continue
            if self.received is None:
                raise ValueError(f"contact {e['contactId']}: {kind} before its receipt")
            if self.resolved is not None or self.abandoned is not None:
                continue  # closed: later events belong to no episode
            if kind == "EVENT_TYPE_FIRST_RESPONSE":
                if self.first_response is None:
                    self.first_response = t
            elif kind == "EVENT_TYPE_RESOLVED":
                self.resolved = t
                if self.first_response is None:
                    self.first_response = t  # resolving is responding
            elif kind == "EVENT_TYPE_ABANDONED":
                if self.first_response is None:
                    self.abandoned = t
                else:  # a hang-up after the answer is not an abandon; treat as the end
                    raise ValueError(f"contact {e['contactId']}: abandoned after answer")


def channel_name(enum_name):
    return enum_name[len("CHANNEL_"):].lower() if enum_name else None


def judge(standard, f):
    """(outcome, measure) or None while the stage has not stopped."""
    if standard["clock"] == "working_days":
        _, cal = standard["calendar"]
        d0 = cal.receipt_day(f.received)

        def measure(stop):
            return cal.working_days_after(d0, stop)
    else:
        def measure(stop):
            return stop - f.received

    if standard["stage"] == "first_response":
        if f.first_response is not None:
            m = measure(f.first_response)
            return ("met" if m <= standard["threshold"] else "breached"), m
        if f.abandoned is not None:
            m = measure(f.abandoned)
            policy = standard.get("abandoned", {"count_as": "excluded", "grace": 0})
            within_grace = f.abandoned - f.received <= policy["grace"]
            excluded = within_grace or policy["count_as"] == "excluded"
            return ("excluded" if excluded else "breached"), m
        return None
    if standard["stage"] == "resolution":
        if f.abandoned is not None:
            return "excluded", None
        if f.resolved is not None:
            m = measure(f.resolved)
            return ("met" if m <= standard["threshold"] else "breached"), m
        return None
    # The oracle judges only the stages the real-data standards use.
    raise ValueError(f"the oracle judges first_response and resolution, not {standard['stage']}")


def run(standard_set, contacts):
    lines = []
    summaries = {}
    for s in STANDARDS[standard_set]:
        counts = collections.Counter()
        for cid in sorted(contacts):
            f = Facts(contacts[cid])
            if f.received is None:
                counts["no_receipt"] += 1
                continue
            if channel_name(f.channel) not in s["channels"]:
                continue
            counts["contacts"] += 1
            result = judge(s, f)
            if result is None:
                counts["open"] += 1
                continue
            outcome, m = result
            counts[outcome] += 1
            line = {"contact_id": cid, "standard": s["id"], "outcome": outcome}
            if s["clock"] == "working_days":
                line["working_days"] = m
            else:
                line["duration_seconds"] = None if m is None else m / US
            lines.append(line)
        decided = counts["met"] + counts["breached"]
        summaries[s["id"]] = {
            "contacts": counts["contacts"], "met": counts["met"],
            "breached": counts["breached"], "excluded": counts["excluded"],
            "open": counts["open"],
            "compliance": counts["met"] / decided if decided else None,
        }
    lines.sort(key=lambda l: (l["standard"], l["contact_id"]))
    return lines, summaries


# ---------------------------------------------------------------------------
# Config cross-check (a narrow reader for the files in tests/data/real; no YAML library)


def check_config(path, standard_set):
    text = open(path, encoding="utf-8").read()
    problems = []
    body = re.sub(r"#[^\n]*", "", text)
    for s in STANDARDS[standard_set]:
        cal = s.get("calendar")
        if cal:
            name, calendar = cal
            m = re.search(r"^  " + re.escape(name) + r":\n((?:    .*\n|\s*\n)+)", body, re.M)
            if not m:
                problems.append(f"calendar {name} not found")
                continue
            block = m.group(1)
            if f"time_zone: {calendar.zone_name}" not in block:
                problems.append(f"calendar {name}: time_zone is not {calendar.zone_name}")
            if f'cut_off: "{calendar.cut_off.strftime("%H:%M")}"' not in block:
                problems.append(f"calendar {name}: cut_off is not {calendar.cut_off}")
            listed = {dt.date.fromisoformat(d)
                      for d in re.findall(r"\b(\d{4}-\d\d-\d\d)\b", block)}
            expected = set(calendar.holidays)
            if listed != expected:
                problems.append(f"calendar {name}: holidays differ; config only: "
                                f"{sorted(map(str, listed - expected))}, oracle only: "
                                f"{sorted(map(str, expected - listed))}")
        m = re.search(r"- id: " + re.escape(s["id"]) + r"\n((?:    .*\n)+)", body)
        if not m:
            problems.append(f"standard {s['id']} not found")
            continue
        block = m.group(1)
        want = {
            "stage": s["stage"], "clock": s["clock"], "threshold": s["threshold_text"],
            "target": str(s["target"]),
            "applies_to": "{channel: [" + ", ".join(s["channels"]) + "]}",
        }
        if cal:
            want["calendar"] = cal[0]
        if "abandoned" in s:
            a = s["abandoned"]
            want["abandoned"] = f"{{count_as: {a['count_as']}, grace: {a['grace_text']}}}"
        for key, value in want.items():
            got = re.search(r"^    " + key + r": (.*?)\s*$", block, re.M)
            if not got or got.group(1) != value:
                problems.append(f"standard {s['id']}: {key} is "
                                f"{got.group(1) if got else 'missing'}, the oracle uses {value}")
    if problems:
        raise SystemExit(f"{path} disagrees with the oracle:\n  " + "\n  ".join(problems))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--standards", required=True, choices=sorted(STANDARDS))
    parser.add_argument("--config", help="ontime config to cross-check against the oracle")
    parser.add_argument("--out", help="write the expected outcomes here (default stdout)")
    parser.add_argument("--print-holidays", action="store_true",
                        help="print the assumed Boston holidays as YAML list items and stop")
    parser.add_argument("events", nargs="*", default=["-"],
                        help="event files, JSON lines (default stdin)")
    args = parser.parse_args(argv)
    if args.print_holidays:
        for day, name in sorted(BOSTON_HOLIDAYS.items()):
            print(f"      - {day}  # {day.strftime('%a')}  {name}")
        return 0
    if args.config:
        check_config(args.config, args.standards)
    contacts, duplicates = read_events(args.events)
    lines, summaries = run(args.standards, contacts)
    out = open(args.out, "w", encoding="utf-8", newline="\n") if args.out else sys.stdout
    for line in lines:
        out.write(json.dumps(line, separators=(",", ":")) + "\n")
    for sid in sorted(summaries):
        out.write(json.dumps({"standard": sid, "summary": summaries[sid]},
                             separators=(",", ":")) + "\n")
    if args.out:
        out.close()
    print(f"oracle {args.standards}: {len(contacts)} contacts, {duplicates} duplicate events "
          f"ignored", file=sys.stderr)
    for sid in sorted(summaries):
        s = summaries[sid]
        comp = "n/a" if s["compliance"] is None else f"{100 * s['compliance']:.2f}%"
        print(f"  {sid}: {s['contacts']} contacts: met {s['met']}, breached {s['breached']}, "
              f"excluded {s['excluded']}, open {s['open']}; compliance {comp}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks `ontime statement` JSON against an independent computation.

For each statement file given, and each of the Boston 311 standards, the month's
figures by month of receipt are recomputed from the events with the outcome
oracle (tools/data/oracle.py: its calendar, stages and measures, written from the
definitions and not from the C++ engine):

  - a case is counted in the month it was received, in the standard's zone
    (Boston for the working-day standard; UTC for the elapsed one, which has no
    calendar);
  - decided cases count met / breached / excluded as the oracle judges them;
  - the figures are taken at the statement's figures_at: the newest event, or
    the --as-of time (statement files named *as-of*), events after it unseen;
  - a case still open then is not met once its deadline has passed by then,
    and pending otherwise;
  - the percentage is met / (met + not met), rounded half up to four decimals;
  - median and 90th percentile (working days) by nearest rank over the month's
    decided cases (met or breached): exactly below 50 working days, within the
    quantile sketch's 1% above.

Usage: statement_oracle.py EVENTS.jsonl STATEMENT.json...
Exit 0 when every figure agrees; otherwise each difference is printed.
"""

import collections
import datetime as dt
import json
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools", "data"))
import oracle  # noqa: E402

UTC = dt.timezone.utc


def local_month(us, zone):
    t = (oracle.EPOCH + dt.timedelta(microseconds=us)).astimezone(zone)
    return f"{t.year:04d}-{t.month:02d}"


def deadline_us(standard, facts):
    if standard["clock"] == "working_days":
        _, cal = standard["calendar"]
        d0 = cal.receipt_day(facts.received)
        return cal.deadline(d0, standard["threshold"])
    # Elapsed: met while the wait is at most the threshold.
    return facts.received + standard["threshold"] + 1


def nearest_rank(values, q):
    values = sorted(values)
    return values[max(1, math.ceil(q * len(values) - 1e-9)) - 1]


def share(met, judged):
    if judged == 0:
        return None
    ten_thousandths = (met * 20000 + judged) // (judged * 2)
    return f"{ten_thousandths // 10000}.{ten_thousandths % 10000:04d}"


def figures(contacts, as_of):
    """Per (standard, receipt month): the counts and measures as of `as_of`,
    from the events up to it."""
    months = collections.defaultdict(lambda: collections.Counter())
    measures = collections.defaultdict(list)
    for s in oracle.STANDARDS["boston311"]:
        zone = s["calendar"][1].zone if "calendar" in s else UTC
        for cid in contacts:
            events = [e for e in contacts[cid] if oracle.parse_time(e["eventTime"]) <= as_of]
            if not events:
                continue
            f = oracle.Facts(events)
            if f.received is None or oracle.channel_name(f.channel) not in s["channels"]:
                continue
            key = (s["id"], local_month(f.received, zone))
            result = oracle.judge(s, f)
            if result is None:
                overdue = as_of >= deadline_us(s, f)
                months[key]["not_met" if overdue else "pending"] += 1
                if overdue:
                    months[key]["open_past_deadline"] += 1
                continue
            outcome, m = result
            months[key]["not_met" if outcome == "breached" else outcome] += 1
            if outcome in ("met", "breached") and s["clock"] == "working_days":
                measures[key].append(m)
    return months, measures


def main(argv):
    events_path, statements = argv[1], argv[2:]
    contacts, _ = oracle.read_events([events_path])
    newest = max(oracle.parse_time(e["eventTime"]) for events in contacts.values() for e in events)
    by_as_of = {}

    problems = 0
    checked = 0
    for path in statements:
        with open(path, encoding="utf-8") as f:
            statement = json.load(f)
        figures_at = oracle.parse_time(statement["figures_at"])
        if "as-of" not in path and figures_at != newest:
            print(f"{path}: figures_at {statement['figures_at']}, newest event {newest}")
            problems += 1
        if figures_at not in by_as_of:
            by_as_of[figures_at] = figures(contacts, figures_at)
        months, measures = by_as_of[figures_at]
        for s in statement["standards"]:
            key = (s["id"], statement["period"])
            want = months[key]
            got = s["figure"]
            expected = {
                "met": want["met"], "not_met": want["not_met"], "excluded": want["excluded"],
                "pending": want["pending"], "open_past_deadline": want["open_past_deadline"],
                "achieved": share(want["met"], want["met"] + want["not_met"]),
            }
            actual = {k: got[k] for k in expected}
            if actual["achieved"] is not None:
                actual["achieved"] = f"{actual['achieved']:.4f}"
            if actual != expected:
                print(f"{s['id']} {statement['period']}: statement {actual}, oracle {expected}")
                problems += 1
            if key in measures and measures[key]:
                want_q = (nearest_rank(measures[key], 0.5), nearest_rank(measures[key], 0.9))
                # Exact below 50 working days (each whole number has a bucket
                # of its own); above, within the sketch's 1% and the rounding
                # to a whole day (QuantileSketch::kRelativeAccuracy).
                def close(got, want):
                    return got == want if want < 50 else abs(got - want) <= 0.01 * want + 0.5
                if not (close(s["median"], want_q[0]) and close(s["p90"], want_q[1])):
                    print(f"{s['id']} {statement['period']}: median/p90 {s['median']}/{s['p90']}, oracle {want_q}")
                    problems += 1
            checked += 1
            print(f"{s['id']} {statement['period']}: met {expected['met']}, not met {expected['not_met']} "
                  f"({expected['open_past_deadline']} still open past the deadline), excluded "
                  f"{expected['excluded']}, pending {expected['pending']}: {expected['achieved']}")
    print(f"{checked} standard-months checked, {problems} differences")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

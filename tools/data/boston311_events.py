#!/usr/bin/env python3
"""Boston 311 animal/pest cases -> ontime contact events (JSON lines).

Reads ../shared/data/ (beside the repository): boston-311-animal/filtered_<year>.csv (see its PROVENANCE.md).
Per case: RECEIVED at open_dt, and RESOLVED at closed_dt when the case is closed.
open_dt/closed_dt are naive Boston wall-clock times; they are turned into UTC with
zoneinfo America/New_York, and a time that the zone skips or repeats is refused.
Cases raised by staff (source "City Worker App", "Employee Generated") are not
customer contacts and are skipped; the count goes to stderr.

Standard library only. See tools/data/README.md.
"""

import argparse
import csv
import datetime as dt
import os
import re
import sys
import zoneinfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import event_stream  # noqa: E402

# shared/ sits beside the repository (as on developer machines and in CI);
# ONTIME_SHARED_DATA overrides it.
SHARED_DATA = os.environ.get(
    "ONTIME_SHARED_DATA",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data"))
DATA_DIR = os.path.join(SHARED_DATA, "boston-311-animal")
ZONE = zoneinfo.ZoneInfo("America/New_York")

CHANNELS = {
    "Constituent Call": "CHANNEL_PHONE",
    "Citizens Connect App": "CHANNEL_WEB_FORM",
    "Self Service": "CHANNEL_WEB_FORM",
    "Twitter": "CHANNEL_SOCIAL",
}
STAFF_RAISED = {"City Worker App", "Employee Generated"}

# "Closed date : 2018-01-01 07:40:23.397" in closure_reason is the close in UTC.
CLOSED_UTC = re.compile(r"Closed date : (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(?:\.(\d+))?")


class LocalTimeError(ValueError):
    pass


def local_to_utc_us(text, what):
    """Naive Boston wall-clock `text` -> UTC microseconds; refuses skipped/repeated times."""
    naive = dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    early = naive.replace(tzinfo=ZONE, fold=0)
    late = naive.replace(tzinfo=ZONE, fold=1)
    if early.utcoffset() != late.utcoffset():
        back = early.astimezone(dt.timezone.utc).astimezone(ZONE).replace(tzinfo=None)
        kind = "skipped (does not exist)" if back != naive else "repeated (ambiguous)"
        raise LocalTimeError(f"{what} {text} is a local time America/New_York {kind}")
    return event_stream.utc_micros(early)


def read_cases(years):
    """Yields (year, row) for every row of the chosen files, by column name."""
    for year in years:
        path = os.path.join(DATA_DIR, f"filtered_{year}.csv")
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                yield year, row


def convert(years, stats):
    events = []
    seen_ids = set()
    for year, row in read_cases(years):
        stats["rows"] += 1
        case_id = row["case_enquiry_id"].strip()
        if not case_id:
            raise SystemExit(f"{year}: a row without case_enquiry_id")
        if case_id in seen_ids:
            raise SystemExit(f"case_enquiry_id {case_id} appears twice")
        seen_ids.add(case_id)
        source = row["source"]
        if source in STAFF_RAISED:
            stats["skipped_staff_raised"] += 1
            stats["skipped_" + source] = stats.get("skipped_" + source, 0) + 1
            continue
        if source not in CHANNELS:
            raise SystemExit(f"case {case_id}: unknown source {source!r}")
        opened = local_to_utc_us(row["open_dt"], f"case {case_id} open_dt")
        received = {
            "_us": opened,
            "eventId": f"{case_id}:received",
            "contactId": case_id,
            "type": "EVENT_TYPE_RECEIVED",
            "channel": CHANNELS[source],
            "contactType": row["type"],
            "service": row["department"],
            "site": row["queue"],
            "customerGroup": row["neighborhood"],
            "attributes": {"source": source},
        }
        events.append(received)
        stats["cases"] += 1
        stats["channel_" + CHANNELS[source]] = stats.get("channel_" + CHANNELS[source], 0) + 1
        if not row["neighborhood"]:
            stats["cases_without_neighborhood"] += 1
        closed_text = row["closed_dt"].strip()
        if closed_text:
            closed = local_to_utc_us(closed_text, f"case {case_id} closed_dt")
            if closed < opened:
                raise SystemExit(f"case {case_id}: closed_dt before open_dt")
            # Cross-check the zone conversion against the UTC stamp in closure_reason.
            m = CLOSED_UTC.search(row["closure_reason"])
            if m:
                stamp = dt.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S").replace(
                    tzinfo=dt.timezone.utc)
                if event_stream.utc_micros(stamp) != closed:
                    stats["closure_stamp_mismatch"] += 1
                    print(f"warning: case {case_id}: closed_dt {closed_text} (local) is "
                          f"{event_stream.rfc3339(closed)}, closure_reason says {m.group(0)} UTC",
                          file=sys.stderr)
                else:
                    stats["closure_stamp_checked"] += 1
            events.append({
                "_us": closed,
                "eventId": f"{case_id}:resolved",
                "contactId": case_id,
                "type": "EVENT_TYPE_RESOLVED",
            })
            stats["resolved"] += 1
        else:
            stats["open"] += 1
    return events


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default="2018,2019",
                        help="comma-separated years of filtered_<year>.csv (default %(default)s)")
    event_stream.add_output_arguments(parser)
    args = parser.parse_args(argv)
    years = [y.strip() for y in args.years.split(",") if y.strip()]
    stats = {k: 0 for k in ("rows", "cases", "skipped_staff_raised", "resolved", "open",
                            "cases_without_neighborhood", "closure_stamp_checked",
                            "closure_stamp_mismatch")}
    try:
        events = convert(years, stats)
    except LocalTimeError as e:
        raise SystemExit(f"refused: {e}")
    written = event_stream.write(events, args)
    print(f"boston311: years {','.join(years)}: {stats['rows']} rows; skipped "
          f"{stats['skipped_staff_raised']} staff-raised cases "
          f"(City Worker App {stats.get('skipped_City Worker App', 0)}, "
          f"Employee Generated {stats.get('skipped_Employee Generated', 0)}); "
          f"{stats['cases']} contacts ({stats['resolved']} resolved, {stats['open']} still open); "
          f"{len(events)} events, {written} lines written", file=sys.stderr)
    print("boston311: channels " + ", ".join(
        f"{k[len('channel_'):]} {v}" for k, v in sorted(stats.items()) if k.startswith("channel_"))
        + f"; {stats['cases_without_neighborhood']} without neighborhood; closure_reason UTC "
          f"stamps agreeing with the zone conversion: {stats['closure_stamp_checked']}, "
          f"disagreeing: {stats['closure_stamp_mismatch']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

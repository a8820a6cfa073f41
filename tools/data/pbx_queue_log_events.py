#!/usr/bin/env python3
"""PBXware (Asterisk) queue_log export -> ontime contact events (JSON lines).

Reads ../shared/data/ (beside the repository): pbxware-queue-log/queue_log.csv (see its PROVENANCE.md).
Only queue calls: rows whose queue_name is not NONE and whose event is one of
ENTERQUEUE, CONNECT, ABANDON, EXITWITHTIMEOUT, COMPLETEAGENT, COMPLETECALLER,
BLINDTRANSFER, ATTENDEDTRANSFER. One contact per callid.

  ENTERQUEUE                       -> RECEIVED (phone, service = queue, type "enquiry")
  CONNECT                          -> FIRST_RESPONSE
  ABANDON, EXITWITHTIMEOUT         -> ABANDONED
  COMPLETEAGENT, COMPLETECALLER    -> RESOLVED
  BLINDTRANSFER, ATTENDEDTRANSFER  -> TRANSFERRED, then RESOLVED at the same instant
                                      (the call left our queue handled)

eventTime = date_time (UTC epoch seconds). eventId = "<callid>:<uid>"; the RESOLVED
that follows a transfer is "<callid>:<uid>:resolved". Every event carries the
queue_log verb in attributes["queue_log_event"]. Standard library only.
"""

import argparse
import collections
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import event_stream  # noqa: E402

# shared/ sits beside the repository (as on developer machines and in CI);
# ONTIME_SHARED_DATA overrides it.
SHARED_DATA = os.environ.get(
    "ONTIME_SHARED_DATA",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data"))
DATA = os.path.join(SHARED_DATA, "pbxware-queue-log/queue_log.csv")

TYPES = {
    "ENTERQUEUE": ["EVENT_TYPE_RECEIVED"],
    "CONNECT": ["EVENT_TYPE_FIRST_RESPONSE"],
    "ABANDON": ["EVENT_TYPE_ABANDONED"],
    "EXITWITHTIMEOUT": ["EVENT_TYPE_ABANDONED"],
    "COMPLETEAGENT": ["EVENT_TYPE_RESOLVED"],
    "COMPLETECALLER": ["EVENT_TYPE_RESOLVED"],
    "BLINDTRANSFER": ["EVENT_TYPE_TRANSFERRED", "EVENT_TYPE_RESOLVED"],
    "ATTENDEDTRANSFER": ["EVENT_TYPE_TRANSFERRED", "EVENT_TYPE_RESOLVED"],
}


def convert(path, stats):
    events = []
    uids = set()
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            stats["rows"] += 1
            uid = row["uid"]
            if uid in uids:
                raise SystemExit(f"uid {uid} appears twice")
            uids.add(uid)
            verb = row["event"]
            if row["queue_name"] == "NONE" or verb not in TYPES:
                continue
            stats["verb " + verb] += 1
            callid = row["callid"]
            if callid in ("", "NONE", "MANAGER", "CLI"):
                raise SystemExit(f"uid {uid}: queue event {verb} without a call id")
            us = int(row["date_time"]) * 1_000_000
            for n, event_type in enumerate(TYPES[verb]):
                event = {
                    "_us": us,
                    "eventId": f"{callid}:{uid}" + (":resolved" if n == 1 else ""),
                    "contactId": callid,
                    "type": event_type,
                    "attributes": {"queue_log_event": verb},
                }
                if event_type == "EVENT_TYPE_RECEIVED":
                    event.update({
                        "channel": "CHANNEL_PHONE",
                        "contactType": "enquiry",
                        "service": row["queue_name"],
                    })
                events.append(event)
                stats["type " + event_type] += 1
    return events


def call_shapes(events):
    """Counts of calls by the sequence of their queue_log verbs (a sanity report)."""
    by_call = collections.defaultdict(list)
    for e in sorted(events, key=lambda e: e["_us"]):
        if not e["eventId"].endswith(":resolved"):
            by_call[e["contactId"]].append(e["attributes"]["queue_log_event"])
    return collections.Counter(" > ".join(v) for v in by_call.values())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", default=DATA, help="queue_log.csv (default %(default)s)")
    event_stream.add_output_arguments(parser)
    args = parser.parse_args(argv)
    stats = collections.Counter()
    events = convert(args.input, stats)
    written = event_stream.write(events, args)
    verbs = ", ".join(f"{k[5:]} {v}" for k, v in sorted(stats.items()) if k.startswith("verb "))
    types = ", ".join(f"{k[5:]} {v}" for k, v in sorted(stats.items()) if k.startswith("type "))
    print(f"pbx: {stats['rows']} rows; queue rows used: {verbs}", file=sys.stderr)
    print(f"pbx: events: {types}; {len(events)} events, {written} lines written", file=sys.stderr)
    for shape, n in call_shapes(events).most_common():
        print(f"pbx: {n:4d} calls {shape}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

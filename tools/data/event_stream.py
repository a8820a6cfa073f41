"""Shared output side of the data converters: ontime contact events as JSON lines.

Each event is a dict in protobuf's canonical JSON mapping of
proto/ontime/v1/contact_event.proto (camelCase names, enum names as strings,
Timestamps as RFC 3339 UTC with "Z", empty fields omitted). Internally an event
carries its instant as integer microseconds since the Unix epoch under the key
"_us"; it is rendered into "eventTime" on output.

Ordering options (the same for every converter):
  in order (default)     sorted by event time, stable (ties keep generation order)
  --shuffle-seed N       each event gets a sort key = its time + a random jitter
                         in [0, D) seconds, D = --max-displacement (default 3600),
                         and events are sorted by that key. Consequences, checked
                         at run time: (a) the in-order event at an event's output
                         position is within D seconds of event time of it; (b) an
                         event is never output after an event more than D seconds
                         newer than itself, so with D below the engine's
                         allowed_lateness no event is late.
  --duplicate-every N    every Nth event (1-based, in in-order position) is emitted
                         twice with the same eventId; the copy gets its own jitter
                         when shuffling, adjacent otherwise.
"""

import argparse
import datetime as _dt
import json
import random
import sys

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)

# Field order of the proto message, for readable, stable output.
_FIELD_ORDER = [
    "eventId", "contactId", "type", "eventTime", "channel", "contactType", "service",
    "site", "customerGroup", "priority", "promisedTime", "satisfactionScore", "attributes",
]


def utc_micros(aware):
    """Microseconds since the epoch of an aware datetime (exact integer arithmetic)."""
    delta = aware - _EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def rfc3339(us):
    """Canonical protobuf JSON Timestamp text for `us` microseconds since the epoch."""
    seconds, micros = divmod(us, 1_000_000)
    base = (_EPOCH + _dt.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S")
    if micros == 0:
        return base + "Z"
    if micros % 1000 == 0:
        return "%s.%03dZ" % (base, micros // 1000)
    return "%s.%06dZ" % (base, micros)


def render(event):
    out = {}
    for key in _FIELD_ORDER:
        if key == "eventTime":
            out[key] = rfc3339(event["_us"])
            continue
        value = event.get(key)
        if value in (None, "", 0, {}):
            continue  # proto3 JSON omits default values
        out[key] = value
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def add_output_arguments(parser, default_max_displacement=3600):
    parser.add_argument("--out", metavar="FILE", help="write JSON lines here (default stdout)")
    parser.add_argument("--shuffle-seed", type=int, metavar="N",
                        help="shuffle within a bounded event-time window, seeded with N")
    parser.add_argument("--max-displacement", type=float, default=default_max_displacement,
                        metavar="SECONDS",
                        help="largest event-time distance an event may move when shuffled "
                             "(default %(default)s)")
    parser.add_argument("--duplicate-every", type=int, metavar="N",
                        help="emit every Nth event twice (same eventId)")


def order(events, shuffle_seed=None, max_displacement=3600.0, duplicate_every=None):
    """Returns the events in output order (see the module doc)."""
    if duplicate_every is not None and duplicate_every < 1:
        raise SystemExit("--duplicate-every must be 1 or more")
    if max_displacement < 0:
        raise SystemExit("--max-displacement must be 0 or more")
    in_order = sorted(events, key=lambda e: e["_us"])  # sorted() is stable
    stream = []
    for i, e in enumerate(in_order, start=1):
        stream.append(e)
        if duplicate_every and i % duplicate_every == 0:
            stream.append(e)
    if shuffle_seed is None:
        return stream
    rng = random.Random(shuffle_seed)
    d_us = max_displacement * 1_000_000
    keyed = [(e["_us"] + rng.random() * d_us, i, e) for i, e in enumerate(stream)]
    keyed.sort(key=lambda k: (k[0], k[1]))
    out = [e for _, _, e in keyed]
    # Check the promises made above, not just argue them.
    bound = int(d_us)
    newest = None
    for pos, (shuffled, reference) in enumerate(zip(out, stream)):
        assert abs(shuffled["_us"] - reference["_us"]) <= bound, (pos, shuffled["eventId"])
        if newest is not None:
            assert newest - shuffled["_us"] <= bound, (pos, shuffled["eventId"])
        newest = shuffled["_us"] if newest is None else max(newest, shuffled["_us"])
    return out


def write(events, args):
    stream = order(events, args.shuffle_seed, args.max_displacement, args.duplicate_every)
    sink = open(args.out, "w", encoding="utf-8", newline="\n") if args.out else sys.stdout
    try:
        for e in stream:
            sink.write(render(e))
            sink.write("\n")
    finally:
        if args.out:
            sink.close()
    return len(stream)

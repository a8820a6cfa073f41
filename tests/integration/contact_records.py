#!/usr/bin/env python3
"""Hand-encoded ontime.v1.ContactEvent records for the Kafka tests: the bad
ones a dead-letter topic exists for, and hostile ones the engine must see
through. Each record goes to its own file (kcat -P sends a file as one
message); kcat stamps each with the time it sends it.

  RECORDS: refused before the engine, each with the reason the daemon and
           replay give (dead letters)
  HOSTILE: decoded and judged by the engine, which must not be fooled:
           a receipt stamped 50 minutes ahead of now (admitted, but it must
           not make the events after it late), and a resolution stamped
           before its receipt (refused as invalid_event)

Usage: contact_records.py OUT_DIR
"""
import os
import sys
import time


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def text(field, value):
    data = value.encode() if isinstance(value, str) else value
    return varint(field << 3 | 2) + varint(len(data)) + data


def number(field, value):
    return varint(field << 3) + varint(value)


def event(event_id, contact_id, event_type, seconds, channel=1):
    timestamp = number(1, seconds)
    return (text(1, event_id) + text(2, contact_id) + number(3, event_type) +
            text(4, timestamp) + number(5, channel))


RECORDS = {
    # reason the daemon gives -> bytes
    "undecodable": b"\xff\xff\xff\xff not an event",
    "missing_field": text(1, "bad-1"),  # an event id, no contact
    "unknown_enum": event("bad-2", "BAD-2", 99, 1790000000),
    "oversized": text(1, "x" * 70000),  # over max_event_bytes (64 KiB)
    # 2099-01-01: decodes, but no clock believes it
    "time_out_of_range": event("bad-3", "BAD-3", 1, 4070908800),
    # A contact id that is not UTF-8: protobuf refuses the string field.
    "undecodable_utf8": event("bad-4", b"BAD-\xff\xfe", 1, 1790000000),
    # JSON on a protobuf topic, dated in the year 9999.
    "undecodable_json": b'{"eventId":"bad-5","contactId":"BAD-5","type":"EVENT_TYPE_RECEIVED",'
                        b'"eventTime":"9999-12-31T23:59:59Z","channel":"CHANNEL_PHONE"}',
}

NOW = int(time.time())
HOSTILE = {
    "future_dated": event("hostile-1", "HOSTILE-1", 1, NOW + 50 * 60),
    "receipt": event("hostile-2", "HOSTILE-2", 1, NOW - 10 * 60),
    "resolved_before_receipt": event("hostile-3", "HOSTILE-2", 8, NOW - 15 * 60),
}

if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, data in list(RECORDS.items()) + list(HOSTILE.items()):
        with open(os.path.join(out, name + ".bin"), "wb") as f:
            f.write(data)

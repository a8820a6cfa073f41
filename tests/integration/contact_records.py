#!/usr/bin/env python3
"""Hand-encoded ontime.v1.ContactEvent records for the Kafka tests: the bad
ones a dead-letter topic exists for, and one good event with a chosen time.
Each record goes to its own file (kcat -P sends a file as one message).

Usage: contact_records.py OUT_DIR
"""
import os
import sys


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
}

if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for reason, data in RECORDS.items():
        with open(os.path.join(out, reason + ".bin"), "wb") as f:
            f.write(data)

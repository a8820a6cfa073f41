#!/usr/bin/env python3
"""Compares `ontime replay --outcomes` with an oracle's expected outcomes.

Both are JSON lines keyed by (contact_id, standard). Every expected outcome
must be present with the same verdict and measure (duration_seconds to the
microsecond, or working_days), and nothing else may be. Exits 1 listing the
first differences.
"""
import json
import sys


def load(path, expected):
    rows = {}
    for line in open(path, encoding="utf-8"):
        row = json.loads(line)
        if "summary" in row:
            continue
        key = (row["contact_id"], row["standard"])
        if key in rows:
            sys.exit(f"{path}: {key} appears twice")
        rows[key] = row
    return rows


def measure(row):
    if row.get("working_days") is not None:
        return ("working_days", row["working_days"])
    if row.get("duration_seconds") is not None:
        return ("seconds", round(float(row["duration_seconds"]), 6))
    return None


def main():
    actual_path, expected_path = sys.argv[1], sys.argv[2]
    actual, expected = load(actual_path, False), load(expected_path, True)
    problems = []
    for key in sorted(set(expected) | set(actual)):
        if key not in actual:
            problems.append(f"missing {key}: expected {expected[key]['outcome']}")
            continue
        if key not in expected:
            problems.append(f"unexpected {key}: got {actual[key]['outcome']}")
            continue
        a, e = actual[key], expected[key]
        if a["outcome"] != e["outcome"]:
            problems.append(f"{key}: got {a['outcome']}, expected {e['outcome']}")
        elif measure(e) is not None and measure(a) != measure(e):
            problems.append(f"{key}: measured {measure(a)}, expected {measure(e)}")
    print(f"{len(expected)} expected outcomes, {len(actual)} from ontime, "
          f"{len(problems)} differences")
    for p in problems[:20]:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

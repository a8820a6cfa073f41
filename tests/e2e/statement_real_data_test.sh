#!/usr/bin/env bash
# Monthly statements on real data: the Boston 311 cases (2018-2019) through
# `ontime statement --events`, one statement per month by month of receipt,
# each month's figures equal to an independent computation
# (statement_oracle.py, built on the outcome oracle in tools/data): met, not
# met (cases still open past their deadline counted as not met), excluded,
# pending, the percentage, and the median and 90th percentile in working
# days; and two months as of a few days after their end, with cases still
# pending. Without the data the test fails, never skips.
# Usage: statement_real_data_test.sh ONTIME_BINARY
set -euo pipefail
ontime=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! data=$("$root/scripts/fetch-data" boston311); then
  echo "FAILED: the Boston 311 data is missing: scripts/fetch-data said why above" >&2
  exit 1
fi
ONTIME_SHARED_DATA=$data python3 "$root/tools/data/boston311_events.py" --out "$work/events.jsonl" 2>/dev/null
for year in 2018 2019; do
  for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
    "$ontime" statement --config "$root/tests/data/real/boston311.yaml" --events "$work/events.jsonl" \
      --month "$year-$m" --format json > "$work/statement-$year-$m.json" 2>> "$work/stderr.txt"
  done
done
# As published a few days after the month ends: cases still within their
# time are pending, and the month provisional.
for month_as_of in 2018-12:2019-01-08 2019-06:2019-07-03T15:00:00Z; do
  month=${month_as_of%%:*}
  as_of=${month_as_of#*:}
  "$ontime" statement --config "$root/tests/data/real/boston311.yaml" --events "$work/events.jsonl" \
    --month "$month" --as-of "$as_of" --format json > "$work/statement-$month-as-of.json" 2>> "$work/stderr.txt"
  grep -q '"provisional":true' "$work/statement-$month-as-of.json" || { echo "FAILED: $month as of $as_of is not provisional"; exit 1; }
done
python3 "$here/statement_oracle.py" "$work/events.jsonl" "$work"/statement-*.json

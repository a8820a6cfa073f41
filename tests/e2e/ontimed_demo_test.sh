#!/usr/bin/env bash
# The README's first command, checked: ontimed on the shipped config runs on
# the embedded Kafka with the simulator inside, says where its metrics are,
# prints a live line per standard, serves valid metrics with outcomes in
# them, is ready, and drains and exits 0 on SIGTERM.
# Usage: ontimed_demo_test.sh ONTIMED
set -uo pipefail
ontimed=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT
. "$root/tests/support/checks.sh"

"$ontimed" --config "$root/deploy/examples/ontime.yaml" > "$work/out" 2> "$work/err" &
pid=$!
url=$(ontimed_url "$work/out")
check "it says where the metrics are" test -n "$url"
# Long enough for the simulated day to reach opening hours and decide calls.
sleep 25
curl -sf "$url/metrics" > "$work/metrics"
check "/metrics answers" test $? -eq 0
check "promtool finds nothing to complain about" promtool check metrics < "$work/metrics"
check "outcomes are counted" \
  awk '/^ontime_outcomes_total\{standard="phone-answer".*outcome="met"/ { n += $NF } END { exit !(n > 0) }' \
  "$work/metrics"
check "the histogram's threshold bucket is there (60 s for phone-answer)" \
  grep -q '^ontime_response_seconds_bucket{standard="phone-answer".*le="60"}' "$work/metrics"
check "no contact id in any label" bash -c "! grep -E 'CALL-|EML-|LET-|CMP-' '$work/metrics'"
check "OpenMetrics when asked" bash -c \
  "curl -sf -H 'Accept: application/openmetrics-text; version=1.0.0' '$url/metrics' | tail -1 | grep -qx '# EOF'"
check "ready" test "$(curl -s -o /dev/null -w '%{http_code}' "$url/-/ready")" = 200
check "healthy" test "$(curl -s -o /dev/null -w '%{http_code}' "$url/-/healthy")" = 200
for standard in $(sed -n 's/^  - id: \(.*\)/\1/p' "$root/deploy/examples/ontime.yaml"); do
  check "a live line for $standard" grep -q "^$standard .*today .*within.*target" "$work/out"
done
kill -TERM "$pid"
wait "$pid"
check "SIGTERM drains and exits 0" test $? -eq 0
pid=""
check "no errors in the log" bash -c "! grep -E ' (error|critical) ' '$work/err'"
finish

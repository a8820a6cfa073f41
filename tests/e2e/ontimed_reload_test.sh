#!/usr/bin/env bash
# SIGHUP reloads the standards: a changed target takes effect with the state
# in hand kept; an invalid file keeps the standards in force, and the log
# names the file, line and reason.
# Usage: ontimed_reload_test.sh ONTIMED
set -uo pipefail
ontimed=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT
. "$root/tests/support/checks.sh"
sed -e 's/listen: 127.0.0.1:9464/listen: 127.0.0.1:0/' -e 's/live_line_every: 5s/live_line_every: 0s/' \
  "$root/deploy/examples/ontime.yaml" > "$work/ontime.yaml"
"$ontimed" --config "$work/ontime.yaml" > "$work/out" 2> "$work/err" &
pid=$!
url=$(ontimed_url "$work/out")
target() { curl -sf "$url/metrics" | sed -n 's/^ontime_standard_target_ratio{standard="phone-answer"} //p'; }
records() { curl -sf "$url/metrics" | awk '/^ontime_records_total/ { s += $NF } END { print s + 0 }'; }
check "the shipped target is in force" test "$(target)" = 0.8
sleep 8
before=$(records)

# phone-answer's target: 80 % -> 85 %.
sed -i '0,/target: 80%/s//target: 85%/' "$work/ontime.yaml"
kill -HUP "$pid"
sleep 2
check "the new target is in force after SIGHUP" test "$(target)" = 0.85
check "the log says so" grep -q "standards reloaded: 13 in force" "$work/err"
check "still running, and the state in hand kept" test "$(records)" -ge "$before"

# A standard added: the state in hand carries over by standard id.
cat >> "$work/ontime.yaml" <<'YAML'
  - id: phone-answer-30s
    applies_to: {channel: [phone]}
    stage: first_response
    threshold: 30s
    target: 60%
YAML
kill -HUP "$pid"
sleep 2
check "a standard added by SIGHUP is measured" \
  bash -c "curl -sf '$url/metrics' | grep -q '^ontime_standard_target_ratio{standard=\"phone-answer-30s\"} 0.6'"
check "the log counts 14 standards" grep -q "standards reloaded: 14 in force" "$work/err"

# A broken file: the standards in force stay.
sed -i 's/threshold: 60s/threshold: sixty seconds/' "$work/ontime.yaml"
kill -HUP "$pid"
sleep 2
check "an invalid file keeps the standards in force" test "$(target)" = 0.85
check "the log names the file, line and reason" \
  grep -q "ontime.yaml:[0-9]*:[0-9]*: threshold \"sixty seconds\" is not a duration" "$work/err"
check "and says nothing changed" grep -q "the standards in force are unchanged" "$work/err"
kill -TERM "$pid"
wait "$pid"
check "SIGTERM exits 0" test $? -eq 0
pid=""
finish

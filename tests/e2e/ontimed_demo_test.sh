#!/usr/bin/env bash
# The README's first command, checked: ontimed on the shipped config runs on
# the embedded Kafka with the simulator inside, says where its metrics are,
# prints a live line per standard, serves valid metrics with outcomes in
# them, is ready, serves the month's statement so far at /, speaks the
# service manager's notification protocol (READY, STATUS, WATCHDOG,
# RELOADING on SIGHUP, STOPPING), and drains and exits 0 on SIGTERM.
#
# Run twice: as of today, and as of 2 December 2026, whose month before
# starts on a Sunday (the demo must open on a working day whatever the
# calendar). Every wait is for a condition, bounded; none is a fixed sleep.
# Usage: ontimed_demo_test.sh ONTIMED
set -uo pipefail
ontimed=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill -9 "$pid" 2> /dev/null
  [ -n "$collector" ] && kill "$collector" 2> /dev/null
  rm -rf "$work"
}
trap cleanup EXIT
. "$root/tests/support/checks.sh"

met_calls() {  # met phone-answer outcomes on /metrics, 0 if none
  curl -sf "$1/metrics" | awk '/^ontime_outcomes_total\{standard="phone-answer".*outcome="met"/ { n += $NF } END { print n + 0 }'
}
some_calls_met() { [ "$(met_calls "$1")" -gt 0 ]; }
answers() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = "$2" ]; }
live_lines_for_every_standard() {
  local standard
  for standard in $(sed -n 's/^  - id: \(.*\)/\1/p' "$root/deploy/examples/ontime.yaml"); do
    grep -q "^$standard .*today .*within.*target" "$work/out" || return 1
  done
}

standards_in_config() { grep -c '^  - id: ' "$root/deploy/examples/ontime.yaml"; }
# The page at /: the month so far and today for every standard, once calls
# have been measured today.
statement_page_shows_today() {
  curl -sf "$1/" > "$work/page.html" || return 1
  [ "$(grep -c '<li>Today so far: ' "$work/page.html")" -eq "$(standards_in_config)" ] &&
    grep -q '<li>Today so far: [0-9.]*% of [0-9,]*, ' "$work/page.html"
}

# A stand-in for systemd's notification socket: each datagram one line in
# $work/notify, its newlines as " | ".
collector=""
listen_for_notifications() {
  rm -f "$work/notify.sock" "$work/notify"
  python3 - "$work/notify.sock" "$work/notify" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "a", buffering=1) as out:
    while True:
        out.write(s.recv(4096).decode().replace("\n", " | ") + "\n")
PY
  collector=$!
  wait_for 10 test -S "$work/notify.sock"
}
notified() { grep -qE "$1" "$work/notify"; }
notified_times() { [ "$(grep -cE "$1" "$work/notify")" -ge "$2" ]; }

demo() {  # demo LABEL [ontimed flags...]
  local label=$1
  shift
  : > "$work/out"
  # The service manager's protocol: READY, STATUS, the watchdog (every
  # half second here), RELOADING around SIGHUP, STOPPING.
  listen_for_notifications
  NOTIFY_SOCKET="$work/notify.sock" WATCHDOG_USEC=1000000 \
    "$ontimed" --config "$root/deploy/examples/ontime.yaml" "$@" > "$work/out" 2> "$work/err" &
  pid=$!
  local url
  url=$(ontimed_url "$work/out")
  check "$label: it says where the metrics are" test -n "$url"
  check "$label: the simulation opens on a working day at 08:00" \
    grep -qE "simulating the council's contacts from [0-9-]+ 08:00" "$work/err"
  local first_day
  first_day=$(sed -n "s/.*simulating the council's contacts from \([0-9-]*\) .*/\1/p" "$work/err")
  check "$label: $first_day is Monday to Friday" test "$(date -d "$first_day" +%u)" -le 5
  check "$label: answered calls are counted within 60 s" wait_for 60 some_calls_met "$url"
  check "$label: a live line for every standard within 30 s" wait_for 30 live_lines_for_every_standard
  curl -sf "$url/metrics" > "$work/metrics"
  check "$label: promtool finds nothing to complain about" promtool check metrics < "$work/metrics"
  check "$label: the histogram's threshold bucket is there (60 s for phone-answer)" \
    grep -q '^ontime_response_seconds_bucket{standard="phone-answer".*le="60"}' "$work/metrics"
  check "$label: no contact id in any label" bash -c "! grep -E 'CALL-|EML-|LET-|CMP-' '$work/metrics'"
  check "$label: OpenMetrics when asked" bash -c \
    "curl -sf -H 'Accept: application/openmetrics-text; version=1.0.0' '$url/metrics' | tail -1 | grep -qx '# EOF'"
  check "$label: ready" wait_for 30 answers "$url/-/ready" 200
  check "$label: the statement at / shows today for every standard within 90 s" \
    wait_for 90 statement_page_shows_today "$url"
  check "$label: the statement is the month so far" \
    grep -qE '<h1>Riverside Council: how we are doing in [A-Z][a-z]+ 20[0-9]{2} so far</h1>' "$work/page.html"
  check "$label: the page fetches nothing (no external assets, no script)" \
    bash -c "! grep -qE '<script|(src|href)=\"(https?:)?//' '$work/page.html'"
  cp "$work/page.html" "$work/page-$label.html"
  check "$label: healthy" answers "$url/-/healthy" 200
  check "$label: the service manager is told READY=1" notified '^READY=1$'
  check "$label: and the live line as STATUS" notified '^STATUS=[0-9]+ records, [0-9]+ contacts open, [0-9]+ partitions, lag [0-9]+$'
  check "$label: the watchdog is pinged from the loop" wait_for 10 notified_times '^WATCHDOG=1$' 3
  kill -HUP "$pid"
  check "$label: SIGHUP: RELOADING=1 with MONOTONIC_USEC" wait_for 10 notified '^RELOADING=1 \| MONOTONIC_USEC=[0-9]+$'
  check "$label: then READY=1 again" wait_for 10 bash -c "sed -n '/^RELOADING=1/,\$p' '$work/notify' | grep -q '^READY=1$'"
  kill -TERM "$pid"
  wait "$pid"
  check "$label: SIGTERM drains and exits 0" test $? -eq 0
  pid=""
  check "$label: the service manager is told STOPPING=1" notified '^STOPPING=1$'
  kill "$collector" 2> /dev/null
  collector=""
  check "$label: the log says what the drain did" grep -qE "drained: [0-9]+ partition\(s\) handed back, [0-9]+ saved now with their offsets committed" "$work/err"
  check "$label: the log gives the exit code" grep -q "ontimed exits with code 0" "$work/err"
  check "$label: no errors in the log" bash -c "! grep -E ' (error|critical) ' '$work/err'"
  check "$label: no static membership on the in-process Kafka" bash -c "! grep -q 'static group membership' '$work/err'"
}

demo "today"
demo "as of 2026-12-02" --today 2026-12-02
check "as of 2026-12-02 the demo opens on Monday 2 November" \
  grep -q "simulating the council's contacts from 2026-11-02 08:00" "$work/err"
finish

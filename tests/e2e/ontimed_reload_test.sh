#!/usr/bin/env bash
# SIGHUP reloads the standards: a changed target takes effect with the state
# in hand kept; an invalid file keeps the standards in force, and the log
# names the file, line and reason. Reloads show in the metrics as
# Prometheus' own do. Basic auth changed by SIGHUP applies; a change that
# needs a restart is said in the log. Every wait is for a condition.
# Usage: ontimed_reload_test.sh ONTIMED ONTIME
set -uo pipefail
ontimed=$1
ontime=$2
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
auth=()
metric() { curl -sf "${auth[@]}" "$url/metrics" | sed -n "s/^$1 //p"; }
target() { metric 'ontime_standard_target_ratio{standard="phone-answer"}'; }
records() { curl -sf "${auth[@]}" "$url/metrics" | awk '/^ontime_records_total/ { s += $NF } END { print s + 0 }'; }
is() { [ "$($1)" = "$2" ]; }
logged() { grep -q "$1" "$work/err"; }
code() { curl -s -o /dev/null -w '%{http_code}' "$@" "$url/metrics"; }
answers() { [ "$(code "${@:2}")" = "$1" ]; }
check "the shipped target is in force" test "$(target)" = 0.8
check "the config's load time is shown" test -n "$(metric ontime_config_last_reload_success_timestamp_seconds)"
flowing() { [ "$(records)" -gt 0 ]; }
check "records are flowing" wait_for 30 flowing
before=$(records)

# phone-answer's target: 80 % -> 85 %.
sed -i '0,/target: 80%/s//target: 85%/' "$work/ontime.yaml"
kill -HUP "$pid"
check "the new target is in force after SIGHUP" wait_for 10 is target 0.85
check "the log says so" wait_for 10 logged "standards reloaded: 13 in force"
check "still running, and the state in hand kept" test "$(records)" -ge "$before"
check "the reload is shown as successful" test "$(metric ontime_config_last_reload_successful)" = 1

# A standard added: the state in hand carries over by standard id.
cat >> "$work/ontime.yaml" <<'YAML'
  - id: phone-answer-30s
    applies_to: {channel: [phone]}
    stage: first_response
    threshold: 30s
    target: 60%
YAML
kill -HUP "$pid"
added() { [ "$(metric 'ontime_standard_target_ratio{standard="phone-answer-30s"}')" = 0.6 ]; }
check "a standard added by SIGHUP is measured" wait_for 10 added
check "the log counts 14 standards" wait_for 10 logged "standards reloaded: 14 in force"

# Basic auth turned on by SIGHUP: applied to the next request.
hash=$(printf 'n3w pass\n' | "$ontime" hash-password)
sed -i "s|^  listen: 127.0.0.1:0|  listen: 127.0.0.1:0\n  basic_auth_user: prometheus\n  basic_auth_password_bcrypt: \"$hash\"|" \
  "$work/ontime.yaml"
kill -HUP "$pid"
check "basic auth turned on by SIGHUP applies" wait_for 10 answers 401
check "the new password is taken" answers 200 -u 'prometheus:n3w pass'
check "the log says the auth settings were applied" logged "basic auth settings applied: user prometheus"
auth=(-u 'prometheus:n3w pass')

# A change that needs a restart is said, not silently ignored.
sed -i 's|^  listen: 127.0.0.1:0|  listen: 127.0.0.1:1|' "$work/ontime.yaml"
kill -HUP "$pid"
check "a new listen address is said to need a restart" wait_for 10 logged "SIGHUP does not apply changes to daemon.listen"
sed -i 's|^  listen: 127.0.0.1:1|  listen: 127.0.0.1:0|' "$work/ontime.yaml"

# A broken file: the standards in force stay.
sed -i 's/threshold: 60s/threshold: sixty seconds/' "$work/ontime.yaml"
kill -HUP "$pid"
check "the log names the file, line and reason" \
  wait_for 10 logged "ontime.yaml:[0-9]*:[0-9]*: threshold \"sixty seconds\" is not a duration"
check "an invalid file keeps the standards in force" test "$(target)" = 0.85
check "and says nothing changed" logged "the standards in force are unchanged"
failed_reload() { [ "$(metric ontime_config_last_reload_successful)" = 0 ]; }
check "the failed reload is shown in the metrics" wait_for 10 failed_reload
kill -TERM "$pid"
wait "$pid"
check "SIGTERM exits 0" test $? -eq 0
pid=""
finish

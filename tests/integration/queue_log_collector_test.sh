#!/usr/bin/env bash
# The queue_log collector (`ontime collect`) against a real Kafka broker
# (KRaft, 127.0.0.1), on the real PBXware queue log:
# 1. The CSV export, collected once, then replayed from the topic with one
#    engine per partition: every outcome equals the independent oracle's
#    (tests/data/real/expected/pbx.jsonl), as the converted file's do.
#    Collected again: nothing new is sent (the position was saved).
# 2. The same calls as Asterisk's own queue_log, written while the collector
#    follows it: appended in pieces, rotated by rename, killed with SIGKILL
#    mid-file, copied and truncated while it is down: every event id the
#    log implies is on the topic, none other, and the outcomes from the
#    topic still equal the oracle's (a line read twice counts once).
# 3. Inside ontimed (a collectors: section): the export collected by the
#    daemon, its counts in /metrics, and its checkpointed aggregates equal
#    to replay's of the topic its collector wrote.
# 4. A case system's export (`ontime import`): the real Boston 311 cases by
#    deploy/examples/import-boston311.yaml, produced and replayed from the
#    topic: every outcome equals the oracle's (tests/data/real/expected/
#    boston311.jsonl). Imported again: the outcomes do not change. A row
#    whose time a clock change skipped is refused, named, and dead-lettered.
#    ontimed on the same topic applies each event once, and its checkpointed
#    aggregates equal replay's.
# A broker that will not start fails this test; it never skips.
# Usage: queue_log_collector_test.sh ONTIME_BINARY ONTIMED_BINARY
set -uo pipefail
ontime=$1
ontimed=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
broker_dir="$work/broker"
collector_pid=""
daemon_pid=""
cleanup() {
  [ -n "$collector_pid" ] && kill -9 "$collector_pid" 2>/dev/null
  [ -n "$daemon_pid" ] && kill -9 "$daemon_pid" 2>/dev/null
  "$here/kafka_broker.sh" stop "$broker_dir"
  [ -z "${KEEP_WORK:-}" ] && rm -rf "$work"
}
trap cleanup EXIT
. "$here/../support/checks.sh"

data=$("$root/scripts/fetch-data" pbx) || { echo "FAILED: no PBX data (scripts/fetch-data said why)"; exit 1; }
boston=$("$root/scripts/fetch-data" boston311) || { echo "FAILED: no Boston 311 data (scripts/fetch-data said why)"; exit 1; }
brokers=$("$here/kafka_broker.sh" start "$broker_dir") || { echo "FAILED: no Kafka broker"; exit 1; }
echo "broker at $brokers"

# tests/data/real/pbx.yaml's standards, a topic and a collector.
config() {  # config TOPIC FORMAT(protobuf|json) PATH LOGFORMAT
  cat "$root/tests/data/real/pbx.yaml"
  cat <<YAML
kafka:
  bootstrap.servers: $brokers
ingest:
  topics: [{name: $1, format: $2}]
  dead_letter_topic: $1-dead-letters
collectors:
  queue_logs:
    - name: switchboard
      path: $3
      format: $4
      poll_every: 50ms
      queues:
        - {queue: IT, service: IT}
YAML
}

# 1. The CSV export, once.
cp "$data/pbxware-queue-log/queue_log.csv" "$work/queue_log.csv"
config csv-events protobuf "$work/queue_log.csv" pbxware_csv > "$work/csv.yaml"
"$ontime" collect --config "$work/csv.yaml" --once yes > "$work/csv.out" 2> "$work/csv.err"
check "ontime collect reads the export to its end" test $? -eq 0
cat "$work/csv.out"
check "307 events from the 108 calls' 305 queue rows; 695 rows about something else" \
  grep -q "^switchboard: 307 events sent, 0 dead letters; lines: events 305 header 1 not_a_call_event 695;" "$work/csv.out"
"$ontime" replay --config "$work/csv.yaml" --brokers "$brokers" --topic csv-events \
  --outcomes "$work/csv.outcomes" > "$work/csv.summary"
check "replay reads the collected topic" test $? -eq 0
check "every outcome equals the oracle's" \
  python3 "$root/tests/e2e/compare_outcomes.py" "$work/csv.outcomes" "$root/tests/data/real/expected/pbx.jsonl"
"$ontime" collect --config "$work/csv.yaml" --once yes > "$work/csv2.out" 2>&1
check "collected again, nothing is sent twice" grep -q "^switchboard: 0 events sent" "$work/csv2.out"

# 4. The Boston 311 export through ontime import.
{ cat "$root/tests/data/real/boston311.yaml"
  printf 'kafka:\n  bootstrap.servers: %s\ningest:\n  topics: [{name: cases, format: protobuf}]\n' "$brokers"
  printf '  dead_letter_topic: cases-dead-letters\n  group: boston\n  state_topic: boston-state\n'
  printf '  outcomes_topic: boston-outcomes\n  checkpoint_every: 1s\n'
  printf 'daemon:\n  listen: 127.0.0.1:0\n  live_line_every: 0s\n'; } > "$work/boston.yaml"
import_boston() {
  "$ontime" import --config "$work/boston.yaml" --mapping "$root/deploy/examples/import-boston311.yaml" \
    --csv "$boston/boston-311-animal/filtered_2018.csv" --csv "$boston/boston-311-animal/filtered_2019.csv"
}
import_boston > "$work/import.out" 2> "$work/import.err"
check "ontime import sends both years' cases" test $? -eq 0
cat "$work/import.out"
check "16,321 contacts, 479 staff-raised cases skipped, nothing refused, 26,419 events acknowledged" \
  bash -c "grep -q 'filtered_2018.csv: 7872 rows: 7615 contacts, 257 skipped by the mapping, 0 refused' '$work/import.out' &&
           grep -q 'filtered_2019.csv: 8928 rows: 8706 contacts, 222 skipped by the mapping, 0 refused' '$work/import.out' &&
           grep -q '^26419 events acknowledged on cases' '$work/import.out'"
"$ontime" replay --config "$work/boston.yaml" --brokers "$brokers" --topic cases \
  --outcomes "$work/boston.outcomes" > /dev/null
check "the imported cases' outcomes equal the oracle's" \
  python3 "$root/tests/e2e/compare_outcomes.py" "$work/boston.outcomes" "$root/tests/data/real/expected/boston311.jsonl"
import_boston > /dev/null 2>&1
"$ontime" replay --config "$work/boston.yaml" --brokers "$brokers" --topic cases \
  --outcomes "$work/boston2.outcomes" > "$work/boston2.summary"
check "imported twice, every event is on the topic twice and counts once" \
  python3 "$root/tests/e2e/compare_outcomes.py" "$work/boston2.outcomes" "$root/tests/data/real/expected/boston311.jsonl"
# A clock change: 2019-03-10 02:30 never happened in Boston.
{ head -n 1 "$boston/boston-311-animal/filtered_2018.csv"
  sed -n 2p "$boston/boston-311-animal/filtered_2018.csv" | sed 's/^101002296910,2018-01-01 02:39:14,/900000000001,2019-03-10 02:30:00,/'
  sed -n 3p "$boston/boston-311-animal/filtered_2018.csv"; } > "$work/dst.csv"
"$ontime" import --config "$work/boston.yaml" --mapping "$root/deploy/examples/import-boston311.yaml" \
  --csv "$work/dst.csv" --topic dst-cases > "$work/dst.out" 2> "$work/dst.err"
check "a row with a time the clocks skipped is refused (exit 65), the other imported" test $? -eq 65
cat "$work/dst.out" "$work/dst.err"
check "and named with its line and reason" \
  grep -q "dst.csv:2: skipped_local_time: received 2019-03-10 02:30:00 never happened in America/New_York" "$work/dst.err"
dead_letter() {
  kcat -b "$brokers" -C -t cases-dead-letters -o beginning -e -q -f '%h\n' 2>/dev/null |
    grep -q "ontime.reason=skipped_local_time"
}
check "and its row is on the dead-letter topic with the reason" wait_for 30 dead_letter
# ontimed on the imported cases (each on the topic twice): every event
# applied once, and its checkpointed aggregates equal replay's of the topic.
"$ontimed" --config "$work/boston.yaml" > "$work/boston-daemon.out" 2> "$work/boston-daemon.err" &
daemon_pid=$!
url=$(ontimed_url "$work/boston-daemon.out")
boston_applied() {
  curl -s "$url/metrics" > "$work/boston.metrics"
  # The second import's copies come after the watermark has passed them:
  # duplicates, or late (held back from the figures either way).
  grep -q '^ontime_events_total{disposition="applied"} 26419$' "$work/boston.metrics" &&
    [ "$(awk '/^ontime_events_total\{disposition="(duplicate|late)"\}/ { n += $2 } END { print n }' \
        "$work/boston.metrics")" = 26419 ]
}
check "ontimed applies each imported event once (the second import's copies are not applied)" \
  wait_for 120 boston_applied
grep '^ontime_events_total' "$work/boston.metrics"
kill -TERM "$daemon_pid"; wait "$daemon_pid"
check "ontimed stops cleanly" test $? -eq 0
daemon_pid=""
"$ontime" state --config "$work/boston.yaml" --aggregates "$work/boston.state.jsonl" > /dev/null 2>&1
"$ontime" replay --config "$work/boston.yaml" --brokers "$brokers" --topic cases --open-end yes \
  --aggregates "$work/boston.replay.jsonl" > /dev/null 2>&1
check "ontimed's aggregates of the imported cases equal replay's of the same topic" \
  cmp -s "$work/boston.state.jsonl" "$work/boston.replay.jsonl"

# 3. Inside ontimed (its collectors: section): the export followed by the
#    daemon itself, its counts in /metrics, and the daemon's checkpointed
#    aggregates equal to replay's of the topic its collector wrote.
mkdir -p "$work/daemon"
cp "$data/pbxware-queue-log/queue_log.csv" "$work/daemon/queue_log.csv"
{ config daemon-events protobuf "$work/daemon/queue_log.csv" pbxware_csv
  printf 'daemon:\n  listen: 127.0.0.1:0\n  live_line_every: 0s\n'; } > "$work/daemon.yaml"
"$ontimed" --config "$work/daemon.yaml" > "$work/daemon.out" 2> "$work/daemon.err" &
daemon_pid=$!
url=$(ontimed_url "$work/daemon.out")
produced() { curl -s "$url/metrics" | grep -q '^ontime_collector_events_produced_total{collector="switchboard"} 307$'; }
check "ontimed's collector produced the export's 307 events" wait_for 60 produced
curl -s "$url/metrics" | grep '^ontime_collector' > "$work/daemon.metrics"
check "and counts its lines by use" \
  grep -q '^ontime_collector_lines_total{collector="switchboard",use="not_a_call_event"} 695$' "$work/daemon.metrics"
applied() { curl -s "$url/metrics" | grep -q '^ontime_events_total{disposition="applied"} 307$'; }
check "ontimed applied every one of them" wait_for 60 applied
kill -TERM "$daemon_pid"; wait "$daemon_pid"
check "ontimed stops cleanly" test $? -eq 0
"$ontime" state --config "$work/daemon.yaml" --aggregates "$work/daemon.state.jsonl" > /dev/null 2>&1
"$ontime" replay --config "$work/daemon.yaml" --brokers "$brokers" --topic daemon-events --open-end yes \
  --aggregates "$work/daemon.replay.jsonl" > /dev/null 2>&1
check "ontimed's aggregates equal replay's of the same topic" \
  cmp -s "$work/daemon.state.jsonl" "$work/daemon.replay.jsonl"

# 2. Asterisk's own format, followed through appends, rotations and kill -9.
python3 - "$work/queue_log.csv" "$work/all.log" "$work/expected_ids" <<'PY'
import csv, sys
verbs = {"ENTERQUEUE": [""], "CONNECT": [""], "ABANDON": [""], "EXITWITHTIMEOUT": [""],
         "COMPLETEAGENT": [""], "COMPLETECALLER": [""],
         "BLINDTRANSFER": ["", "/resolved"], "ATTENDEDTRANSFER": ["", "/resolved"]}
ids = []
with open(sys.argv[1], newline="") as f, open(sys.argv[2], "w") as out:
    for row in csv.DictReader(f):
        fields = [row["date_time"], row["callid"], row["queue_name"], row["type"], row["event"],
                  row["param1"], row["param2"], row["param3"]]
        out.write("|".join(fields) + "\n")
        if row["queue_name"] == "IT" and row["event"] in verbs:
            for suffix in verbs[row["event"]]:
                ids.append(f'{row["callid"]}/IT/{row["event"]}/{row["date_time"]}{suffix}')
open(sys.argv[3], "w").write("\n".join(sorted(ids)) + "\n")
PY
log="$work/follow/queue_log"
mkdir -p "$work/follow"
config follow-events json "$log" asterisk > "$work/follow.yaml"
position="$log.ontime-position"
start_collector() {
  "$ontime" collect --config "$work/follow.yaml" >> "$work/follow.out" 2>> "$work/follow.err" &
  collector_pid=$!
}
read_up_to() {  # the collector's saved position covers the file: FILE
  [ -f "$position" ] && [ "$(sed -n 's/.* offset=\([0-9]*\) .*/\1/p' "$position")" -eq "$(stat -c %s "$1")" ]
}
lines() { sed -n "$1,$2p" "$work/all.log"; }

start_collector
: > "$log"
# Appended in pieces, the last line of a piece without its end for a moment.
lines 1 150 >> "$log"
head -c 20 <(lines 151 151) >> "$log"
sleep 0.3  # lets the collector see a line being written (not a wait for a condition)
tail -c +21 <(lines 151 151) >> "$log"
lines 152 300 >> "$log"
check "the collector follows appends" wait_for 30 read_up_to "$log"
# Rename rotation: the old file gets lines after the rename (the writer has
# not reopened yet), then the new file begins.
mv "$log" "$log.1"
lines 301 320 >> "$log.1"
lines 321 500 >> "$log"
check "after a rename rotation it reads the new file" wait_for 30 read_up_to "$log"
# SIGKILL mid-file: lines appended, the collector killed while reading them.
lines 501 700 >> "$log"
kill -9 "$collector_pid"; wait "$collector_pid" 2>/dev/null; collector_pid=""
# While it is down: more lines, then copy-and-truncate (the unread lines are
# only in the copy now), then the new file's first lines.
lines 701 800 >> "$log"
cp "$log" "$log.1" && : > "$log"
lines 801 850 >> "$log"
start_collector
check "after kill -9 and copy-truncate it reads the copy's rest, then the new file" wait_for 30 read_up_to "$log"
# Copy-and-truncate while it runs.
cp "$log" "$log.1" && : > "$log"
lines 851 1000 >> "$log"
check "after a copy-truncate it reads the file again from its start" wait_for 30 read_up_to "$log"
kill -TERM "$collector_pid"; wait "$collector_pid"
check "it stops cleanly on SIGTERM" test $? -eq 0
collector_pid=""
cat "$work/follow.out" "$work/follow.err"
# The run after the kill: it resumed in the copy (found by its first bytes)
# and moved to the new file; then the live truncation, read on from the copy.
check "the restarted collector found its position in the copy, and followed a truncation" \
  grep -q "rotations 2, truncations 1, positions lost 0" "$work/follow.out"

kcat -b "$brokers" -C -t follow-events -o beginning -e -q -f '%s\n' > "$work/follow.jsonl"
python3 - "$work/follow.jsonl" "$work/expected_ids" > "$work/ids.check" <<'PY'
import json, sys
got = [json.loads(line)["eventId"] for line in open(sys.argv[1])]
want = open(sys.argv[2]).read().split()
print(f"{len(got)} records, {len(set(got))} distinct event ids, {len(want)} expected")
sys.exit(0 if sorted(set(got)) == sorted(want) else 1)
PY
check "every event the log implies is on the topic, and no other" test $? -eq 0
cat "$work/ids.check"
"$ontime" replay --config "$work/follow.yaml" --brokers "$brokers" --topic follow-events \
  --outcomes "$work/follow.outcomes" > "$work/follow.summary"
check "the outcomes from the followed log equal the oracle's" \
  python3 "$root/tests/e2e/compare_outcomes.py" "$work/follow.outcomes" "$root/tests/data/real/expected/pbx.jsonl"
finish

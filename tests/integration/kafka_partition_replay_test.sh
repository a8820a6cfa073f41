#!/usr/bin/env bash
# Against a real Kafka broker (KRaft, 127.0.0.1): a simulated month produced
# to a 12-partition topic arrives whole, each contact's events on one
# partition with the event time as the record timestamp; and measuring each
# partition with an engine of its own (as ontimed will, and as `ontime replay
# --topic` does) gives exactly the outcomes and figures of one engine over
# the whole file.
# A broker that will not start fails this test; it never skips.
# Usage: kafka_partition_replay_test.sh ONTIME_BINARY
set -uo pipefail
ontime=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
broker_dir="$work/broker"
cleanup() { "$here/kafka_broker.sh" stop "$broker_dir"; rm -rf "$work"; }
trap cleanup EXIT
. "$here/../support/checks.sh"

brokers=$("$here/kafka_broker.sh" start "$broker_dir") || { echo "FAILED: no Kafka broker"; exit 1; }
echo "broker at $brokers"
config="$root/deploy/examples/ontime.yaml"
sim=(--from 2026-10-01 --days 31 --seed 5)

"$ontime" simulate "${sim[@]}" --out "$work/month.jsonl" > /dev/null
"$ontime" simulate "${sim[@]}" --brokers "$brokers" --topic contact-events 2> "$work/produce.err"
check "the producer delivered everything" test $? -eq 0

kcat -b "$brokers" -C -t contact-events -o beginning -e -q -f '%p\t%k\t%T\t%s\n' > "$work/topic.tsv"
check "every event is on the topic" test "$(wc -l < "$work/topic.tsv")" -eq "$(wc -l < "$work/month.jsonl")"
check "the values are the events" diff <(cut -f4 "$work/topic.tsv" | sort) <(sort "$work/month.jsonl")
check "each contact's events share one partition" \
  test "$(cut -f1,2 "$work/topic.tsv" | sort -u | cut -f2 | sort | uniq -d | wc -l)" -eq 0
check "the key is the contact id and the timestamp the event time (ms)" python3 - "$work/topic.tsv" <<'PY'
import datetime, json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    partition, key, ts, value = line.rstrip("\n").split("\t", 3)
    event = json.loads(value)
    t = datetime.datetime.fromisoformat(event["eventTime"].replace("Z", "+00:00"))
    if key != event["contactId"] or int(ts) != int(t.timestamp() * 1000) // 1:
        sys.exit(f"mismatch: {line}")
PY

"$ontime" replay --config "$config" --events "$work/month.jsonl" --outcomes "$work/whole.out" > /dev/null
: > "$work/partitions.out"
for p in $(cut -f1 "$work/topic.tsv" | sort -un); do
  awk -F'\t' -v p="$p" '$1 == p { print $4 }' "$work/topic.tsv" > "$work/p$p.jsonl"
  "$ontime" replay --config "$config" --events "$work/p$p.jsonl" --outcomes "$work/p$p.out" > /dev/null
  cat "$work/p$p.out" >> "$work/partitions.out"
done
check "outcomes exist" test -s "$work/whole.out"
check "one engine per partition gives the outcomes of one engine over everything" \
  diff <(sort "$work/partitions.out") <(sort "$work/whole.out")

# The same, done by ontime itself: replay of the topic range, one engine per
# partition, equals replay of the file. Replay reads a topic in the format
# the config gives it, as ontimed would: JSON here.
python3 "$here/../support/broker_config.py" "$brokers" contact-events --format json > "$work/topic.yaml"
"$ontime" replay --config "$work/topic.yaml" --brokers "$brokers" --topic contact-events \
  --outcomes "$work/topic.out" > "$work/topic.summary"
check "ontime replay reads the topic range" test $? -eq 0
check "replay from the topic gives the file's outcomes" \
  diff <(sort "$work/topic.out") <(sort "$work/whole.out")
"$ontime" replay --config "$config" --events "$work/month.jsonl" > "$work/file.summary"
check "and the file's figures" diff <(grep -A100 '^standard' "$work/topic.summary") \
  <(grep -A100 '^standard' "$work/file.summary")
check "one engine per partition" grep -q "^12 partitions, one engine each" "$work/topic.summary"

finish

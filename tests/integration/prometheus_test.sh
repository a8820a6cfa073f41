#!/usr/bin/env bash
# A real Prometheus (Debian's package) scrapes ontimed, which is fed a known
# stream from a real Kafka broker, with the shipped recording rules loaded.
# PromQL then gives the figures the engine computed (ontime replay of the
# same topic): outcome counts per standard, the threshold bucket, and this
# month's compliance through the recording rule. A known line of calls
# (answered after 1..100 s, and 50 hang-ups after 20 s) gives the p90 the
# dashboard shows: 90 s for the answers, not the top bound, with the
# hang-ups' waits in a histogram of their own.
# A server that will not start fails this test; it never skips.
# Usage: prometheus_test.sh ONTIME ONTIMED
set -uo pipefail
ontime=$1
ontimed=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
broker_dir="$work/broker"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2> /dev/null; done
  sleep 1
  for pid in "${pids[@]}"; do kill -9 "$pid" 2> /dev/null; done
  "$here/kafka_broker.sh" stop "$broker_dir"
  rm -rf "$work"
}
trap cleanup EXIT
. "$here/../support/checks.sh"

brokers=$("$here/kafka_broker.sh" start "$broker_dir") || { echo "FAILED: no Kafka broker"; exit 1; }
# The known line, as JSON on a topic of its own (so its partitions keep their
# own watermarks), eleven days ago: last month, out of this month's figures.
python3 - "$work/known.jsonl" <<'PY'
import datetime, json, sys
start = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) - datetime.timedelta(days=11)
stamp = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
with open(sys.argv[1], "w") as out:
    for i in range(150):
        contact, at = f"KNOWN-{i:03d}", start + datetime.timedelta(minutes=5 * i)
        events = [{"eventId": f"{contact}:1", "contactId": contact, "type": "EVENT_TYPE_RECEIVED",
                   "eventTime": stamp(at), "channel": "CHANNEL_PHONE", "service": "known-line"}]
        if i < 100:  # answered after 1..100 s
            events.append({"eventId": f"{contact}:2", "contactId": contact, "type": "EVENT_TYPE_FIRST_RESPONSE",
                           "eventTime": stamp(at + datetime.timedelta(seconds=i + 1))})
        else:  # hung up after 20 s
            events.append({"eventId": f"{contact}:9", "contactId": contact, "type": "EVENT_TYPE_ABANDONED",
                           "eventTime": stamp(at + datetime.timedelta(seconds=20))})
        for e in events:
            out.write(contact + "#" + json.dumps(e, separators=(",", ":")) + "\n")
    # A day later, an email on every partition (200 keys over 12), so each
    # partition's watermark passes the line and every outcome is final.
    for i in range(200):
        e = {"eventId": f"TICK-{i}:1", "contactId": f"TICK-{i}", "type": "EVENT_TYPE_RECEIVED",
             "eventTime": stamp(start + datetime.timedelta(days=1)), "channel": "CHANNEL_EMAIL",
             "service": "known-line"}
        out.write(f"TICK-{i}#" + json.dumps(e, separators=(",", ":")) + "\n")
PY
kcat -P -b "$brokers" -t known-calls -K '#' -l "$work/known.jsonl" || { echo "FAILED: producing the known line"; exit 1; }
# The last ten days, so "this month" has figures (resolutions that fall
# after now are accepted: max_event_lead is raised below).
from=$(date -d '-12 days' +%F)
"$ontime" simulate --from "$from" --days 10 --seed 21 --format protobuf --brokers "$brokers" \
  --topic prom-events > "$work/produce" || { echo "FAILED: producing"; exit 1; }
events=$(sed -n 's/.* contacts, \([0-9]*\) events.*/\1/p' "$work/produce")

# Without declared label values, so the known line is a service label of its own.
# With a live line every second, to hold it against what Prometheus says.
python3 "$here/../support/broker_config.py" "$brokers" prom-events --max-event-lead 400d \
  | grep -v '_labels: ' | sed -e 's/live_line_every: 0s/live_line_every: 1s/' \
    -e 's/^      format: protobuf$/      format: protobuf\n    - name: known-calls\n      format: json/' > "$work/ontime.yaml"
"$ontimed" --config "$work/ontime.yaml" > "$work/ontimed.out" 2> "$work/ontimed.err" &
pids+=($!)
target=$(ontimed_url "$work/ontimed.out")
target=${target#http://}
check "ontimed serves metrics" test -n "$target"
caught_up() {
  curl -sf "http://$target/metrics" | awk -v n="$((events + 500))" '/^ontime_records_total/ { s += $NF } END { exit !(s >= n) }'
}
for _ in $(seq 1 120); do caught_up && break; sleep 1; done
check "ontimed consumed the stream" caught_up

cat > "$work/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $root/deploy/prometheus/recording_rules.yml
  - $root/deploy/prometheus/alert_rules.yml
scrape_configs:
  - job_name: ontime
    static_configs:
      - targets: ["$target"]
YAML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address=127.0.0.1:39090 > "$work/prometheus.log" 2>&1 &
pids+=($!)
query() {  # PROMQL -> "labels value" lines
  curl -sf --get "http://127.0.0.1:39090/api/v1/query" --data-urlencode "query=$1" | python3 -c '
import json, sys
for r in json.load(sys.stdin)["data"]["result"]:
    print(",".join(f"{k}={v}" for k, v in sorted(r["metric"].items()) if k != "__name__"), r["value"][1])'
}
for _ in $(seq 1 60); do
  [ "$(query 'ontime:compliance:ratio{period="month"}' 2> /dev/null | wc -l)" -gt 0 ] && break
  sleep 1
done
check "Prometheus scrapes ontimed" test "$(query 'up{job="ontime"}')" = "instance=$target,job=ontime 1"

# What the engine computed: replay of the same topic, as ontimed runs it.
"$ontime" replay --config "$work/ontime.yaml" --brokers "$brokers" --topic prom-events --open-end yes \
  --aggregates "$work/aggregates.jsonl" > "$work/replay" 2> /dev/null
query 'sum by (standard, outcome) (ontime_outcomes_total{service!="known-line"})' > "$work/outcomes"
query 'sum by (standard) (ontime_response_seconds_bucket{standard="phone-answer", le="60", service!="known-line"})' > "$work/bucket"
query 'ontime:compliance:ratio{period="month"}' > "$work/compliance"
month=$(date +%Y-%m-01)
check "PromQL gives the engine's figures" python3 - "$work" "$month" <<'PY'
import collections, json, sys
work, month = sys.argv[1], sys.argv[2]
met, breached, excluded = (collections.Counter() for _ in range(3))
month_met, month_judged = collections.Counter(), collections.Counter()
for line in open(f"{work}/aggregates.jsonl"):
    cell = json.loads(line)
    if cell["period"] != "month":
        continue
    s = cell["standard"]
    met[s] += cell["met"]; breached[s] += cell["breached"]; excluded[s] += cell["excluded"]
    if cell["start"].startswith(month):
        month_met[s] += cell["met"]; month_judged[s] += cell["met"] + cell["breached"]
def rows(name):
    out = {}
    for line in open(f"{work}/{name}"):
        labels, value = line.rsplit(" ", 1)
        out[labels] = float(value)
    return out
ok = True
outcomes = rows("outcomes")
for s in met:
    for verdict, counter in (("met", met), ("breached", breached), ("excluded", excluded)):
        got = outcomes.get(f"outcome={verdict},standard={s}", 0.0)
        if got != counter[s]:
            print(f"{s} {verdict}: Prometheus {got}, engine {counter[s]}"); ok = False
bucket = rows("bucket").get("standard=phone-answer")
if bucket != met["phone-answer"]:
    print(f"phone-answer le=60: {bucket}, met {met['phone-answer']}"); ok = False
compliance = rows("compliance")
for s, judged in month_judged.items():
    if judged == 0:
        continue
    got = compliance.get(f"period=month,standard={s}")
    want = month_met[s] / judged
    if got is None or abs(got - want) > 1e-9:
        print(f"{s} month compliance: Prometheus {got}, engine {want}"); ok = False
print(f"compared {len(met)} standards; phone-answer met {met['phone-answer']}, "
      f"month compliance for {sum(1 for j in month_judged.values() if j)} standards")
sys.exit(0 if ok else 1)
PY
# The dashboard's p90 of response times, on the known line: the 90th of 100
# answers is 90 s (a bucket bound, so interpolation lands on it exactly).
# Once, every hang-up counted beyond the top bound and pinned this at 480 s.
p90=$(query 'histogram_quantile(0.9, sum by (le) (ontime_response_seconds_bucket{standard="phone-answer", service="known-line"}))')
check "the p90 of answered calls is 90 s, not the top bound (got: $p90)" test "$p90" = " 90"
waits=$(query 'sum(ontime_abandoned_wait_seconds_count{standard="phone-answer", service="known-line"})')
check "the 50 hang-ups are in the abandoned waits (got: $waits)" test "$waits" = " 50"
abandoned_p90=$(query 'histogram_quantile(0.9, sum by (le) (ontime_abandoned_wait_seconds_bucket{standard="phone-answer", service="known-line"}))')
check "their p90 lies in the 15..30 s bucket (got: $abandoned_p90)" \
  python3 -c "import sys; sys.exit(not 15 < float('$abandoned_p90') <= 30)"
# The live line says what the metrics say: this month's judged contacts
# and the share within, per standard (the excluded apart, in neither).
query 'ontime_judged_contacts{period="month"}' > "$work/judged"
query 'ontime_compliance_ratio{period="month"}' > "$work/ratio"
check "the live line gives the metrics' month figures" python3 - "$work" <<'PY'
import re, sys
work = sys.argv[1]
def rows(name):
    out = {}
    for line in open(f"{work}/{name}"):
        labels, value = line.rsplit(" ", 1)
        out[re.search(r"standard=([^,]+)", labels).group(1)] = float(value)
    return out
judged, ratio = rows("judged"), rows("ratio")
# The last block of live lines ontimed printed.
lines = {}
for line in open(f"{work}/ontimed.out"):
    m = re.match(r"(\S+) +today .* month +(\d+) judged +([\d.]+|-) +%? ?within, +(\d+) excluded", line)
    if m:
        lines[m.group(1)] = (int(m.group(2)), m.group(3))
ok = bool(lines)
for standard, (n, within) in lines.items():
    if n != judged.get(standard, 0):
        print(f"{standard}: live line judged {n}, metrics {judged.get(standard)}"); ok = False
    if n and abs(float(within) - 100 * ratio[standard]) > 0.05:
        print(f"{standard}: live line {within} % within, metrics {100 * ratio[standard]:.2f} %"); ok = False
print(f"{len(lines)} standards on the live line")
sys.exit(0 if ok else 1)
PY
check "no alert rule fails to evaluate" bash -c "! grep -i 'error' '$work/prometheus.log' | grep -i rule"
finish

#!/usr/bin/env bash
# Alerts reach managers through a real Alertmanager (Debian's 0.25),
# configured by `ontime alertmanager-config`, from ontimed on a real Kafka
# broker, with a small webhook receiver standing in for e-mail:
#   1. 30 calls wait unanswered: 30 overdue alerts reach Alertmanager and
#      the service manager's receiver, as one digest (not 30 messages);
#   2. Alertmanager is restarted (it keeps no alerts): the re-sends bring
#      all 30 back;
#   3. 10 calls are answered late and ontimed is killed with SIGKILL right
#      after: once it is back, those 10 resolve ("answered late") and 20
#      stay firing; the receiver saw exactly the 30 identities the stream
#      implies, each firing, and exactly the 10 resolved, none twice in one
#      notification and none it should not have;
#   4. all along, a webhook receiver (a CRM) that was down until after step
#      1 gets every change (30 firing, 10 resolved), each signature valid
#      (checked here with Python's hmac, independently of ontime), each
#      change under one webhook-id however often it came.
# A server that will not start fails this test; it never skips.
# Usage: alertmanager_test.sh ONTIME ONTIMED
set -uo pipefail
ontime=$1
ontimed=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
broker_dir="$work/broker"
am_port=19193
hook_port=19194
crm_port=19195
pids=()
am_pid=""
ontimed_pid=""
cleanup() {
  for pid in "${pids[@]}" $am_pid $ontimed_pid; do kill -TERM "$pid" 2> /dev/null; done
  sleep 1
  for pid in "${pids[@]}" $am_pid $ontimed_pid; do kill -9 "$pid" 2> /dev/null; done
  "$here/kafka_broker.sh" stop "$broker_dir"
  if [ "$failures" -gt 0 ]; then
    for f in ontimed.err ontimed.out am.log; do echo "--- $f"; tail -30 "$work/$f" 2> /dev/null; done
    echo "--- what the receiver was told"; told 2> /dev/null | sort | uniq -c | head -80
    echo "--- alert metrics"; grep "ontime_alert" "$work/metrics.txt" 2> /dev/null
  fi
  rm -rf "$work"
}
. "$here/../support/checks.sh"
trap cleanup EXIT

command -v prometheus-alertmanager > /dev/null || { echo "FAILED: prometheus-alertmanager not installed"; exit 1; }
brokers=$("$here/kafka_broker.sh" start "$broker_dir") || { echo "FAILED: no Kafka broker"; exit 1; }

# The webhook receiver: every notification Alertmanager sends, a JSON line.
cat > "$work/hook.py" <<'PY'
import http.server, sys
out = open(sys.argv[2], "a")
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        out.write(body.decode().replace("\n", " ") + "\n")
        out.flush()
        self.send_response(200)
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Hook).serve_forever()
PY
python3 "$work/hook.py" "$hook_port" "$work/hook.jsonl" &
pids+=($!)

# The CRM's webhook receiver: checks each signature as a receiver would
# (Standard Webhooks: HMAC-SHA256 over id.timestamp.body), records
# "id valid|INVALID type contact" per request. Started later: down at first.
echo "whsec_$(head -c 32 /dev/urandom | base64)" > "$work/webhook.secret"
cat > "$work/crm.py" <<'PY'
import base64, hashlib, hmac, http.server, json, sys
key = base64.b64decode(open(sys.argv[3]).read().strip()[len("whsec_"):])
out = open(sys.argv[2], "a")
class Crm(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        msg_id, ts = self.headers["webhook-id"], self.headers["webhook-timestamp"]
        expected = base64.b64encode(hmac.new(key, f"{msg_id}.{ts}.".encode() + body, hashlib.sha256).digest()).decode()
        valid = any(s == "v1," + expected for s in self.headers["webhook-signature"].split())
        event = json.loads(body)
        out.write(f'{msg_id} {"valid" if valid else "INVALID"} {event["type"]} {event["data"]["contact_reference"]}\n')
        out.flush()
        self.send_response(204)
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Crm).serve_forever()
PY

python3 "$here/../support/broker_config.py" "$brokers" am-calls --format json --checkpoint-every 1s \
  --alertmanager "http://127.0.0.1:$am_port" --resend-every 2s \
  --webhook "http://127.0.0.1:$crm_port/ontime" --webhook-secret-file "$work/webhook.secret" |
  # Static membership: the restarted ontimed gets its partitions (and its
  # deliverer the alerts partition) straight back.
  sed -e "s/^  bootstrap.servers: .*/&\n  group.instance.id: alertmanager-test/" > "$work/ontime.yaml"
cat > "$work/receivers.yml" <<EOF2
receivers:
  - name: service_manager
    webhook_configs: [{url: "http://127.0.0.1:$hook_port/managers", send_resolved: true}]
EOF2
"$ontime" alertmanager-config --config "$work/ontime.yaml" --receivers "$work/receivers.yml" \
  --out "$work/am.yml" || { echo "FAILED: ontime alertmanager-config"; exit 1; }
# Digests within a second, for the test's sake (the generated 30 s / 5 min
# are for people).
sed -i -e 's/group_wait: .*/group_wait: 1s/' -e 's/group_interval: .*/group_interval: 1s/' "$work/am.yml"
check "amtool accepts the generated config" amtool check-config "$work/am.yml"

start_am() {
  prometheus-alertmanager --config.file="$work/am.yml" --storage.path="$work/am" \
    --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address= >> "$work/am.log" 2>&1 &
  am_pid=$!
  wait_for 20 curl -sf "http://127.0.0.1:$am_port/-/ready" > /dev/null
}
check "Alertmanager starts" start_am

start_ontimed() {
  "$ontimed" --config "$work/ontime.yaml" >> "$work/ontimed.out" 2>> "$work/ontimed.err" &
  ontimed_pid=$!
}
start_ontimed

# 30 calls received 10 minutes ago, not answered: overdue at once.
python3 - "$work/received.jsonl" "$work/answered.jsonl" <<'PY'
import datetime, json, sys
t0 = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) - datetime.timedelta(minutes=10)
stamp = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
with open(sys.argv[1], "w") as received, open(sys.argv[2], "w") as answered:
    for i in range(30):
        c = f"CALL-{i:02d}"
        e = {"eventId": f"{c}:r", "contactId": c, "type": "EVENT_TYPE_RECEIVED", "eventTime": stamp(t0),
             "channel": "CHANNEL_PHONE", "contactType": "enquiry", "service": "housing"}
        received.write(c + "#" + json.dumps(e) + "\n")
        if i < 10:  # answered 4 minutes in: late
            e = {"eventId": f"{c}:a", "contactId": c, "type": "EVENT_TYPE_FIRST_RESPONSE",
                 "eventTime": stamp(t0 + datetime.timedelta(minutes=4))}
            answered.write(c + "#" + json.dumps(e) + "\n")
    # Then calls answered and resolved at once, now, on every partition (200
    # keys over 12): event time moves on, so each partition's watermark
    # passes the answers (outcomes are final only then) and no alert comes
    # of these.
    now = t0 + datetime.timedelta(minutes=10)
    for i in range(200):
        c = f"TICK-{i:03d}"
        for kind, suffix in (("RECEIVED", "r"), ("FIRST_RESPONSE", "a"), ("RESOLVED", "z")):
            e = {"eventId": f"{c}:{suffix}", "contactId": c, "type": f"EVENT_TYPE_{kind}", "eventTime": stamp(now),
                 "channel": "CHANNEL_PHONE", "contactType": "enquiry", "service": "housing"}
            answered.write(c + "#" + json.dumps(e) + "\n")
PY
kcat -P -b "$brokers" -t am-calls -K '#' -l "$work/received.jsonl" || { echo "FAILED: producing"; exit 1; }

# The contacts (by label) Alertmanager holds active, sorted, one per line.
active() {
  curl -sf "http://127.0.0.1:$am_port/api/v2/alerts?active=true&silenced=false&inhibited=false&filter=source%3D%22ontime%22" |
    python3 -c 'import json,sys; print("\n".join(sorted(a["labels"]["contact"] for a in json.load(sys.stdin) if a["status"]["state"]=="active")))'
}
expect_active() {  # N FIRST LAST
  local got
  got=$(active)
  [ "$(echo "$got" | grep -c CALL-)" -eq "$1" ] && [ "$(echo "$got" | head -1)" = "$2" ] && [ "$(echo "$got" | tail -1)" = "$3" ]
}
# What the receiver was told: "firing CALL-07" / "resolved CALL-07" per
# alert per notification.
told() {
  python3 - "$work/hook.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    n = json.loads(line)
    for a in n["alerts"]:
        print(a["status"], a["labels"]["contact"], a["labels"]["level"], a["labels"]["alertname"])
PY
}
receiver_saw_all_firing() {
  [ "$(told | awk '$1=="firing" {print $2}' | sort -u | wc -l)" -eq 30 ]
}

check "30 overdue alerts reach Alertmanager" wait_for 60 expect_active 30 CALL-00 CALL-29
check "the service manager is told of all 30" wait_for 30 receiver_saw_all_firing
check "as a digest: fewer notifications than alerts" test "$(wc -l < "$work/hook.jsonl")" -lt 30
check "every alert is the overdue level, service_manager" \
  test "$(told | awk '{print $3, $4}' | sort -u)" = "service_manager OntimeContactOverdue"
labels_ok() {
  curl -sf "http://127.0.0.1:$am_port/api/v2/alerts?filter=contact%3D%22CALL-03%22" | python3 -c '
import json, sys
a = json.load(sys.stdin)[0]
l, n = a["labels"], a["annotations"]
assert l["service"] == "housing" and l["standard"] == "phone-answer" and l["channel"] == "phone", l
assert "overdue" in n["summary"] and n["standard_wording"].startswith("We aim to answer"), n
'
}
check "labels and annotations say what and whom" labels_ok

crm_down_failures() {
  local url
  url=$(ontimed_url "$work/ontimed.out" | tail -1)
  curl -sf "$url/metrics" | grep -q '^ontime_alert_deliveries_total{receiver="webhook",result="failed"} [1-9]'
}
check "while the CRM is down, webhook deliveries fail and are retried" wait_for 20 crm_down_failures
python3 "$work/crm.py" "$crm_port" "$work/crm.log" "$work/webhook.secret" &
pids+=($!)

# 2. Alertmanager restarted: it keeps no alerts; the re-sends bring them back.
kill -TERM "$am_pid"
wait "$am_pid" 2> /dev/null
check "Alertmanager starts again" start_am
check "after its restart, the re-sends bring all 30 back" wait_for 30 expect_active 30 CALL-00 CALL-29

# The CRM, back, gets the 30 firing (after the retry's backoff). Waited for
# here: a change that ends while still undelivered is never sent at all
# (webhook_outbox.h), and step 3 must find them delivered.
crm_has_firing() { [ "$(awk '$3=="alert.firing" {print $4}' "$work/crm.log" 2> /dev/null | sort -u | wc -l)" -eq 30 ]; }
check "the CRM, down at first, gets all 30 firing once it is back" wait_for 90 crm_has_firing

# 3. 10 answered late (and event time moving on), then ontimed killed at once.
kcat -P -b "$brokers" -t am-calls -K '#' -l "$work/answered.jsonl" || { echo "FAILED: producing"; exit 1; }
# Killed as the answers come in: whether it wrote, delivered or checkpointed
# any of what they caused is left to chance, as in life; the end state must
# be the same whatever it had done.
kill -9 "$ontimed_pid"
wait "$ontimed_pid" 2> /dev/null
start_ontimed
check "the 10 answered resolve, 20 stay firing" wait_for 90 expect_active 20 CALL-10 CALL-29
receiver_saw_resolved() {
  [ "$(told | awk '$1=="resolved" {print $2}' | sort -u | tr '\n' ' ')" = "CALL-00 CALL-01 CALL-02 CALL-03 CALL-04 CALL-05 CALL-06 CALL-07 CALL-08 CALL-09 " ]
}
check "the receiver is told exactly those 10 resolved" wait_for 30 receiver_saw_resolved
no_duplicates_in_a_notification() {
  python3 - "$work/hook.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    ids = [a["fingerprint"] for a in json.loads(line)["alerts"]]
    assert len(ids) == len(set(ids)), ids
PY
}
check "no alert twice in one notification" no_duplicates_in_a_notification
check "no identity the stream does not imply" \
  test "$(told | awk '{print $2}' | sort -u | wc -l)" -eq 30
metrics_ok() {
  local url
  url=$(ontimed_url "$work/ontimed.out" | tail -1)
  curl -sf "$url/metrics" > "$work/metrics.txt" &&
    grep -q '^ontime_alert_deliveries_total{receiver="alertmanager",result="ok"}' "$work/metrics.txt" &&
    grep -q '^ontime_alerts_firing{receiver="alertmanager"} 20' "$work/metrics.txt"
}
check "the metrics show deliveries and 20 firing" wait_for 20 metrics_ok
# kcat prints a null value's size as -1: tombstones, not empty values.
tombstones_ok() {
  [ "$(kcat -C -b "$brokers" -t ontime-alerts-am-calls -e -q -f '%S\n' | grep -c '^-1$')" -ge 10 ]
}
check "each ended alert is followed by a tombstone (a null value)" tombstones_ok

# 4. The CRM: every change, validly signed, each under one id.
crm_has_all() {
  [ "$(awk '$3=="alert.firing" {print $4}' "$work/crm.log" | sort -u | wc -l)" -eq 30 ] &&
    [ "$(awk '$3=="alert.resolved" {print $4}' "$work/crm.log" | sort -u | tr '\n' ' ')" = "CALL-00 CALL-01 CALL-02 CALL-03 CALL-04 CALL-05 CALL-06 CALL-07 CALL-08 CALL-09 " ]
}
check "the CRM gets the 10 resolved too" wait_for 60 crm_has_all
check "every signature is valid" test "$(grep -c INVALID "$work/crm.log")" -eq 0
check "each change under one webhook-id (40 ids for 40 changes)" \
  test "$(awk '{print $1}' "$work/crm.log" | sort -u | wc -l)" -eq 40
check "and one change per id" test "$(awk '{print $1, $3, $4}' "$work/crm.log" | sort -u | wc -l)" -eq 40
echo "webhook requests received: $(wc -l < "$work/crm.log") for 40 changes (repeats carry the same id)"
finish

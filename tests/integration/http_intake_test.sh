#!/usr/bin/env bash
# ontimed's HTTP intake against a real Kafka broker (KRaft, 127.0.0.1):
# eight clients post batches of events at once while the broker is stopped
# for 30 s (or ONTIME_OUTAGE_SECONDS) and started again. Each client sends
# a batch again until it is answered 2xx (after 503/429, as Retry-After
# says). Then:
#   - every batch was stored in the end, and the outage was felt (503s);
#   - every event a 2xx answered for is on the topic: nothing was
#     acknowledged that was not stored; the topic holds no other event;
#   - ontimed applied each event exactly once (those the broker stored
#     before answering 503 and that came again count as duplicates);
#   - a request without the token is refused 401, a bad event 422 with its
#     reason; Zammad's webhook (deploy/examples/webhook-zammad.yaml, signed
#     with HMAC-SHA1) stores a new ticket and skips an internal note; and
#     SIGTERM ends ontimed cleanly.
# A broker that will not start fails this test; it never skips.
# Usage: http_intake_test.sh ONTIMED
set -uo pipefail
ontimed=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
broker_dir="$work/broker"
daemon_pid=""
clients_pid=""
cleanup() {
  [ -n "$clients_pid" ] && kill -9 "$clients_pid" 2> /dev/null
  [ -n "$daemon_pid" ] && kill -9 "$daemon_pid" 2> /dev/null
  "$here/kafka_broker.sh" stop "$broker_dir"
  [ -z "${KEEP_WORK:-}" ] && rm -rf "$work"
}
trap cleanup EXIT
. "$here/../support/checks.sh"

brokers=$("$here/kafka_broker.sh" start "$broker_dir") || { echo "FAILED: no Kafka broker"; exit 1; }
echo "broker at $brokers"
token=intake-test-token
printf %s zammad-secret > "$work/zammad-secret"
# The Zammad example as shipped, its secret file and the test's token put in.
{ python3 "$here/../support/broker_config.py" "$brokers" intake-events --format json --metrics-every 100ms
  sed -e "s|\[<sha256 of your intake token>\]|[$(printf %s "$token" | sha256sum | cut -d' ' -f1)]|" \
      -e "s|/etc/ontime/zammad-webhook-token|$work/zammad-secret|" \
      -e 's|^    webhooks:|    ack_timeout: 3s\n    webhooks:|' "$root/deploy/examples/webhook-zammad.yaml"; } > "$work/intake.yaml"
"$ontimed" --config "$work/intake.yaml" > "$work/daemon.out" 2> "$work/daemon.log" &
daemon_pid=$!
url=$(ontimed_url "$work/daemon.out")
check "ontimed serves" test -n "$url"
metric() { curl -s "$url/metrics" | sed -n "s/^$1 //p"; }

check "a post without the token is refused 401" \
  test "$(curl -s -o /dev/null -w '%{http_code}' -X POST -d '{}' "$url/v1/events")" = 401
curl -s -o "$work/422.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $token" \
  -d '[{"eventId":"bad-1","type":"EVENT_TYPE_RECEIVED"}]' "$url/v1/events" > "$work/422.code"
check "a bad event is refused 422 with its reason" \
  bash -c "test \"\$(cat '$work/422.code')\" = 422 && grep -q '\"reason\":\"missing_field\"' '$work/422.json'"

zammad() {  # BODY_FILE: posted as Zammad posts it; prints the HTTP status
  local body="$root/tests/data/webhooks/$1"
  curl -s -o "$work/zammad.answer" -w '%{http_code}' -X POST "$url/v1/webhooks/zammad" \
    -H "X-Hub-Signature: sha1=$(openssl dgst -sha1 -hmac zammad-secret < "$body" | sed 's/.*= //')" \
    --data-binary @"$body"
}
check "a signed Zammad webhook for a new ticket is stored" test "$(zammad zammad-created.json)" = 200
check "an internal note is skipped" \
  bash -c "test \"\$(curl -s -o /dev/null -w '%{http_code}' -X POST '$url/v1/webhooks/zammad' \
    -H \"X-Hub-Signature: sha1=\$(openssl dgst -sha1 -hmac zammad-secret < '$root/tests/data/webhooks/zammad-internal-note.json' | sed 's/.*= //')\" \
    --data-binary @'$root/tests/data/webhooks/zammad-internal-note.json')\" = 200"
check "a Zammad webhook signed with the wrong secret is refused 401" \
  test "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url/v1/webhooks/zammad" -H 'X-Hub-Signature: sha1=00' \
    --data-binary @"$root/tests/data/webhooks/zammad-created.json")" = 401

python3 "$here/http_intake_clients.py" "$url/v1/events" "$token" "$work/acked" \
  --clients 8 --batches 40 --size 25 --pace 0.5 > "$work/clients.out" 2>&1 &
clients_pid=$!
some_stored() { [ "$(metric 'ontime_intake_requests_total{answer="accepted"}')" -gt 20 ] 2> /dev/null; }
check "the clients' first batches are stored" wait_for 60 some_stored
"$here/kafka_broker.sh" stop "$broker_dir"
# The outage itself lasts this long (a scenario, not a wait for a condition).
sleep "${ONTIME_OUTAGE_SECONDS:-30}"
check "while the broker is away, requests are answered 503" \
  test "$(metric 'ontime_intake_requests_total{answer="unavailable"}')" -gt 0
"$here/kafka_broker.sh" restart "$broker_dir" > /dev/null
check "the broker is back" test $? -eq 0
wait "$clients_pid"
check "every batch was stored in the end" test $? -eq 0
clients_pid=""
cat "$work/clients.out"

kcat -b "$brokers" -C -t intake-events -o beginning -e -q -f '%s\n' > "$work/topic.jsonl"
python3 - "$work/topic.jsonl" "$work/acked" > "$work/ids.check" <<'PY'
import json, sys
on_topic = [json.loads(line)["eventId"] for line in open(sys.argv[1])]
acked = open(sys.argv[2]).read().split()
sent = {f"k{c}-{b}-{i}" for c in range(8) for b in range(40) for i in range(25)}
print(f"{len(acked)} events answered 2xx ({len(set(acked))} distinct), {len(on_topic)} records on the topic "
      f"({len(set(on_topic))} distinct, {len(on_topic) - len(set(on_topic))} stored twice)")
webhook = {"zammad-5120-2026-03-27T16:40:11.204Z"}
ok = set(acked) == sent and set(acked) <= set(on_topic) and set(on_topic) <= sent | webhook and webhook <= set(on_topic)
sys.exit(0 if ok else 1)
PY
check "every event answered 2xx is on the topic, and no other" test $? -eq 0
cat "$work/ids.check"
applied() { [ "$(metric 'ontime_events_total{disposition="applied"}')" = 8001 ]; }
check "ontimed applied each of the 8000 events, and the webhook's, once" wait_for 120 applied
curl -s "$url/metrics" | grep -E '^ontime_(intake|events_total)' > "$work/metrics"
cat "$work/metrics"
kill -TERM "$daemon_pid"; wait "$daemon_pid"
check "ontimed stops cleanly" test $? -eq 0
daemon_pid=""
finish

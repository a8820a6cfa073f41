#!/usr/bin/env bash
# The ontime command line as a user meets it: check-config accepts the
# shipped example and refuses a broken file with file:line:column and exit 2;
# replay reports a malformed line by number, skips it, and measures the rest.
# Usage: cli_test.sh ONTIME_BINARY ONTIMED_BINARY
set -uo pipefail
ontime=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$root/tests/support/checks.sh"

"$ontime" check-config "$root/deploy/examples/ontime.yaml" > "$work/ok.txt"
check "the example config is valid" test $? -eq 0
check "it is described in plain words" grep -q "phone-answer: phone: answer within 60 s, target 80 %" "$work/ok.txt"

printf 'standards:\n  - id: x\n    stage: first_response\n    threshold: 60 sekunden\n    target: 90%%\n' > "$work/bad.yaml"
"$ontime" check-config "$work/bad.yaml" 2> "$work/bad.txt"
check "a broken config exits 2" test $? -eq 2
check "the error names file, line and column" grep -q "bad.yaml:4:16: threshold \"60 sekunden\" is not a duration" "$work/bad.txt"

cat > "$work/events.jsonl" <<'JSON'
{"eventId":"a1","contactId":"A","type":"EVENT_TYPE_RECEIVED","channel":"CHANNEL_PHONE","eventTime":"2026-10-05T09:00:00Z"}
this line is not an event
{"eventId":"a2","contactId":"A","type":"EVENT_TYPE_FIRST_RESPONSE","eventTime":"2026-10-05T09:00:42Z"}
{"eventId":"b1","contactId":"B","type":"EVENT_TYPE_RECEIVED","eventTime":"2026-10-05T09:01:00Z"}
{"eventId":"c1","contactId":"C","type":"EVENT_TYPE_RECEIVED","channel":"CHANNEL_PHONE","eventTime":"2026-10-05T09:02:00Z"}
{"eventId":"c2","contactId":"C","type":"EVENT_TYPE_FIRST_RESPONSE","eventTime":"2026-10-05T09:04:00Z"}
JSON
"$ontime" replay --config "$root/deploy/examples/ontime.yaml" --events "$work/events.jsonl" \
  --outcomes "$work/outcomes.jsonl" > "$work/replay.txt" 2> "$work/replay.err"
check "replay finishes despite bad lines" test $? -eq 0
check "the malformed line is reported by number" grep -q "line 2: not a JSON" "$work/replay.err"
check "a receipt without a channel is reported by number" grep -q "line 4: a receipt, reopening or satisfaction score must name its channel" "$work/replay.err"
check "the good calls are measured" grep -qE "^phone-answer +2 +1 +1 +0 +50.0%" "$work/replay.txt"
check "the audit trail has both outcomes" test "$(grep -c '"standard":"phone-answer"' "$work/outcomes.jsonl")" -eq 2
check "a met call shows its measure and deadline" grep -q '"contact_id":"A","standard":"phone-answer","episode":0,"outcome":"met","duration_seconds":42.000000,"started_at":"2026-10-05T09:00:00Z","decided_at":"2026-10-05T09:00:42Z","deadline":"2026-10-05T09:01:00.000001Z"' "$work/outcomes.jsonl"

"$ontime" replay --config "$root/deploy/examples/ontime.yaml" --events "$work/missing.jsonl" 2>/dev/null
check "a missing events file exits 1" test $? -eq 1

# Help and version, as every command-line tool answers them: usage on
# stdout, exit 0; a wrong option is usage on stderr, exit 64.
for asked in "--help" "-h" "help" "replay --help" "check-config --help" "simulate --help" "state -h"; do
  # shellcheck disable=SC2086
  "$ontime" $asked > "$work/help.out" 2> "$work/help.err"
  check "ontime $asked exits 0" test $? -eq 0
  check "ontime $asked prints usage on stdout" grep -q "ontime replay --config FILE" "$work/help.out"
  check "ontime $asked says nothing on stderr" test ! -s "$work/help.err"
done
"$ontime" --version > "$work/version.out"
check "ontime --version exits 0" test $? -eq 0
check "ontime --version names version and revision" grep -qE "^ontime [0-9]+\.[0-9]+\.[0-9]+ \(revision ([0-9a-f]+|unknown)\)" "$work/version.out"
"$ontime" replay --bogus x > "$work/bad.out" 2> "$work/bad.err"
check "an unknown option exits 64" test $? -eq 64
check "an unknown option is named on stderr" grep -q "unknown option --bogus" "$work/bad.err"
check "an unknown option prints nothing on stdout" test ! -s "$work/bad.out"
ontimed="$2"
"$ontimed" --help > "$work/dhelp.out" 2> "$work/dhelp.err"
check "ontimed --help exits 0 with usage on stdout" bash -c "[ $? -eq 0 ] && grep -q 'usage: ontimed --config FILE' '$work/dhelp.out' && [ ! -s '$work/dhelp.err' ]"
"$ontimed" --version > "$work/dversion.out"
check "ontimed --version names version and revision" grep -qE "^ontimed [0-9]+\.[0-9]+\.[0-9]+ \(revision " "$work/dversion.out"
"$ontimed" > /dev/null 2> "$work/dnone.err"
check "ontimed without --config exits 64 and says why" bash -c "[ $? -eq 64 ] && grep -q -- '--config FILE is needed' '$work/dnone.err'"

finish

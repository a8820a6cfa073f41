#!/usr/bin/env bash
# ontimed's HTTP endpoint with HTTPS and basic auth: the right password
# gets the metrics, no or a wrong password gets 401, plain HTTP gets
# nothing, and an unknown path 404.
# Usage: ontimed_http_test.sh ONTIMED
set -uo pipefail
ontimed=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT
. "$root/tests/support/checks.sh"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
  -keyout "$work/key.pem" -out "$work/cert.pem" > /dev/null 2>&1
hash=$(printf '%s' 's3cret pass' | sha256sum | cut -d' ' -f1)
sed -e "s|  listen: 127.0.0.1:9464|  listen: 127.0.0.1:0\n  tls_cert_file: $work/cert.pem\n  tls_key_file: $work/key.pem\n  basic_auth_user: prometheus\n  basic_auth_password_sha256: $hash|" \
  -e 's/live_line_every: 5s/live_line_every: 0s/' "$root/deploy/examples/ontime.yaml" > "$work/ontime.yaml"
"$ontimed" --config "$work/ontime.yaml" > "$work/out" 2> "$work/err" &
pid=$!
url=$(ontimed_url "$work/out")
check "it says HTTPS" test -n "$url"
code() { curl -s -o /dev/null -w '%{http_code}' --cacert "$work/cert.pem" "$@"; }
check "the right password gets the metrics" test "$(code -u 'prometheus:s3cret pass' "$url/metrics")" = 200
check "no password: 401" test "$(code "$url/metrics")" = 401
check "a wrong password: 401" test "$(code -u 'prometheus:wrong' "$url/metrics")" = 401
check "a wrong user: 401" test "$(code -u 'admin:s3cret pass' "$url/metrics")" = 401
check "an unknown path: 404" test "$(code -u 'prometheus:s3cret pass' "$url/nothing")" = 404
check "plain HTTP gets nothing" bash -c "! curl -sf '${url/https/http}/metrics' > /dev/null"
check "the certificate is the one configured" \
  bash -c "curl -s --cacert '$work/cert.pem' -u 'prometheus:s3cret pass' '$url/metrics' | grep -q '^ontime_build_info'"
kill -TERM "$pid"
wait "$pid"
check "SIGTERM exits 0" test $? -eq 0
pid=""
finish

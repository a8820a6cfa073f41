# Shared by the shell tests (source it): named checks that count failures,
# and finding the URL ontimed says it serves.
#   check "what is being shown" command args...   # prints ok: / FAILED:
#   finish                                        # prints the count, exits
#   url=$(ontimed_url OUT_FILE)                   # http(s)://host:port, waits up to 10 s
#   wait_for SECONDS command args...              # until it succeeds, or the time is up
failures=0

# Polls every 0.2 s; returns the command's last status, so a check around it
# fails when the condition never came. Bounded: never a fixed sleep.
wait_for() {
  local seconds=$1
  shift
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}

check() {
  local what=$1
  shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; failures=$((failures + 1)); fi
}

finish() {
  echo "$failures failed"
  exit $((failures > 0))
}

ontimed_url() {
  local url=""
  for _ in $(seq 1 100); do
    url=$(sed -n 's|^ontimed: the month.s statement at \(https*://[^ ]*\)/, metrics at .*|\1|p' "$1")
    [ -n "$url" ] && break
    sleep 0.1
  done
  echo "$url"
}

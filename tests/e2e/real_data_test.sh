#!/usr/bin/env bash
# End to end on real contact data: convert, replay with the ontime CLI,
# compare every outcome with the independent Python oracle — in order, and
# again shuffled within the allowed lateness with duplicates.
# The data comes from scripts/fetch-data (../shared/data, else downloaded,
# cached in build/data, checksums checked). Without it the test fails, never
# skips: a skipped test would look like a pass.
# Usage: real_data_test.sh ONTIME_BINARY DATASET(boston311|pbx)
set -euo pipefail
ontime=$1
dataset=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case "$dataset" in
  boston311) convert="$root/tools/data/boston311_events.py" ;;
  pbx) convert="$root/tools/data/pbx_queue_log_events.py" ;;
  *) echo "unknown dataset $dataset" >&2; exit 2 ;;
esac

if ! data=$("$root/scripts/fetch-data" "$dataset"); then
  echo "FAILED: e2e.real_data.$dataset has no data: scripts/fetch-data said why above" >&2
  exit 1
fi

status=0
for variant in ordered messy; do
  extra=()
  [ "$variant" = messy ] && extra=(--shuffle-seed 7 --duplicate-every 5)
  ONTIME_SHARED_DATA=$data python3 "$convert" "${extra[@]}" --out "$work/events.jsonl" 2>/dev/null
  "$ontime" replay --config "$root/tests/data/real/$dataset.yaml" --events "$work/events.jsonl" \
    --outcomes "$work/outcomes.jsonl" > "$work/summary.txt"
  echo "== $dataset ($variant)"
  cat "$work/summary.txt"
  python3 "$here/compare_outcomes.py" "$work/outcomes.jsonl" \
    "$root/tests/data/real/expected/$dataset.jsonl" || status=1
done
exit $status

#!/usr/bin/env bash
# scripts/fetch-data, without the internet:
#  - from a shared data directory it fills the cache, checking checksums (a
#    synthetic directory always; the real ../shared/data when it is here);
#    a second run is silent;
#  - with an empty shared directory and no network (downloads pointed at
#    127.0.0.1:9, where nothing listens) it fails naming each missing data
#    set, where it looked and the URL it tried, and real_data_test.sh fails;
#  - a corrupted cached file, a bad shared copy and a bad download are caught
#    by their checksums;
#  - downloads from a local HTTP server serving synthetic files fill the
#    cache, with the PBX log's telephone numbers replaced by pseudonyms.
# Needs bash, python3, curl and sha256sum; no build.
# Usage: fetch_data_test.sh
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
fetch=$root/scripts/fetch-data
sums=$root/tests/data/real/SHA256SUMS
work=$(mktemp -d)
work=$(cd "$work" && pwd)
server_pid=
trap '[ -z "$server_pid" ] || kill "$server_pid"; rm -rf "$work"' EXIT
. "$root/tests/support/checks.sh"
no_staging_left() { ! ls -A "$1" | grep -q incoming; }
# Where downloads go when a test wants none to work: nothing listens on port 9.
unreachable=http://127.0.0.1:9

# run_fetch NAME [VAR=VALUE...] [DATASET...]: runs fetch-data with the
# variables set; its stdout, stderr and exit status land in $work/NAME.*.
run_fetch() {
  local name=$1
  shift
  local -a settings=()
  while [ $# -gt 0 ] && [[ $1 == *=* ]]; do settings+=("$1"); shift; done
  env "${settings[@]}" "$fetch" "$@" > "$work/$name.out" 2> "$work/$name.err"
  echo $? > "$work/$name.status"
}
status_of() { cat "$work/$1.status"; }

echo "== from a (synthetic) shared data directory"
synthetic=$work/synthetic-shared
mkdir -p "$synthetic/boston-311-animal" "$synthetic/pbxware-queue-log"
echo "case 2018" > "$synthetic/boston-311-animal/filtered_2018.csv"
echo "case 2019" > "$synthetic/boston-311-animal/filtered_2019.csv"
echo "a queue log" > "$synthetic/pbxware-queue-log/queue_log.csv"
(cd "$synthetic" && sha256sum */*) > "$work/synthetic.sums"
from_synthetic=(ONTIME_SHARED_DATA="$synthetic" ONTIME_DATA_CACHE="$work/cache"
  ONTIME_DATA_SHA256SUMS="$work/synthetic.sums" ONTIME_DATA_DOWNLOAD_BASE="$unreachable")
run_fetch first "${from_synthetic[@]}"
check "it succeeds" [ "$(status_of first)" = 0 ]
check "it prints the cache directory" [ "$(cat "$work/first.out")" = "$work/cache" ]
check "the cache holds the shared files, laid out the same" diff -r "$synthetic" "$work/cache"
check "it says where each file came from" \
  grep -q "pbx: pbxware-queue-log/queue_log.csv copied from $synthetic (SHA-256 ok)" "$work/first.err"
run_fetch again "${from_synthetic[@]}"
check "a second run succeeds" [ "$(status_of again)" = 0 ]
check "a second run says nothing on stderr" [ ! -s "$work/again.err" ]

echo "== a corrupted cached file"
echo "one more line" >> "$work/cache/boston-311-animal/filtered_2019.csv"
run_fetch corrupt "${from_synthetic[@]}"
check "it fails" [ "$(status_of corrupt)" = 1 ]
check "it names the file whose checksum differs" grep -q \
  "checksum mismatch: $work/cache/boston-311-animal/filtered_2019.csv (the cached boston311 data)" \
  "$work/corrupt.err"
check "it prints no cache directory" [ ! -s "$work/corrupt.out" ]

echo "== the real ../shared/data"
real_shared=$(realpath -m "${ONTIME_SHARED_DATA:-$root/../shared/data}")
if [ -d "$real_shared" ]; then
  run_fetch real ONTIME_SHARED_DATA="$real_shared" ONTIME_DATA_CACHE="$work/real-cache" \
    ONTIME_DATA_DOWNLOAD_BASE="$unreachable"
  check "it succeeds" [ "$(status_of real)" = 0 ]
  check "the cache passes sha256sum -c against $sums" \
    bash -c "cd '$work/real-cache' && sha256sum --check --ignore-missing --quiet '$sums'"
  for file in boston-311-animal/filtered_2018.csv boston-311-animal/filtered_2019.csv \
    pbxware-queue-log/queue_log.csv; do
    check "$file is the shared file" cmp -s "$real_shared/$file" "$work/real-cache/$file"
  done
  run_fetch real-again ONTIME_SHARED_DATA="$real_shared" ONTIME_DATA_CACHE="$work/real-cache"
  check "a second run succeeds, silently" \
    bash -c "[ $(status_of real-again) = 0 ] && [ ! -s '$work/real-again.err' ]"
else
  echo "note: no $real_shared here, so the real data's checksums were not checked"
fi

echo "== a shared copy that is not the data the checksums name"
wrong=$work/wrong-shared
mkdir -p "$wrong/pbxware-queue-log"
echo "not the queue log" > "$wrong/pbxware-queue-log/queue_log.csv"
run_fetch wrong ONTIME_SHARED_DATA="$wrong" ONTIME_DATA_CACHE="$work/wrong-cache" \
  ONTIME_DATA_DOWNLOAD_BASE="$unreachable" pbx
check "it fails" [ "$(status_of wrong)" = 1 ]
check "it names the shared file" grep -q \
  "checksum mismatch: $wrong/pbxware-queue-log/queue_log.csv (the pbx data in the shared data directory)" \
  "$work/wrong.err"
check "nothing is left in the cache" [ ! -e "$work/wrong-cache/pbxware-queue-log/queue_log.csv" ]

echo "== no shared data and no network"
empty=$work/empty-shared
mkdir -p "$empty"
offline=(ONTIME_SHARED_DATA="$empty" ONTIME_DATA_CACHE="$work/offline-cache"
  ONTIME_DATA_DOWNLOAD_BASE="$unreachable")
run_fetch offline "${offline[@]}"
check "it fails" [ "$(status_of offline)" = 1 ]
check "it prints no cache directory" [ ! -s "$work/offline.out" ]
for dataset in boston311 pbx; do
  check "it names the missing data set $dataset" \
    grep -q "data set $dataset is missing: cannot get" "$work/offline.err"
done
check "it says where it looked" \
  grep -q "looked in $empty/pbxware-queue-log/queue_log.csv: not there" "$work/offline.err"
check "it names the URL it tried" \
  grep -q "tried     $unreachable/srinimonster/voipreports1/[0-9a-f]\{40\}/queue_log.csv" \
  "$work/offline.err"
check "it says why the download failed" grep -q "curl: (7)" "$work/offline.err"
check "it leaves no half-fetched files" no_staging_left "$work/offline-cache"
env "${offline[@]}" "$root/tests/e2e/real_data_test.sh" /bin/false pbx \
  > "$work/real-data-test.out" 2>&1
check "real_data_test.sh fails (does not skip) without data" [ $? = 1 ]
check "real_data_test.sh shows the missing data set" \
  grep -q "data set pbx is missing" "$work/real-data-test.out"
check "real_data_test.sh says the test failed for want of data" \
  grep -q "FAILED: e2e.real_data.pbx has no data" "$work/real-data-test.out"

echo "== downloads (a local HTTP server with synthetic files)"
# The server answers any path with the file of the same name from www/, and
# logs the paths asked for; the real download of the published files cannot
# run here (no internet).
www=$work/www
mkdir -p "$www"
echo "published case 2018" > "$www/filtered_2018.csv"
echo "published case 2019" > "$www/filtered_2019.csv"
# Made-up numbers (555-01xx are fictitious); 1142 is an extension, kept.
cat > "$www/queue_log.csv" <<'CSV'
uid,date_time,callid,queue_name,type,event,param1,param2,param3,entpos,expos,htime,ttime,time
1,1543602677,1543602660.197,IT,NONE,ENTERQUEUE,17035550100,,,1,0,0,0,"2018-11-30 13:31:17"
2,1543602690,1543602660.197,IT,Agent/1142,CONNECT,13,1543602687.198,3,1,1,13,0,"2018-11-30 13:31:30"
3,1543603907,1543603907.257,NONE,Agent/1142,OUTDIAL,+442079460123,,,0,0,0,0,"2018-11-30 13:51:47"
4,1543603950,1543602660.197,IT,Agent/1142,COMPLETECALLER,17035550100,,,1,0,13,1260,"2018-11-30 13:52:30"
5,1543604000,1543604000.300,IT,NONE,BLINDTRANSFER,2025550199,1142,from-internal,1,0,0,0,"2018-11-30 13:53:20"
CSV
cat > "$work/expected_queue_log.csv" <<'CSV'
uid,date_time,callid,queue_name,type,event,param1,param2,param3,entpos,expos,htime,ttime,time
1,1543602677,1543602660.197,IT,NONE,ENTERQUEUE,tel-0001,,,1,0,0,0,"2018-11-30 13:31:17"
2,1543602690,1543602660.197,IT,Agent/1142,CONNECT,13,1543602687.198,3,1,1,13,0,"2018-11-30 13:31:30"
3,1543603907,1543603907.257,NONE,Agent/1142,OUTDIAL,tel-0002,,,0,0,0,0,"2018-11-30 13:51:47"
4,1543603950,1543602660.197,IT,Agent/1142,COMPLETECALLER,tel-0001,,,1,0,13,1260,"2018-11-30 13:52:30"
5,1543604000,1543604000.300,IT,NONE,BLINDTRANSFER,tel-0003,1142,from-internal,1,0,0,0,"2018-11-30 13:53:20"
CSV
{
  (cd "$www" && sha256sum filtered_2018.csv filtered_2019.csv) | sed 's,  ,  boston-311-animal/,'
  (cd "$www" && sha256sum queue_log.csv) | sed 's,  .*,  pbxware-queue-log/queue_log.published.csv,'
  (cd "$work" && sha256sum expected_queue_log.csv) | sed 's,  .*,  pbxware-queue-log/queue_log.csv,'
} > "$work/download.sums"
python3 - "$www" "$work/port" "$work/requests.log" <<'PY' &
import http.server, os, sys, urllib.parse
root, port_file, log_file = sys.argv[1:]
class ByName(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path):
        path = urllib.parse.urlsplit(path).path
        with open(log_file, "a") as log:
            log.write(path + "\n")
        return os.path.join(root, os.path.basename(path))
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), ByName)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_port))
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
PY
server_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
server=http://127.0.0.1:$(cat "$work/port")
downloading=(ONTIME_SHARED_DATA="$empty" ONTIME_DATA_CACHE="$work/download-cache"
  ONTIME_DATA_SHA256SUMS="$work/download.sums" ONTIME_DATA_DOWNLOAD_BASE="$server")
run_fetch download "${downloading[@]}"
check "it succeeds" [ "$(status_of download)" = 0 ]
check "it asked for the pinned Boston files" \
  grep -q "^/BU-Spark/ds-boston-311-animal-reports/[0-9a-f]\{40\}/sp24-team-b/data/datasets/filtered_2018.csv$" \
  "$work/requests.log"
check "it asked for the pinned queue log" \
  grep -q "^/srinimonster/voipreports1/[0-9a-f]\{40\}/queue_log.csv$" "$work/requests.log"
check "the Boston files are as served" \
  cmp -s "$www/filtered_2019.csv" "$work/download-cache/boston-311-animal/filtered_2019.csv"
check "the queue log's telephone numbers are replaced, everything else kept" \
  cmp -s "$work/expected_queue_log.csv" "$work/download-cache/pbxware-queue-log/queue_log.csv"
check "no copy with the numbers is kept" bash -c "! grep -rq 5550100 '$work/download-cache'"
check "it says what it downloaded" \
  grep -q "pbx: pbxware-queue-log/queue_log.csv downloaded from $server/srinimonster/" \
  "$work/download.err"
echo "changed upstream" >> "$www/filtered_2018.csv"
run_fetch changed "${downloading[@]/download-cache/changed-cache}" boston311
check "a changed upstream file fails" [ "$(status_of changed)" = 1 ]
check "a download that differs from the pinned checksum is refused, naming it" grep -q \
  "checksum mismatch: boston-311-animal/filtered_2018.csv made from $server/BU-Spark/.*/filtered_2018.csv" \
  "$work/changed.err"
check "and not cached" [ ! -e "$work/changed-cache/boston-311-animal/filtered_2018.csv" ]

echo "== $failures failure(s)"
[ "$failures" -eq 0 ]

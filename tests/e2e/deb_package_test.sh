#!/usr/bin/env bash
# The Debian package, as an operator meets it: built (CPack), checked by
# lintian (no errors), the unit's hardening scored by systemd-analyze
# (exposure 1.5 or lower), installed with apt (runtime libraries by
# dependency), run, removed and purged. Needs root, as CI runs.
# Usage: deb_package_test.sh BUILD_DIR
set -uo pipefail
build=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/support/checks.sh"
if [ "$(id -u)" -ne 0 ]; then
  [ "${CI:-}" = "true" ] && { echo "FAILED: the package test needs root under CI"; exit 1; }
  echo "skipped: installing a package needs root"
  exit 77
fi
rm -f "$build"/ontime_*.deb
(cd "$build" && cpack -G DEB > "$build/cpack.log" 2>&1)
deb=$(ls "$build"/ontime_*_amd64.deb 2> /dev/null | head -1)
check "the package is built as ontime_<version>-<revision>_amd64.deb" test -n "$deb"
[ -n "$deb" ] || finish
lintian --fail-on error "$deb" > "$build/lintian.txt" 2>&1
lintian_rc=$?
check "lintian finds no errors ($(grep -c '^W:' "$build/lintian.txt") warnings)" test "$lintian_rc" -eq 0
cat "$build/lintian.txt"
exposure=$(systemd-analyze security --offline=yes "$root/deploy/systemd/ontimed.service" 2>&1 |
  sed -n 's/.*Overall exposure level for ontimed.service: \([0-9.]*\).*/\1/p')
check "the unit's exposure is 1.5 or lower (it is $exposure)" python3 -c "import sys; sys.exit(not ($exposure <= 1.5))"

dpkg -s ontime > /dev/null 2>&1 && apt-get purge -y -qq ontime > /dev/null 2>&1
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" > "$build/apt-install.log" 2>&1
check "apt installs it with its dependencies" test $? -eq 0
check "ontimed --version runs" bash -c "/usr/bin/ontimed --version | grep -q '^ontimed [0-9]'"
check "ontime check-config accepts the packaged config" /usr/bin/ontime check-config /etc/ontime/ontime.yaml
check "the packaged config names a broker, not the embedded Kafka" grep -q '^  bootstrap.servers: localhost:9092$' /etc/ontime/ontime.yaml
check "and runs no simulator" bash -c "! grep -q '^simulator:' /etc/ontime/ontime.yaml"
check "the system user ontime exists" getent passwd ontime
check "the config is readable by ontime only (root:ontime 640)" test "$(stat -c '%U:%G %a' /etc/ontime/ontime.yaml)" = "root:ontime 640"
check "the config is a conffile" bash -c "dpkg-query -W -f='\${Conffiles}' ontime | grep -q /etc/ontime/ontime.yaml"
check "the unit is installed" test -f /lib/systemd/system/ontimed.service
check "nothing under /var" bash -c "! dpkg -L ontime | grep -q '^/var'"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq ontime > /dev/null 2>&1
check "removed: the programs go" test ! -e /usr/bin/ontimed
check "removed: the conffile stays" test -f /etc/ontime/ontime.yaml
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq ontime > /dev/null 2>&1
check "purged: the conffile goes" test ! -e /etc/ontime/ontime.yaml
finish

#!/usr/bin/env bash
# The statement's HTML as a reader gets it: headless Chromium (Debian's)
# prints it to PDF and screenshots it, kept as test artefacts in
# ARTEFACTS/ (statement-*.pdf, statement-*.png); axe-core (from the npm
# registry, cached in ARTEFACTS/axe) finds no WCAG 2.2 A/AA or
# best-practice violation in it. Two statements: the simulated council's
# October (13 standards, by receipt) and the unit tests' golden file
# (customer groups, an explained dip, a floor). axe runs on a copy with its
# script added; the statement itself has none.
# Usage: statement_html_test.sh ONTIME_BINARY ARTEFACTS_DIR
set -euo pipefail
ontime=$1
artefacts=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }
mkdir -p "$artefacts"

command -v chromium > /dev/null || fail "chromium is not installed (scripts/install-deps installs it)"
axe_version=4.10.2
axe="$artefacts/axe/node_modules/axe-core/axe.min.js"
if [ ! -f "$axe" ] || ! grep -q "axe v$axe_version" "$axe"; then
  npm install --silent --no-audit --no-fund --prefix "$artefacts/axe" "axe-core@$axe_version" > "$work/npm.log" 2>&1 \
    || fail "could not install axe-core $axe_version from the npm registry: $(tail -3 "$work/npm.log")"
fi

chrome() { timeout 120 chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
  --user-data-dir="$work/profile" "$@" 2> "$work/chromium.log"; }

cp "$root/deploy/examples/ontime.yaml" "$work/ontime.yaml"
"$ontime" simulate --out "$work/events.jsonl" --from 2026-09-01 --days 61 --seed 3 > /dev/null
"$ontime" statement --config "$work/ontime.yaml" --events "$work/events.jsonl" --month 2026-10 --format html \
  > "$work/council.html" 2> /dev/null
cp "$root/tests/data/statements/golden.html" "$work/golden.html"

for name in council golden; do
  page="$work/$name.html"
  chrome --no-pdf-header-footer --print-to-pdf="$artefacts/statement-$name.pdf" "$page" > /dev/null \
    || fail "$name: chromium could not print: $(tail -3 "$work/chromium.log")"
  head -c 5 "$artefacts/statement-$name.pdf" | grep -q '%PDF-' || fail "$name: not a PDF"
  pages=$(grep -ac '/Type /Page\b' "$artefacts/statement-$name.pdf" || true)
  [ "$pages" -ge 2 ] || fail "$name: the PDF has $pages pages"
  chrome --hide-scrollbars --window-size=1280,2000 --screenshot="$artefacts/statement-$name.png" "$page" > /dev/null \
    || fail "$name: chromium could not screenshot"
  [ "$(stat -c %s "$artefacts/statement-$name.png")" -gt 20000 ] || fail "$name: the screenshot is blank"

  python3 - "$page" "$axe" "$work/$name-axe.html" <<'PY'
import sys
page, axe, out = sys.argv[1:]
html = open(page, encoding="utf-8").read()
runner = f"""<script src="file://{axe}"></script>
<script>
axe.run(document, {{runOnly: {{type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}}}})
  .then(function (r) {{
    var out = document.createElement('pre');
    out.id = 'axe-result';
    out.textContent = JSON.stringify({{violations: r.violations.map(function (v) {{
      return {{id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) {{ return n.target.join(' '); }}).slice(0, 5)}};
    }}), passes: r.passes.length}});
    document.body.appendChild(out);
  }});
</script>
</body>"""
assert html.count("</body>") == 1
open(out, "w", encoding="utf-8").write(html.replace("</body>", runner))
PY
  chrome --allow-file-access-from-files --virtual-time-budget=30000 --dump-dom "$work/$name-axe.html" \
    > "$work/$name-dom.html" || fail "$name: chromium could not run axe"
  python3 - "$work/$name-dom.html" "$name" <<'PY'
import html, json, re, sys
dom, name = sys.argv[1:]
m = re.search(r'<pre id="axe-result">(.*?)</pre>', open(dom, encoding="utf-8").read(), re.S)
if not m:
    sys.exit(f"FAILED: {name}: axe gave no result")
result = json.loads(html.unescape(m.group(1)))
for v in result["violations"]:
    print(f"{name}: {v['impact']} {v['id']}: {v['help']} at {v['nodes']}")
print(f"{name}: axe: {len(result['violations'])} violations, {result['passes']} rules passed")
sys.exit(1 if result["violations"] or result["passes"] < 20 else 0)
PY
done
echo "statement html: ok (artefacts in $artefacts)"

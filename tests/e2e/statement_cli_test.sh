#!/usr/bin/env bash
# What the README promises about `ontime statement` and `ontime explain`, on
# two months of the simulated council: every format written, the JSON valid
# against statements/statement.schema.json and equal to the CSV, --strict
# refusing while dips are unexplained, `ontime explain` recording each (and
# refusing what is wrong), then --strict accepting and the statement
# showing the explanations; a published month flagged as revised; the
# organisation's year, the assessor's evidence index and another
# organisation's statement beside ours; a replaced template used.
# Usage: statement_cli_test.sh ONTIME_BINARY
set -euo pipefail
ontime=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

# The config beside its own explanations file, away from the repository.
cp "$root/deploy/examples/ontime.yaml" "$work/ontime.yaml"
"$ontime" simulate --out "$work/events.jsonl" --from 2026-09-01 --days 61 --seed 3 > /dev/null

"$ontime" statement --config "$work/ontime.yaml" --events "$work/events.jsonl" --month 2026-10 \
  --format all --out "$work/out" 2> "$work/stderr.txt" > "$work/wrote.txt"
for ext in md html csv json; do
  [ -s "$work/out/statement-2026-10.$ext" ] || fail "no $ext statement written"
done
grep -q "dips have no explanation yet" "$work/stderr.txt" || fail "unexplained dips not reported"

python3 - "$work/out/statement-2026-10.json" "$work/out/statement-2026-10.csv" "$root/statements/statement.schema.json" \
    "$root/tests/data/statements/golden.json" <<'PY'
import csv, json, sys
import jsonschema
statement = json.load(open(sys.argv[1]))
schema = json.load(open(sys.argv[3]))
jsonschema.validate(statement, schema)
jsonschema.validate(json.load(open(sys.argv[4])), schema)  # the unit tests' golden file too
rows = [r for r in csv.DictReader(open(sys.argv[2], newline="")) if r["scope"] == "all"]
assert len(rows) == len(statement["standards"]), (len(rows), len(statement["standards"]))
for row, s in zip(rows, statement["standards"]):
    m = s["figure"]
    assert row["standard"] == s["id"]
    for k in ("met", "not_met", "excluded", "pending"):
        assert int(row[k]) == m[k], (s["id"], k, row[k], m[k])
    assert (row["achieved"] or None) == (None if m["achieved"] is None else f"{m['achieved']:.4f}"), s["id"]
print(f"json valid against the schema; {len(rows)} standards agree with the csv")
PY

md="$work/out/statement-2026-10.md"
grep -q "^# Riverside Council: how we did in October 2026" "$md" || fail "title"
grep -q "^Of the [0-9,]* calls received in October 2026, we answered [0-9.]*% within 60 seconds.$" "$md" \
  || fail "the phone sentence"
grep -q "^## How we counted" "$md" || fail "method note"

# --strict refuses while any dip is unexplained, and lists them.
set +e
"$ontime" statement --config "$work/ontime.yaml" --events "$work/events.jsonl" --month 2026-10 --strict yes \
  > /dev/null 2> "$work/strict.txt"
rc=$?
set -e
[ $rc -eq 3 ] || fail "--strict gave $rc with unexplained dips, not 3"
grep -E "^  [a-z-]+ (day|week) 2026-10-[0-9]{2}$" "$work/strict.txt" | sed 's/^  //' > "$work/dips.txt"
[ -s "$work/dips.txt" ] || fail "--strict listed no dips"
echo "$(wc -l < "$work/dips.txt") dips to explain"

# explain refuses what is wrong, with the reason.
expect_refusal() {
  local reason=$1; shift
  set +e
  "$ontime" explain --config "$work/ontime.yaml" "$@" > /dev/null 2> "$work/explain.txt"
  local code=$?
  set -e
  [ $code -eq 2 ] || fail "explain $* gave $code, not 2"
  grep -q "$reason" "$work/explain.txt" || fail "explain $*: wanted \"$reason\", got $(cat "$work/explain.txt")"
}
expect_refusal 'is not in the config' --standard phone-answr --day 2026-10-14 --explanation x --action y
expect_refusal 'is not a Monday' --standard phone-answer --week 2026-10-14 --explanation x --action y
expect_refusal 'needs --explanation (what caused the dip) and --action' --standard phone-answer --day 2026-10-14 --explanation x
expect_refusal 'is not a date' --standard phone-answer --day 14/10/2026 --explanation x --action y

while read -r standard period day; do
  "$ontime" explain --config "$work/ontime.yaml" --standard "$standard" "--$period" "$day" \
    --explanation "Cause of the $period $day for $standard: staff shortage, \"flu\"" \
    --action "Agency cover booked; rota changed" > /dev/null
done < "$work/dips.txt"
[ -s "$work/explanations.yaml" ] || fail "no explanations.yaml beside the config"
first=$(head -1 "$work/dips.txt")
set -- $first
expect_refusal 'explained twice' --standard "$1" "--$2" "$3" --explanation again --action again

"$ontime" statement --config "$work/ontime.yaml" --events "$work/events.jsonl" --month 2026-10 --strict yes \
  > "$work/strict.md" 2> "$work/strict.txt" || fail "--strict refused with every dip explained: $(cat "$work/strict.txt")"
grep -q 'Why: Cause of the .* "flu" What we did: Agency cover booked; rota changed' "$work/strict.md" \
  || fail "explanations not in the statement"
if grep -q "Not yet explained" "$work/strict.md"; then fail "a dip still unexplained"; fi

# Publishing keeps the statement in the archive beside the config; the next
# statement flags the earlier months changed since. September as published
# on 5 October (contacts still pending then), October made later.
"$ontime" statement --config "$work/ontime.yaml" --events "$work/events.jsonl" --month 2026-09 \
  --as-of 2026-10-05T09:00:00Z --publish yes > "$work/published.txt" 2> /dev/null || fail "--publish"
grep -q "^published: kept in $work/published/statement-2026-09-made-.*\.json$" "$work/published.txt" \
  || fail "not kept in the archive: $(cat "$work/published.txt")"
"$ontime" statement --config "$work/ontime.yaml" --events "$work/events.jsonl" --month 2026-10 \
  > "$work/revised.md" 2> /dev/null || fail "statement after publishing"
grep -qE "^- September 2026: revised from [0-9.]+% \(of [0-9,]+\) as published on [A-Z][a-z]+day [0-9]+ [A-Z][a-z]+ 20[0-9]{2} to [0-9.]+% \(of [0-9,]+\)\.$" \
  "$work/revised.md" || fail "no revision of September flagged"
echo "revisions: $(grep -c 'revised from' "$work/revised.md") flagged"

# The organisation's year (April 2026 to March 2027, not over): its months
# added up, valid against the schema, its October the October statement's.
"$ontime" statement --config "$work/ontime.yaml" --events "$work/events.jsonl" --year 2026 \
  --format all --out "$work/year" > /dev/null 2>&1 || fail "--year"
"$ontime" statement --config "$work/ontime.yaml" --events "$work/events.jsonl" --month 2026-10 \
  --format json > "$work/october.json" 2> /dev/null
python3 - "$work/year/statement-2026-04-to-2027-03.json" "$work/october.json" "$root/statements/statement.schema.json" <<'PY'
import json, sys
import jsonschema
year, october = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
jsonschema.validate(year, json.load(open(sys.argv[3])))
assert (year["period"], year["months"]) == ("2026-04/2027-03", 12), (year["period"], year["months"])
for y, m in zip(year["standards"], october["standards"]):
    assert [t["month"] for t in y["trend"]] == [f"{2026 + (4 + i - 1) // 12}-{(4 + i - 1) % 12 + 1:02d}" for i in range(12)]
    for k in ("met", "not_met", "excluded", "pending"):
        assert y["figure"][k] == sum(t["figure"][k] for t in y["trend"]), (y["id"], k)
    assert next(t["figure"] for t in y["trend"] if t["month"] == "2026-10") == m["figure"], y["id"]
print(f"year: {sum(s['figure']['met'] + s['figure']['not_met'] for s in year['standards'])} judged, the sum of its months")
PY
grep -q "^# Riverside Council: how we did from April 2026 to March 2027$" "$work/year/statement-2026-04-to-2027-03.md" \
  || fail "year title"
grep -q "The year is not over" "$work/year/statement-2026-04-to-2027-03.md" || fail "an unfinished year not said"

# The assessor's evidence index for the year: every element, the dips
# explained above with their actions, September's publication.
"$ontime" statement --config "$work/ontime.yaml" --events "$work/events.jsonl" --year 2026 --evidence yes \
  --format all --out "$work/evidence" > /dev/null 2>&1 || fail "--evidence"
evidence="$work/evidence/evidence-2026-04-to-2027-03.md"
[ -s "$work/evidence/evidence-2026-04-to-2027-03.html" ] || fail "no html evidence"
for element in 4.1.1 4.1.2 4.1.3 4.3.1 5.1.1 5.1.2 5.2.1 5.2.5 5.3.1 5.3.2 5.3.3; do
  grep -q "^## $element " "$evidence" || fail "evidence: no element $element"
done
grep -q "Action: Agency cover booked; rota changed" "$evidence" || fail "evidence: the actions on dips"
grep -q "1 statement published: September 2026 on " "$evidence" || fail "evidence: the publication record"
set +e
"$ontime" statement --config "$work/ontime.yaml" --events "$work/events.jsonl" --year 2026 --evidence yes \
  --format csv > /dev/null 2> "$work/evidence.err"
rc=$?
set -e
[ $rc -eq 2 ] && grep -q "written as md or html" "$work/evidence.err" || fail "evidence as csv: $rc"

# Another organisation's export beside ours where the wording matches (the
# wording written differently), and one of another month refused.
python3 - "$work/october.json" "$work/hillside.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
s["organisation"] = "Hillside Council"
s["standards"] = s["standards"][:2]
s["standards"][0]["wording"] = s["standards"][0]["wording"].upper() + "."
s["standards"][0]["figure"].update(met=900, not_met=100)
s["standards"][1]["wording"] = "Something we do not promise"
json.dump(s, open(sys.argv[2], "w"))
PY
"$ontime" statement --config "$work/ontime.yaml" --events "$work/events.jsonl" --month 2026-10 \
  --compare "$work/hillside.json" > "$work/compared.md" 2> /dev/null || fail "--compare"
grep -q "^| Hillside Council | 80.0% | 90.0% | 1,000 | ✔ met |$" "$work/compared.md" \
  || fail "no comparison: $(grep -A4 'Compared with' "$work/compared.md")"
[ "$(grep -c '^Compared with other organisations' "$work/compared.md")" -eq 1 ] || fail "compared where wording differs"
set +e
"$ontime" statement --config "$work/ontime.yaml" --events "$work/events.jsonl" --month 2026-10 \
  --compare "$(ls "$work"/published/statement-2026-09-made-*.json)" > /dev/null 2> "$work/compare.err"
rc=$?
set -e
[ $rc -eq 2 ] && grep -q "its statement is for September 2026, this one for October 2026" "$work/compare.err" \
  || fail "a comparison of another month: $rc $(cat "$work/compare.err")"

# An organisation's own template.
mkdir "$work/templates"
printf '{{organisation}} in {{month}}: {{summary}}\n' > "$work/templates/statement.md.mustache"
"$ontime" statement --config "$work/ontime.yaml" --events "$work/events.jsonl" --month 2026-10 \
  --templates "$work/templates" > "$work/own.md" 2> /dev/null
grep -qx "Riverside Council in October 2026: We met [0-9]* of our [0-9]* standards measured in October 2026." \
  "$work/own.md" || fail "own template: $(cat "$work/own.md")"
echo "statement cli: ok"

#!/usr/bin/env bash
# Composed rollup designs, as the README tells a user: every rollup file (designs/rollup_*.toml,
# designs/citrea.toml) validates and runs under scenarios/designs/rollup_plan.toml; the report
# names the cheapest plan and the part it belongs to, every part's plans are there with its
# prefix, and every run acted on the engine. A composed file with a missing part file is
# rejected with file:line:col, the key and exit code 2.
set -uo pipefail
L2SIM="$1"; ROOT="$2"; PY="${PYTHON:-/usr/bin/python3}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$ROOT" || exit 1
scenario=scenarios/designs/rollup_plan.toml
fail=0

"$L2SIM" validate "$scenario" --set 'design.file="tests/designs_bad/part_file_missing.toml"' 2> "$tmp/err.txt" >/dev/null
rc=$?
[ "$rc" -eq 2 ] || { echo "FAIL: a missing part file exits $rc, not 2"; cat "$tmp/err.txt"; fail=1; }
grep -q "part_file_missing.toml:8:8: error: key 'parts.bridge.file'" "$tmp/err.txt" \
  || { echo "FAIL: the error does not name file:line:col and key:"; cat "$tmp/err.txt"; fail=1; }

for design in designs/rollup_bitcoin_da_bitvm2_timelocked.toml designs/rollup_bitcoin_da_federation_timelocked.toml \
              designs/rollup_committee_da_bitvm2_timelocked.toml designs/rollup_committee_da_federation_instant.toml \
              designs/citrea.toml; do
  name=$(basename "$design" .toml)
  "$L2SIM" validate "$scenario" --set "design.file=\"$design\"" >/dev/null || { echo "FAIL: $design does not validate"; fail=1; continue; }
  start=$(date +%s.%N)
  "$L2SIM" run "$scenario" --set "design.file=\"$design\"" -n 20 -o "$tmp/$name.h5" --progress none --threads 2 >/dev/null \
    || { echo "FAIL: $design did not run"; fail=1; continue; }
  echo "$name: 20 runs in $(echo "$(date +%s.%N) - $start" | bc) s"
  "$PY" analysis/design_plans.py "$tmp/$name.h5" --target 0.5 --json "$tmp/$name.json" > "$tmp/$name.md" \
    || { echo "FAIL: design_plans.py on $design"; fail=1; continue; }
  grep -E "^cheapest (plan|part)|^cost:" "$tmp/$name.md"
  "$PY" - "$tmp/$name.h5" "$tmp/$name.json" "$design" <<'PYEOF' || fail=1
import json, sys
import h5py
f = h5py.File(sys.argv[1], "r")
# Every run's outcome comes from what confirmed. A design whose every part can fall in the first
# block (keys only, no window: the instant rollup) ends its worlds after a few events; the others
# run their windows and must process more than 100 engine events per run.
instant = "instant" in sys.argv[3]
ok = (f["status"][()] == 1).all() and (f["txs_confirmed"][()] > 0).all() and (
    instant or (f["events_processed"][()] > 100).all())
r = json.load(open(sys.argv[2]))
s, plans = r["summary"], r["plans"]
parts = {p["part"] for p in plans}
checks = {
    "every run acted on the engine": ok,
    "every plan belongs to one of the three parts": parts == {"da", "bridge", "upgrade"},
    "every plan's id starts with its part": all(p["plan"].startswith(p["part"] + "__") for p in plans),
    "the cheapest plan is named with its part": s["cheapest_plan"] is not None
        and s["cheapest_plan"].startswith(s["cheapest_part"] + "__"),
    "the cheapest is the cheapest over parts": s["cheapest_cost_btc"] == min(
        p["cost_btc"] for p in plans if p["cost_btc"] is not None),
    "a part's deposit reversal counts as a deposit": all(
        p["deposit"] == ("__deposit__reorg" in p["plan"]) for p in plans),
}
for name, good in checks.items():
    print(("ok   " if good else "FAIL ") + sys.argv[3] + ": " + name)
sys.exit(0 if all(checks.values()) else 1)
PYEOF
done
exit $fail

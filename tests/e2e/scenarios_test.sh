#!/usr/bin/env bash
# Every shipped scenario parses and validates (examples cannot drift from the code), and the
# default study's scenario runs two design files end to end through the estimator and every design
# file with its runs acting on the engine.
set -uo pipefail
L2SIM="$1"; ROOT="$2"; PY="${PYTHON:-/usr/bin/python3}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0; count=0
# Scenarios name design files relative to the repository root, as `make` runs them.
cd "$ROOT" || exit 1
for f in "$ROOT"/scenarios/*.toml "$ROOT"/scenarios/{examples,validation,bench,designs,lightning,lightning_world,mass_exit,world,tests}/*.toml; do
  # A hand-plans file (scenarios/designs/hand_plans_*.toml) is an input of a scenario, not one.
  grep -q '^\[experiment\]' "$f" || continue
  count=$((count + 1))
  "$L2SIM" validate "$f" >/dev/null || { echo "FAIL: $f does not validate"; fails=$((fails + 1)); }
done
for d in l1_payment tbtc; do
  count=$((count + 1))
  "$L2SIM" run "$ROOT/scenarios/study_default.toml" --set "design.file=\"$ROOT/designs/$d.toml\"" -n 4 \
    -o "$tmp/$d.h5" --progress none --threads 2 >/dev/null 2>&1 || { echo "FAIL: $d run"; fails=$((fails + 1)); }
done
"$PY" "$ROOT/analysis/inherited_cost.py" "$tmp"/*.h5 -o "$tmp/out" --no-figures >/dev/null || { echo "FAIL: estimator"; fails=$((fails + 1)); }
# Every design file, as the default study runs it (with its background demand): each run acts on
# the engine (more than 100 events) and its outcome comes from transactions that confirmed.
mkdir -p "$tmp/all"
for f in "$ROOT"/designs/*.toml; do
  d=$(basename "$f" .toml); count=$((count + 1))
  "$L2SIM" run "$ROOT/scenarios/study_default.toml" --set "design.file=\"$f\"" -n 2 \
    -o "$tmp/all/$d.h5" --progress none --threads 2 >/dev/null 2>&1 || { echo "FAIL: $d run"; fails=$((fails + 1)); continue; }
  "$PY" -c '
import sys, h5py
f = h5py.File(sys.argv[1], "r")
ev, tx = f["events_processed"][()], f["txs_confirmed"][()]
print(f"{sys.argv[2]}: events_processed min {ev.min()}, txs_confirmed min {tx.min()}")
sys.exit(0 if (ev > 100).all() and (tx > 0).all() else 1)' "$tmp/all/$d.h5" "$d" \
    || { echo "FAIL: $d runs do not act on the engine"; fails=$((fails + 1)); }
done
grep -q "^tbtc," "$tmp/out/inherited_cost.csv" || { echo "FAIL: estimator table lacks tBTC"; fails=$((fails + 1)); }
echo "scenarios: $((count - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]

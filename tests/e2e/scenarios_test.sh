#!/usr/bin/env bash
# Every shipped scenario parses and validates (examples cannot drift from the code), and the
# default study's scenario runs two design files end to end through the estimator.
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
grep -q "^tbtc," "$tmp/out/inherited_cost.csv" || { echo "FAIL: estimator table lacks tBTC"; fails=$((fails + 1)); }
echo "scenarios: $((count - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]

#!/usr/bin/env bash
# Runs the attack planner on every design file in designs/ and prints each report:
#   [TARGET=0.5] scripts/plan_all_designs.sh [L2SIM] [RUNS] [OUT_DIR]
set -euo pipefail
L2SIM="${1:-build/l2sim}"; RUNS="${2:-100}"; OUT="${3:-results/designs}"; PY="${PYTHON:-/usr/bin/python3}"
mkdir -p "$OUT"
for design in designs/*.toml; do
    name=$(basename "$design" .toml)
    "$L2SIM" run scenarios/designs/plan.toml --set "design.file=\"$design\"" -n "$RUNS" \
        -o "$OUT/$name.h5" --overwrite --progress none >/dev/null
    echo "## $name"
    "$PY" analysis/design_plans.py "$OUT/$name.h5" --target "${TARGET:-0.5}" --json "$OUT/$name.json"
    echo
done

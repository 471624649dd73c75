#!/usr/bin/env bash
# The bridge team's acceptance task, done as the README tells a user (no C++): their design file
# (designs/bonded_federation_8of12.toml: 8-of-12 signers with 50 BTC bonds slashed on a provable
# theft, 3-of-5 emergency keys after 2016 blocks, peg-ins after 6 confirmations) is validated,
# the planner scenario runs it, and analysis/design_plans.py reports the cheapest attack, its
# cost with a confidence interval, its inherited share and the max safe value. Every run must
# act on the engine (events_processed > 100, txs_confirmed > 0). A broken design file is
# rejected with file:line:col and exit code 2.
set -uo pipefail
L2SIM="$1"; ROOT="$2"; PY="${PYTHON:-/usr/bin/python3}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$ROOT" || exit 1
scenario=scenarios/designs/bonded_federation.toml

"$L2SIM" validate "$scenario" >/dev/null || { echo "FAIL: the design does not validate"; exit 1; }

# A typo in the design file: exit 2, the design file's line and column, the key.
sed "0,/^availability = 0.99$/s//availabilty = 0.99/" designs/bonded_federation_8of12.toml > "$tmp/typo.toml"
"$L2SIM" validate "$scenario" --set "design.file=\"$tmp/typo.toml\"" 2> "$tmp/err.txt" >/dev/null
rc=$?
[ "$rc" -eq 2 ] || { echo "FAIL: a bad design exits $rc, not 2"; cat "$tmp/err.txt"; exit 1; }
line=$(grep -n "^availabilty = 0.99$" "$tmp/typo.toml" | head -1 | cut -d: -f1)
grep -q "typo.toml:$line:1: error: key 'agents.signer.availabilty'" "$tmp/err.txt" \
  || { echo "FAIL: the error does not name file:line:col and key:"; cat "$tmp/err.txt"; exit 1; }

"$L2SIM" run "$scenario" -n 60 -o "$tmp/plans.h5" --progress none --threads 2 >/dev/null \
  || { echo "FAIL: the planner scenario did not run"; exit 1; }
"$PY" analysis/design_plans.py "$tmp/plans.h5" --target 0.5 --json "$tmp/report.json" > "$tmp/report.md" \
  || { echo "FAIL: design_plans.py"; exit 1; }
cat "$tmp/report.md"

"$PY" - "$tmp/plans.h5" "$tmp/report.json" <<'PYEOF'
import json, math, sys
import h5py
f = h5py.File(sys.argv[1], "r")
events, confirmed, status = f["events_processed"][()], f["txs_confirmed"][()], f["status"][()]
ok = (status == 1).all() and (events > 100).all() and (confirmed > 0).all()
r = json.load(open(sys.argv[2]))
s = r["summary"]
plans = {p["plan"] for p in r["plans"]}
expected = {"peg__signer8", "peg__emergency3_wait2016_censor0", "peg__emergency3_wait2016_censor50",
            "peg__emergency3_wait2016_censor100", "deposit__reorg6_hash30", "deposit__reorg6_hash45"}
checks = {
    "every run acted on the engine": ok,
    "the plans are the policy's paths": plans == expected,
    "a cheapest plan is named": s["cheapest_plan"] in expected,
    "its cost has a finite interval below": s["cheapest_cost_btc_lo"] is not None and s["cheapest_cost_btc"] > 0,
    "its inherited share is a share": s["cheapest_inherited_share"] is not None and 0 <= s["cheapest_inherited_share"] <= 1,
    "a max safe value is reported": s["max_safe_value_btc"] is not None and s["max_safe_value_btc"] > 0,
    # The 8 signers' bonds are slashed whenever their theft confirms: 400 BTC on top of the bribes.
    "bonds of the 8 signers are slashed": min(p["external_btc"] for p in r["plans"] if p["plan"] == "peg__signer8") >= 400,
}
for name, good in checks.items():
    print(("ok   " if good else "FAIL ") + name)
sys.exit(0 if all(checks.values()) else 1)
PYEOF

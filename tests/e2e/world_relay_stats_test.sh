#!/usr/bin/env bash
# The claim window over the P2P network with the claimant eclipsed (claim_window_eclipse.toml)
# acts on the engine in every run: each of its runs records events_processed > 1,000 and
# txs_confirmed > 0, read by name from the results file, with at least one block and two agents
# (claimant and sweeper), and no run failed.
set -uo pipefail
L2SIM="$1"; ROOT="$2"; PY="${PYTHON:-/usr/bin/python3}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$L2SIM" run "$ROOT/scenarios/world/claim_window_eclipse.toml" -o "$tmp/cw.h5" --progress none --threads 2 >/dev/null \
  || { echo "FAIL: claim_window_eclipse did not run"; exit 1; }
"$PY" - "$tmp/cw.h5" <<'PYEOF'
import sys
import h5py
f = h5py.File(sys.argv[1], "r")
events, confirmed, status = f["events_processed"][()], f["txs_confirmed"][()], f["status"][()]
print(f"claim_window_eclipse: {len(events)} runs, events_processed min {events.min()} mean {events.mean():.0f}, "
      f"txs_confirmed min {confirmed.min()} mean {confirmed.mean():.0f}, "
      f"attack_success mean {f['attack_success'][()].mean():.3f}")
blocks, agents = f["blocks"][()], f["agents"][()]
ok = (len(events) > 0 and (status == 1).all() and (events > 1000).all() and (confirmed > 0).all()
      and (blocks >= 1).all() and (agents >= 2).all())
sys.exit(0 if ok else 1)
PYEOF

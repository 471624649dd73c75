#!/usr/bin/env bash
# A sweep of 1,000 points x 100 replications prints progress lines in a batch log and yields one
# HDF5 file that xarray opens with one column per swept parameter and outcome.
set -euo pipefail
L2SIM="$1"; ROOT="$2"; PY="${PYTHON:-/usr/bin/python3}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
L2SIM_PROGRESS_INTERVAL_S=0.5 "$L2SIM" sweep "$ROOT/scenarios/examples/large_sweep.toml" --threads 2 \
  --progress lines -o "$tmp/large.h5" 2> "$tmp/log"
grep -q "^progress: .* runs/s .* ETA" "$tmp/log" || { echo "FAIL: no progress line"; cat "$tmp/log"; exit 1; }
"$PY" - "$tmp/large.h5" <<'PYEOF'
import sys
import xarray as xr
ds = xr.open_dataset(sys.argv[1], engine="h5netcdf")
assert ds.sizes["run"] == 100_000, ds.sizes
assert int(ds["point"].max()) == 999
for c in ("attacker__hash_share", "merchant__confirmations", "attack_success", "attacker_hash_seconds"):
    assert ds[c].dims == ("run",), c
assert (ds["status"] == 1).all()
print("large sweep: 100000 runs, columns", len(ds.data_vars))
PYEOF
echo "large sweep: 1 passed, 0 failed"

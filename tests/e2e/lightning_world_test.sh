#!/usr/bin/env bash
# Every Lightning scenario of the `lightning` model acts on the engine in every run: each base
# point's runs record events_processed > 1,000 and txs_confirmed > 0, read by name from the
# results file, and no run failed.
set -uo pipefail
L2SIM="$1"; ROOT="$2"; PY="${PYTHON:-/usr/bin/python3}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0
for f in "$ROOT"/scenarios/lightning_world/*.toml "$ROOT"/scenarios/lightning/*.toml; do
  n=$(basename "$(dirname "$f")")_$(basename "$f" .toml)
  "$L2SIM" run "$f" -o "$tmp/$n.h5" --progress none --threads 2 >/dev/null || { echo "FAIL: $n did not run"; fails=$((fails + 1)); continue; }
  "$PY" - "$tmp/$n.h5" "$n" <<'PYEOF' || fails=$((fails + 1))
import sys
import h5py
f = h5py.File(sys.argv[1], "r")
events, confirmed, status = f["events_processed"][()], f["txs_confirmed"][()], f["status"][()]
print(f"{sys.argv[2]}: {len(events)} runs, events_processed min {events.min()}, txs_confirmed min {confirmed.min()}, "
      f"attack_success mean {f['attack_success'][()].mean():.3f}")
ok = len(events) > 0 and (status == 1).all() and (events > 1000).all() and (confirmed > 0).all()
sys.exit(0 if ok else 1)
PYEOF
done
[ "$fails" -eq 0 ]

#!/usr/bin/env bash
# `--shard 0/2` + `--shard 1/2` + `merge`, and `mpirun -np 2` when built with MPI, each give the
# same datasets as one process.
set -uo pipefail
L2SIM="$1"; ROOT="$2"; PY="${PYTHON:-/usr/bin/python3}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
spec="$ROOT/scenarios/examples/phold_sweep.toml"
cmp() { "$PY" "$ROOT/tests/e2e/compare_results.py" "$@"; }
fail() { echo "FAIL: $*"; exit 1; }
passed=0

"$L2SIM" sweep "$spec" --threads 2 --progress none -o "$tmp/one.h5" || fail "single-process sweep"
"$L2SIM" sweep "$spec" --shard 0/2 --progress none -o "$tmp/s0.h5" || fail "shard 0"
"$L2SIM" sweep "$spec" --shard 1/2 --threads 2 --progress none -o "$tmp/s1.h5" || fail "shard 1"
"$L2SIM" merge "$tmp/s0.h5" "$tmp/s1.h5" -o "$tmp/merged.h5" || fail "merge"
cmp "$tmp/one.h5" "$tmp/merged.h5" || fail "merged shards differ from one process"
passed=$((passed + 1))

if "$L2SIM" --version | grep -q "+mpi"; then
  mpirun --allow-run-as-root --oversubscribe --bind-to none -np 2 "$L2SIM" sweep "$spec" --progress none \
    -o "$tmp/mpi.h5" || fail "mpirun sweep"
  cmp "$tmp/one.h5" "$tmp/mpi.h5" || fail "mpirun result differs from one process"
  passed=$((passed + 1))
else
  echo "note: l2sim built without MPI; mpirun case not run"
fi
echo "shard/merge: $passed passed, 0 failed"

#!/usr/bin/env bash
# `--shard 0/2` + `--shard 1/2` + `merge`, and `mpirun -np 2` when built with MPI, each give the
# same datasets as one process. So does `mpirun -np 3` with 2 threads per rank on 2 cores, whose
# ranks claim blocks on demand and so split the plan unevenly: the runs each rank reports sum to
# the plan (every run exactly once).
set -uo pipefail
L2SIM="$1"; ROOT="$2"; PY="${PYTHON:-/usr/bin/python3}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
spec="$ROOT/scenarios/examples/phold_sweep.toml"
cmp() { "$PY" "$ROOT/tests/e2e/compare_results.py" "$@"; }
fail() { echo "FAIL: $*"; exit 1; }
passed=0
# Under the sanitize preset (LSAN_OPTIONS set by ctest), Open MPI's leaks are suppressed by library
# name (tests/sanitize/lsan.supp). The fast unwinder stops at the first frame inside those
# libraries (Debian builds them without frame pointers) and, once an MCA component is dlclose'd,
# cannot name its module, so the report shows "<unknown module>" that no suppression can match.
# The ranks therefore unwind fully (slow, so only here): every frame then names its library.
mpi_env=()
[ -n "${LSAN_OPTIONS:-}" ] && mpi_env=(env "LSAN_OPTIONS=$LSAN_OPTIONS:fast_unwind_on_malloc=0")

"$L2SIM" sweep "$spec" --threads 2 --progress none -o "$tmp/one.h5" || fail "single-process sweep"
"$L2SIM" sweep "$spec" --shard 0/2 --progress none -o "$tmp/s0.h5" || fail "shard 0"
"$L2SIM" sweep "$spec" --shard 1/2 --threads 2 --progress none -o "$tmp/s1.h5" || fail "shard 1"
"$L2SIM" merge "$tmp/s0.h5" "$tmp/s1.h5" -o "$tmp/merged.h5" || fail "merge"
cmp "$tmp/one.h5" "$tmp/merged.h5" || fail "merged shards differ from one process"
passed=$((passed + 1))

if "$L2SIM" --version | grep -q "+mpi"; then
  "${mpi_env[@]}" mpirun --allow-run-as-root --oversubscribe --bind-to none -np 2 "$L2SIM" sweep "$spec" --progress none \
    -o "$tmp/mpi.h5" || fail "mpirun sweep"
  cmp "$tmp/one.h5" "$tmp/mpi.h5" || fail "mpirun result differs from one process"
  passed=$((passed + 1))
  sed 's/^replications = 3\b/replications = 40/' "$spec" >"$tmp/forty.toml"  # 200 runs, 23 blocks at 3 ranks
  "$L2SIM" sweep "$tmp/forty.toml" --threads 2 --progress none -o "$tmp/one40.h5" || fail "200-run sweep"
  "${mpi_env[@]}" mpirun --allow-run-as-root --oversubscribe --bind-to none -np 3 "$L2SIM" sweep "$tmp/forty.toml" --threads 2 \
    --progress none -o "$tmp/mpi40.h5" 2>"$tmp/ranks.err" || fail "mpirun -np 3 sweep: $(cat "$tmp/ranks.err")"
  cmp "$tmp/one40.h5" "$tmp/mpi40.h5" || fail "mpirun -np 3 result differs from one process"
  per_rank=$(grep -oE 'rank[0-9]+\.h5: [0-9]+ ok' "$tmp/ranks.err" | awk '{print $2}' | paste -sd' ')
  sum=$(echo "$per_rank" | tr ' ' '\n' | awk '{s += $1} END {print s}')
  [ "$sum" = 200 ] || fail "ranks ran $per_rank runs, not 200 in all"
  echo "mpirun -np 3: ranks ran $per_rank of 200 runs"
  passed=$((passed + 1))
else
  echo "note: l2sim built without MPI; mpirun case not run"
fi
echo "shard/merge: $passed passed, 0 failed"

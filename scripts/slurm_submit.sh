#!/usr/bin/env bash
# Submits a sharded l2sim sweep and its merge on Slurm:
#   scripts/slurm_submit.sh SCENARIO PREFIX N    -> PREFIX.shard0..N-1.h5, then PREFIX.h5
# For one MPI job instead (rank 0 merges into OUT.h5 itself): scripts/slurm_mpi.sbatch.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
scenario="$1"; prefix="$2"; count="$3"
array=$(sbatch --parsable --array=0-$((count - 1)) "$here/slurm_sweep.sbatch" "$scenario" "$prefix")
sbatch --dependency=afterok:"${array%%;*}" "$here/slurm_merge.sbatch" "$prefix" "$count"

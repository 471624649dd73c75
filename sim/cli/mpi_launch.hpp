// Distributed sweeps under mpirun: each rank runs shard rank/size into its own file, then rank 0
// merges them into the requested output. Built only when Open MPI is found (L2SIM_HAVE_MPI).
#pragma once

#include <string>

namespace sim::cli {

struct MpiRank {
    int rank = 0;
    int size = 1;
    bool active = false;  ///< launched by mpirun with more than one rank
};

/// Initialises MPI when the process was started by mpirun (Open MPI's or PMI's environment);
/// otherwise returns an inactive rank and never touches MPI.
MpiRank mpi_start();
void mpi_barrier(const MpiRank& r);
/// Sums an exit code across ranks (max), so every rank agrees on failure.
int mpi_max(const MpiRank& r, int value);
void mpi_finish(const MpiRank& r);
bool mpi_built();

}  // namespace sim::cli

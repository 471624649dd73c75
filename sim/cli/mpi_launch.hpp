// Distributed sweeps under mpirun: the ranks claim blocks of the plan from a counter held by rank 0,
// each writes the runs it ran into its own file, then rank 0 merges them into the requested
// output. Built only when Open MPI is found (L2SIM_HAVE_MPI).
#pragma once

#include <cstdint>
#include <memory>
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

/// A counter in rank 0's memory that every rank increments atomically (MPI one-sided
/// MPI_Fetch_and_op on a window under a shared passive-target lock: no rank 0 thread has to answer,
/// so a claim costs microseconds while rank 0 computes). Creating and destroying it are collective.
class MpiCounter {
public:
    explicit MpiCounter(const MpiRank& r);
    ~MpiCounter();
    MpiCounter(const MpiCounter&) = delete;
    MpiCounter& operator=(const MpiCounter&) = delete;
    /// The counter's value before adding one (0, 1, 2, ... across all ranks, each value once).
    std::uint64_t fetch_increment();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};
bool mpi_built();

}  // namespace sim::cli

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

/// This process's rank and the number of ranks, from the launcher's environment (Open MPI's
/// `mpirun` or PMI's `srun --mpi=pmi2`); inactive with fewer than two ranks or without MPI. Does
/// not touch MPI.
MpiRank mpi_rank_from_environment();

/// An MPI sweep's session. MPI_Init runs on a thread of its own while this rank computes its first
/// block, which needs no MPI (Open MPI's MPI_Init takes about 0.35 s per rank, mostly waiting);
/// it then makes a counter in rank 0's memory that every rank increments atomically (one-sided
/// MPI_Fetch_and_op on a window under a shared passive-target lock: no rank 0 thread has to
/// answer, so a claim costs microseconds while rank 0 computes). The destructor finalises MPI.
class MpiSession {
public:
    explicit MpiSession(const MpiRank& r);
    ~MpiSession();
    MpiSession(const MpiSession&) = delete;
    MpiSession& operator=(const MpiSession&) = delete;

    /// The next block this rank runs: first block `rank` (without MPI), then `size` plus the
    /// shared counter's value before this rank's increment, so each block index goes to one rank.
    std::uint64_t claim_block();
    /// The largest `value` over all ranks (every rank agrees on failure); waits sleeping.
    int max(int value);
    void barrier();
    /// Frees the counter (collective): call once every rank is done claiming, e.g. after max().
    void release_counter();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

bool mpi_built();

}  // namespace sim::cli

// See mpi_launch.hpp. Without MPI every function is a no-op for a single rank.
#include "sim/cli/mpi_launch.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#ifdef L2SIM_HAVE_MPI
#define OMPI_SKIP_MPICXX 1  // the C API only: no deprecated C++ bindings to link
#include <mpi.h>
#endif

namespace sim::cli {

bool mpi_built() {
#ifdef L2SIM_HAVE_MPI
    return true;
#else
    return false;
#endif
}

MpiRank mpi_start() {
    MpiRank r;
#ifdef L2SIM_HAVE_MPI
    const char* size = std::getenv("OMPI_COMM_WORLD_SIZE");
    if (!size) size = std::getenv("PMI_SIZE");
    if (!size || std::atoi(size) < 2) return r;
    // Funneled: only the main thread calls MPI (the runner claims blocks there; TBB workers and
    // the writer thread never do).
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &r.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &r.size);
    r.active = true;
#endif
    return r;
}

#ifdef L2SIM_HAVE_MPI
namespace {

/// Waits for a non-blocking collective without spinning. Open MPI's blocking collectives poll
/// at full speed, so a rank that finishes its shard first (or waits while rank 0 merges) would
/// burn a core that the still-computing rank's writer thread, or rank 0's merge, needs; here it
/// sleeps between tests, from 50 us up to 5 ms (at most 5 ms added to a sweep's wall time).
void wait_sleeping(MPI_Request& request) {
    auto pause = std::chrono::microseconds(50);
    for (;;) {
        int done = 0;
        MPI_Test(&request, &done, MPI_STATUS_IGNORE);
        if (done) return;
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::microseconds(5000));
    }
}

}  // namespace
#endif

void mpi_barrier([[maybe_unused]] const MpiRank& r) {
#ifdef L2SIM_HAVE_MPI
    if (r.active) {
        MPI_Request request;
        MPI_Ibarrier(MPI_COMM_WORLD, &request);
        wait_sleeping(request);
    }
#endif
}

int mpi_max([[maybe_unused]] const MpiRank& r, int value) {
#ifdef L2SIM_HAVE_MPI
    if (r.active) {
        int out = value;
        MPI_Request request;
        MPI_Iallreduce(&value, &out, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD, &request);
        wait_sleeping(request);
        return out;
    }
#endif
    return value;
}

void mpi_finish([[maybe_unused]] const MpiRank& r) {
#ifdef L2SIM_HAVE_MPI
    if (r.active) MPI_Finalize();
#endif
}

/// Without an active MPI job (one process) the counter is a plain integer.
struct MpiCounter::Impl {
    std::uint64_t value = 0;
#ifdef L2SIM_HAVE_MPI
    MPI_Win window = MPI_WIN_NULL;
    std::uint64_t* base = nullptr;
#endif
};

MpiCounter::MpiCounter([[maybe_unused]] const MpiRank& r) : impl_(std::make_unique<Impl>()) {
#ifdef L2SIM_HAVE_MPI
    if (!r.active) return;
    const MPI_Aint bytes = r.rank == 0 ? static_cast<MPI_Aint>(sizeof(std::uint64_t)) : 0;
    MPI_Win_allocate(bytes, sizeof(std::uint64_t), MPI_INFO_NULL, MPI_COMM_WORLD, &impl_->base, &impl_->window);
    if (r.rank == 0) *impl_->base = 0;
    mpi_barrier(r);  // the zero is in place before any rank claims
    MPI_Win_lock_all(MPI_MODE_NOCHECK, impl_->window);
#endif
}

MpiCounter::~MpiCounter() {
#ifdef L2SIM_HAVE_MPI
    if (impl_->window != MPI_WIN_NULL) {
        MPI_Win_unlock_all(impl_->window);
        MPI_Win_free(&impl_->window);
    }
#endif
}

std::uint64_t MpiCounter::fetch_increment() {
#ifdef L2SIM_HAVE_MPI
    if (impl_->window != MPI_WIN_NULL) {
        const std::uint64_t one = 1;
        std::uint64_t before = 0;
        MPI_Fetch_and_op(&one, &before, MPI_UINT64_T, 0, 0, MPI_SUM, impl_->window);
        MPI_Win_flush(0, impl_->window);
        return before;
    }
#endif
    return impl_->value++;
}

}  // namespace sim::cli

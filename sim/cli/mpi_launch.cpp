// See mpi_launch.hpp. Without MPI a session is a single rank counting its own blocks.
#include "sim/cli/mpi_launch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
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

namespace {

int env_int(const char* open_mpi, const char* pmi, int fallback) {
    const char* v = std::getenv(open_mpi);
    if (!v) v = std::getenv(pmi);
    return v ? std::atoi(v) : fallback;
}

}  // namespace

MpiRank mpi_rank_from_environment() {
    MpiRank r;
#ifdef L2SIM_HAVE_MPI
    r.size = env_int("OMPI_COMM_WORLD_SIZE", "PMI_SIZE", 1);
    r.rank = env_int("OMPI_COMM_WORLD_RANK", "PMI_RANK", 0);
    r.active = r.size >= 2 && r.rank >= 0 && r.rank < r.size;
    if (!r.active) r = MpiRank{};
#endif
    return r;
}

#ifdef L2SIM_HAVE_MPI
namespace {

/// Waits for a non-blocking MPI operation without spinning. Open MPI's blocking collectives poll
/// at full speed, so a rank that finishes first (or waits while rank 0 merges) would burn a core
/// that the still-computing rank's writer thread, or rank 0's merge, needs; here it sleeps between
/// tests, from 50 us up to 5 ms (at most 5 ms added to a sweep's wall time).
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

void sleeping_barrier() {
    MPI_Request request;
    MPI_Ibarrier(MPI_COMM_WORLD, &request);
    wait_sleeping(request);
}

}  // namespace
#endif

struct MpiSession::Impl {
    MpiRank place;
    std::uint64_t claims = 0;  ///< blocks this rank has claimed so far
    std::uint64_t local = 0;   ///< the counter of a single rank without MPI
#ifdef L2SIM_HAVE_MPI
    std::thread init;  ///< MPI_Init and the counter's creation; joined before this rank's first MPI call
    MPI_Win window = MPI_WIN_NULL;
    std::uint64_t* base = nullptr;

    void ready() {
        if (init.joinable()) init.join();
    }

    /// On the init thread: every MPI call after it comes from the main thread, one at a time.
    void start() {
        int provided = 0;
        MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided);
        int rank = 0, size = 0;
        MPI_Comm_rank(MPI_COMM_WORLD, &rank);
        MPI_Comm_size(MPI_COMM_WORLD, &size);
        if (rank != place.rank || size != place.size) {  // the first blocks were chosen by the environment's rank
            fmt::print(stderr, "error: MPI says rank {} of {}, the launcher's environment {} of {}\n", rank, size,
                       place.rank, place.size);
            MPI_Abort(MPI_COMM_WORLD, 2);
        }
        const MPI_Aint bytes = rank == 0 ? static_cast<MPI_Aint>(sizeof(std::uint64_t)) : 0;
        MPI_Win_allocate(bytes, sizeof(std::uint64_t), MPI_INFO_NULL, MPI_COMM_WORLD, &base, &window);
        if (rank == 0) *base = 0;
        sleeping_barrier();  // the zero is in place before any rank claims
        MPI_Win_lock_all(MPI_MODE_NOCHECK, window);
    }
#endif
};

MpiSession::MpiSession(const MpiRank& r) : impl_(std::make_unique<Impl>()) {
    impl_->place = r;
#ifdef L2SIM_HAVE_MPI
    if (r.active) impl_->init = std::thread([this] { impl_->start(); });
#endif
}

MpiSession::~MpiSession() {
#ifdef L2SIM_HAVE_MPI
    if (impl_->place.active) {
        impl_->ready();
        // Leaving by an exception, the other ranks may be waiting in a collective this rank will
        // never join: end the job rather than hang it.
        if (std::uncaught_exceptions() > 0) MPI_Abort(MPI_COMM_WORLD, 1);
        release_counter();
        MPI_Finalize();
    }
#endif
}

std::uint64_t MpiSession::claim_block() {
    const auto place = static_cast<std::uint64_t>(impl_->place.rank);
    const auto size = static_cast<std::uint64_t>(impl_->place.size);
    if (impl_->claims++ == 0) return place;
#ifdef L2SIM_HAVE_MPI
    if (impl_->place.active) {
        impl_->ready();
        const std::uint64_t one = 1;
        std::uint64_t before = 0;
        MPI_Fetch_and_op(&one, &before, MPI_UINT64_T, 0, 0, MPI_SUM, impl_->window);
        MPI_Win_flush(0, impl_->window);
        return size + before;
    }
#endif
    return size + impl_->local++;
}

int MpiSession::max(int value) {
#ifdef L2SIM_HAVE_MPI
    if (impl_->place.active) {
        impl_->ready();
        int out = value;
        MPI_Request request;
        MPI_Iallreduce(&value, &out, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD, &request);
        wait_sleeping(request);
        return out;
    }
#endif
    return value;
}

void MpiSession::barrier() {
#ifdef L2SIM_HAVE_MPI
    if (impl_->place.active) {
        impl_->ready();
        sleeping_barrier();
    }
#endif
}

void MpiSession::release_counter() {
#ifdef L2SIM_HAVE_MPI
    impl_->ready();
    if (impl_->window != MPI_WIN_NULL) {
        MPI_Win_unlock_all(impl_->window);
        MPI_Win_free(&impl_->window);
    }
#endif
}

}  // namespace sim::cli

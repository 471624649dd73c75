// See mpi_launch.hpp. Without MPI every function is a no-op for a single rank.
#include "sim/cli/mpi_launch.hpp"

#include <cstdlib>
#include <string>

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
    MPI_Init(nullptr, nullptr);
    MPI_Comm_rank(MPI_COMM_WORLD, &r.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &r.size);
    r.active = true;
#endif
    return r;
}

void mpi_barrier([[maybe_unused]] const MpiRank& r) {
#ifdef L2SIM_HAVE_MPI
    if (r.active) MPI_Barrier(MPI_COMM_WORLD);
#endif
}

int mpi_max([[maybe_unused]] const MpiRank& r, int value) {
#ifdef L2SIM_HAVE_MPI
    if (r.active) {
        int out = value;
        MPI_Allreduce(&value, &out, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
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

}  // namespace sim::cli

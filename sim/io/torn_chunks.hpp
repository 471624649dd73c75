// Repairs what a writer killed in the middle of a write (SIGKILL, a crash, power loss) can leave
// in a results file: a compressed chunk HDF5 was rewriting in place, half old and half new bytes,
// which no longer decodes. The rows behind it cannot be trusted, not even those flushed earlier,
// so the repair writes the chunk afresh and marks its runs pending: `resume` runs them again, and
// since a run depends only on (seed, run) the completed file equals an uninterrupted one.
#pragma once

#include <cstdint>
#include <string>

namespace sim::io {

struct TornRepair {
    std::uint64_t chunks = 0;       ///< chunks that did not decode
    std::uint64_t runs_marked = 0;  ///< runs set back to pending (some may have been pending already)
    bool all_runs = false;          ///< the events' run index was torn: every run runs again
};

/// Checks every chunk of every column and event column of the file (opened for writing, after
/// `h5clear`'s repairs of a killed SWMR writer) and repairs the torn ones. Throws InputError
/// (exit 2) naming the file when the file cannot be read at all.
TornRepair repair_torn_chunks(const std::string& path);

}  // namespace sim::io

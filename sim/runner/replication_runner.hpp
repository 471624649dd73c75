// Runs a set of replications on TBB worker threads while one writer thread serialises finished
// runs to the results file in plan order. Each replication builds and owns its own Simulation,
// so results do not depend on the thread count.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "sim/io/results_file.hpp"
#include "sim/runner/plan.hpp"
#include "sim/runner/progress.hpp"
#include "sim/runner/run_source.hpp"

namespace sim {

struct RunnerOptions {
    int threads = 1;
    ProgressMode progress = ProgressMode::none;
    /// Checked before each run; when non-zero, no new run starts (SIGINT/SIGTERM handling).
    const std::atomic<int>* stop_signal = nullptr;
};

struct RunnerResult {
    std::uint64_t ok = 0;
    std::uint64_t failed = 0;
    std::uint64_t not_run = 0;  ///< left pending because of a stop signal
    double wall_s = 0.0;
};

/// Executes the runs `source` hands out (ascending within each take) and writes their rows.
/// `not_run` counts the runs taken or held by the source and left pending by a stop.
RunnerResult execute_runs(const Plan& plan, RunSource& source, io::ResultsWriter& writer,
                          const RunnerOptions& options);
/// Executes `runs` (ascending run indices of `plan`) and writes their rows.
RunnerResult execute_runs(const Plan& plan, const std::vector<std::uint64_t>& runs, io::ResultsWriter& writer,
                          const RunnerOptions& options);

}  // namespace sim

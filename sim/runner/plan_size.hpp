// The size of a plan, computed from the sweep's shape without expanding it, and the limit
// (experiment.max_runs) that keeps a mistyped step or an enormous grid from exhausting memory.
#pragma once

#include <cstdint>

#include "sim/scenario/scenario.hpp"

namespace sim {

struct PlanSize {
    std::uint64_t candidate_points = 1;  ///< points before the constraint filters them
    std::uint64_t replications = 1;
    bool overflow = false;               ///< a product exceeded 2^64
};

/// Points and replications of the plan `make_plan(s, include_sweep)` would build.
PlanSize plan_size(const Scenario& s, bool include_sweep);

/// Throws InputError (at the sweep's or the runs key's position) when the candidate points or
/// candidate points x replications exceed experiment.max_runs.
void check_plan_size(const Scenario& s, bool include_sweep);

}  // namespace sim

// The expanded experiment: parameter points (from [sweep], or the base point alone) times
// replications, with each run's stable index `run = point * replications + rep`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/io/results_file.hpp"
#include "sim/scenario/scenario.hpp"

namespace sim {

struct Plan {
    const Scenario* scenario = nullptr;
    std::vector<std::string> keys;          ///< swept keys, one column each
    std::vector<std::vector<Value>> points; ///< one value per key
    std::uint64_t replications = 1;
    bool common_seeds = false;
    std::uint64_t master_seed = 0;

    std::uint64_t total_runs() const { return points.size() * replications; }
    RunInput input(std::uint64_t run) const;
    /// The base parameters with point `p`'s swept values applied (validated at load time).
    std::unique_ptr<ParamSet> params_for(std::uint64_t point) const;
    /// FNV-1a over a canonical text of the plan: changes whenever any run would change.
    std::string hash_hex() const;
    /// Results columns: run, point, rep, seed, status, swept keys, then the model's outcomes.
    io::Layout layout() const;
};

/// Expands the scenario's sweep; without one, a single point with `experiment.runs` replications.
/// `include_sweep` false runs the base point only (the `run` command).
Plan make_plan(const Scenario& scenario, bool include_sweep);

/// Latin hypercube sample of `n` points in [0,1)^dims: each dimension's n strata hit once
/// (McKay, Beckman and Conover 1979), drawn from a dedicated stream of the master seed.
std::vector<std::vector<double>> latin_hypercube(std::size_t n, std::size_t dims, std::uint64_t seed);

}  // namespace sim

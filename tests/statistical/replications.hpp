// Runs a model's replications in parallel straight from a params struct (no HDF5), for the
// statistical suites. Results are in replication order, so they do not depend on threads.
#pragma once

#include <tbb/parallel_for.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/bitcoin/bitcoin_model.hpp"

namespace l2sim_test {

/// z for a two-sided 99.9% interval: every statistical check in this folder uses it.
inline constexpr double z_999 = 3.29;

/// Outcome rows of `runs` replications of model M (run index = stream index), in run order.
template <class M = models::bitcoin::BitcoinModel>
std::vector<std::vector<double>> replicate(const typename M::Params& p, int runs, std::uint64_t seed) {
    std::vector<std::vector<double>> out(static_cast<std::size_t>(runs));
    tbb::parallel_for(0, runs, [&](int r) {
        sim::RunInput in;
        in.master_seed = seed;
        in.run = in.stream_run = static_cast<std::uint64_t>(r);
        out[static_cast<std::size_t>(r)] = M::run(p, in).outcomes;
    });
    return out;
}

/// Column index of model M's outcome by name.
template <class M = models::bitcoin::BitcoinModel>
std::size_t column(const typename M::Params& p, const std::string& name) {
    const auto cols = M::outcome_columns(p);
    for (std::size_t i = 0; i < cols.size(); ++i)
        if (cols[i].name == name) return i;
    throw std::runtime_error("no column " + name);
}

/// Mean of outcome `name` over `runs` replications of model M, read by column name.
template <class M>
double mean_outcome(const typename M::Params& p, int runs, std::uint64_t seed,
                    const std::string& name = "attack_success") {
    const std::size_t at = column<M>(p, name);
    double s = 0;
    for (const auto& row : replicate<M>(p, runs, seed)) s += row[at];
    return s / runs;
}

/// |estimate - expected| within z_999 binomial standard errors of the expected value.
inline bool within_binomial(double estimate, double expected, double n, double* half_width = nullptr) {
    const double hw = z_999 * std::sqrt(expected * (1 - expected) / n);
    if (half_width) *half_width = hw;
    return std::abs(estimate - expected) <= hw;
}

/// Simulated success rate against a closed form, printed as a table row and checked.
template <class M>
bool success_matches(const char* what, const typename M::Params& p, double exact, int runs, std::uint64_t seed) {
    const double sim = mean_outcome<M>(p, runs, seed);
    double hw = 0;
    const bool ok = within_binomial(sim, exact, runs, &hw);
    std::printf("%-56s closed %.5f  simulated %.5f  CI half %.5f\n", what, exact, sim, hw);
    return ok;
}

}  // namespace l2sim_test

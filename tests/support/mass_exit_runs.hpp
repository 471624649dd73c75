// Shared by the mass-exit tests: a design file holding one [tree.round] written to a temporary
// path, and one run of the `mass_exit` model read back by column name.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "models/layer2/mass_exit/mass_exit_model.hpp"

namespace mass_exit_test {

struct Tree {
    int arity = 4, users = 64, node_vbytes = 200, leaf_vbytes = 99'900;
    int lifetime_blocks = 100, exit_delay_blocks = 2;
    double vtxo_value_btc = 0.1;
};

inline std::string write_design(const Tree& t, const std::string& tag) {
    const auto path = std::filesystem::temp_directory_path() / ("l2sim_mass_exit_" + tag + ".toml");
    std::ofstream f(path);
    f << "[design]\nname = \"t\"\n[keys]\nuser = { count = 1, held_by = \"user\" }\n"
      << "[agents.user]\ncorruption_cost_btc = { law = \"fixed\", median = 0.0 }\n"
      << "[outputs.vtxo]\npolicy = \"pk(user[0])\"\nvalue_btc = 1.0\n[tree.round]\n"
      << "arity = " << t.arity << "\nusers = " << t.users << "\nnode_vbytes = " << t.node_vbytes
      << "\nleaf_vbytes = " << t.leaf_vbytes << "\nlifetime_blocks = " << t.lifetime_blocks
      << "\nexit_delay_blocks = " << t.exit_delay_blocks
      << "\nvtxo_value_btc = " << t.vtxo_value_btc << "\n";
    return path.string();
}

/// A quiet world: no background demand, and blocks so far apart (mean 10^9 s) that every agent has
/// acted on a block before the next one is found.
inline models::layer2::mass_exit::MassExitParams quiet(const std::string& design) {
    models::layer2::mass_exit::MassExitParams p;
    p.world.demand.arrival_vb_per_s = 0.0;
    p.world.block_interval_s = 1e9;
    p.world.horizon_blocks = 400;
    p.failure_after_blocks = 0;
    p.ark.design = design;
    p.ark.round_age_blocks = 0;
    return p;
}

inline std::map<std::string, double> run(const models::layer2::mass_exit::MassExitParams& p,
                                         std::uint64_t seed = 1) {
    using M = models::layer2::mass_exit::MassExitModel;
    if (auto bad = M::check(p)) throw std::runtime_error(bad->first + ": " + bad->second);
    sim::RunInput in;
    in.master_seed = seed;
    const auto out = M::run(p, in);
    const auto cols = M::outcome_columns(p);
    std::map<std::string, double> named;
    for (std::size_t i = 0; i < cols.size(); ++i) named[cols[i].name] = out.outcomes.at(i);
    return named;
}

}  // namespace mass_exit_test

// What one plan did in one run, in physical quantities (models/README.md: prices are applied in
// analysis/). The columns are declared here, next to the fields, and written by name.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "models/bitcoin/world/world_stats.hpp"
#include "sim/model/model.hpp"

namespace models::layer2::planner {

struct PlanOutcome {
    bool success = false;          ///< the adversary's spend confirmed (or its reorg won)
    bool keys_obtained = false;    ///< it could buy the keys the plan needs
    double keys_btc = 0.0;         ///< bribes and failure-group compromises paid
    double keys_corrupted = 0.0;
    double bonds_slashed_btc = 0.0;  ///< bonds of bribed holders slashed (the adversary makes them good)
    double hash_share_s = 0.0;     ///< censoring or racing hash, as a share of the network, x seconds
    /// Hash of existing pools acting as a cartel (they vote or race with hash they already own and
    /// still earn Bitcoin's rewards with): a share of the network x seconds, priced by what the
    /// cartel loses, never as rent (analysis/l2sim_analysis/plan_pricing.py).
    double owned_hash_share_s = 0.0;
    double block_space_sat = 0.0;  ///< fees of the adversary's own confirmed spends
    double miner_bribes_sat = 0.0;  ///< timelocked bribes Bitcoin miners were paid (the bribing spend confirmed)
    double loot_btc = 0.0;
    double duration_s = 0.0;       ///< simulated time of the run
    bitcoin::WorldStats world;     ///< the run's world statistics (a block race: its events and blocks only)

    /// Column names are `<plan id>__<quantity>`.
    static std::vector<sim::Column> columns(const std::string& plan_id, const std::string& description);
    void append_to(std::vector<double>& out) const;
};

inline std::vector<sim::Column> PlanOutcome::columns(const std::string& id, const std::string& what) {
    using sim::ColumnType;
    return {
        {id + "__success", ColumnType::u8, "1", "1 if the plan's spend confirmed: " + what},
        {id + "__keys_obtained", ColumnType::u8, "1", "1 if the keys the plan needs could be bought"},
        {id + "__keys_btc", ColumnType::f64, "BTC", "bribes and failure-group compromises paid"},
        {id + "__keys_corrupted", ColumnType::f64, "keys", "keys the adversary signed with"},
        {id + "__bonds_slashed_btc", ColumnType::f64, "BTC", "bonds of bribed holders slashed"},
        {id + "__hash_share_s", ColumnType::f64, "s", "censoring or racing hash share x seconds"},
        {id + "__owned_hash_share_s", ColumnType::f64, "s", "a cartel's own hash share x seconds (not rented)"},
        {id + "__block_space_sat", ColumnType::f64, "sat", "fees of the adversary's confirmed spends"},
        {id + "__miner_bribes_sat", ColumnType::f64, "sat", "timelocked bribes paid to Bitcoin miners"},
        {id + "__loot_btc", ColumnType::f64, "BTC", "value the plan takes if it succeeds"},
        {id + "__duration_s", ColumnType::f64, "s", "simulated time of the plan's run"},
    };
}

inline void PlanOutcome::append_to(std::vector<double>& out) const {
    for (double v : {success ? 1.0 : 0.0, keys_obtained ? 1.0 : 0.0, keys_btc, keys_corrupted, bonds_slashed_btc,
                     hash_share_s, owned_hash_share_s, block_space_sat, miner_bribes_sat, loot_btc, duration_s})
        out.push_back(v);
}

}  // namespace models::layer2::planner

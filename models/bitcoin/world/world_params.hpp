// The keys of the transaction-level world: the chain's block interval, the pools that build
// templates, the mempool's rule set and the background demand. A scenario that puts Layer2
// agents in the world embeds these next to its own keys.
#pragma once

#include <string>
#include <vector>

#include "models/bitcoin/demand/background_demand.hpp"
#include "models/bitcoin/world/propagation_params.hpp"
#include "sim/params/field.hpp"

namespace models::bitcoin {

struct PoolParams {
    /// Template-controlling entities, early 2026 (spark.money pool comparison; b10c 2024-09-16 and
    /// shared/reference/systems-leads.md for AntPool's template group): Foundry 37%, the AntPool
    /// template group 40%, F2Pool 10%, MARA 6%, Luxor 4%, OCEAN 2%, and a long tail of ten 0.1%
    /// miners (normalised here). The smallest share sets the timelocked-bribe threshold.
    sim::RealList shares{0.37, 0.40, 0.10, 0.06, 0.04, 0.02, 0.001, 0.001, 0.001, 0.001,
                         0.001, 0.001, 0.001, 0.001, 0.001, 0.001};
    std::string bribe_rule = "ignore";

    template <class V>
    void describe(V& v) {
        v.field("shares", shares, "1", "hash share of each template-controlling entity (normalised)",
                sim::positive());
        v.field("bribe_rule", bribe_rule, "-",
                "how pools treat timelocked bribes: ignore; myopic (Nadahalli et al. 2021 §4); non_myopic "
                "(looks ahead to the rest of the window; see mining/template_policy.hpp)",
                sim::one_of({"ignore", "myopic", "non_myopic"}));
    }
};

struct MempoolParams {
    std::string rules = "core_v28";

    template <class V>
    void describe(V& v) {
        v.field("rules", rules, "-",
                "Bitcoin Core policy: core_v28 (ancestor limits, carve-out, BIP125, TRUC, 1p1c), "
                "core_v29_1 (same, 0.1 sat/vB relay floor), core_v31 (cluster mempool)",
                sim::one_of({"core_v28", "core_v29_1", "core_v31"}));
    }
};

struct WorldParams {
    double block_interval_s = 600.0;
    std::int64_t horizon_blocks = 144;
    PoolParams pools;
    MempoolParams mempool;
    DemandParams demand;
    PropagationParams propagation;

    template <class V>
    void describe(V& v) {
        v.field("block_interval_s", block_interval_s, "s", "mean block interval", sim::positive());
        v.field("horizon_blocks", horizon_blocks, "blocks", "a run stops after this many blocks",
                sim::in_range(1, 1'000'000));
        v.section("pools", pools);
        v.section("mempool", mempool);
        v.section("demand", demand);
        v.section("propagation", propagation);
    }
};

}  // namespace models::bitcoin

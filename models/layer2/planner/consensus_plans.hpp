// Attack plans on a design's consensus sections (design/consensus.hpp), each run as pools in a
// world:
// - escrow theft (BIP300): the adversary controls the largest pools up to a hash share; they
//   propose a bundle paying the escrow to the adversary and upvote it in every block they find,
//   while the honest pools vote by their policies (roles/escrow_voters.hpp). Success: the bundle
//   reached its ACKs in the window and its payout confirmed.
// - peg-out reorg on a merged-mined sidechain: a second world is the sidechain, whose pools are
//   the Bitcoin pools that merge-mine (largest first up to the merged share), with 30 s blocks.
//   The adversary pegs out, then races privately from the block before its peg-out with rented
//   SHA-256 hash (an extra pool) or with merge-mining pools it controls (a cartel), leaving the
//   peg-out out of its chain; it publishes once the peg-out was paid on Bitcoin (confirmations
//   deep on the public sidechain) and its chain is strictly longer (Rosenfeld 2014), and gives up
//   `planner.race_give_up_deficit` blocks behind.
// Their columns are the spend plans' (plan_outcome.hpp), so the analysis prices them alike.
#pragma once

#include <string>
#include <vector>

#include "models/bitcoin/world/world_params.hpp"
#include "models/layer2/design/design.hpp"
#include "models/layer2/planner/plan.hpp"
#include "models/layer2/planner/plan_outcome.hpp"
#include "sim/params/field.hpp"

namespace models::layer2::planner {

struct ConsensusPlannerParams {
    sim::RealList escrow_hash_shares{0.4, 0.77};
    sim::RealList pegout_hash_shares{0.5, 0.9};

    template <class V>
    void describe(V& v) {
        v.field("escrow_hash_shares", escrow_hash_shares, "1",
                "hash shares (largest pools first) the adversary controls to upvote a BIP300 theft bundle",
                sim::in_range(0.0, 1.0));
        v.field("pegout_hash_shares", pegout_hash_shares, "1",
                "hash the adversary races a merged-mined sidechain with, as a share of Bitcoin's: rented, and "
                "(when the merge-mining pools hold that much) a cartel of the largest merge-mining pools",
                sim::in_range(0.0, 10.0));
    }
};

enum class ConsensusPlanKind { escrow_theft, pegout_reorg_rented, pegout_reorg_cartel };

struct ConsensusPlan {
    std::string id;
    std::string description;
    ConsensusPlanKind kind = ConsensusPlanKind::escrow_theft;
    double hash_share = 0.0;  ///< of Bitcoin's hash
    double loot_btc = 0.0;
};

/// The consensus plans of `d`, in a fixed order (none without consensus sections).
std::vector<ConsensusPlan> consensus_plans(const design::Design& d, const ConsensusPlannerParams& p);

/// True for a spend plan on an output a consensus rule holds (the escrow): its "key" stands for
/// the rule, so the key plan is left to the escrow plan.
bool held_by_consensus(const design::Design& d, const Plan& plan);

PlanOutcome run_consensus_plan(const design::Design& d, const ConsensusPlan& plan, const PlannerParams& params,
                               const bitcoin::WorldParams& world_params, const sim::RunInput& in);

/// The Bitcoin pools (indices into world.pools.shares) that merge-mine: the largest first until
/// their normalised shares reach `merged_share`.
std::vector<std::size_t> merge_mining_pools(const bitcoin::WorldParams& world, double merged_share);

}  // namespace models::layer2::planner

// Candidate attack plans over a design's presigned transaction graph (design/graph.hpp). Each
// transaction marked `steals` is a theft; the plan's path is that transaction and every graph
// transaction it needs to exist first (walking back along what it spends). The honest responses
// are the graph transactions off the path that spend an output the path spends: BitVM2's challenge
// against Take-1, its disprove against Take-2, a statechain's newer backup against the older one,
// Babylon's slashing against unbonding and withdrawal, an Ark user's exit against the sweep. A
// response confirmed first spends the output the theft needs, so the theft can no longer confirm.
// The adversary keeps the responses out of blocks in one of three ways, each a plan:
//   corrupt  - buy every key of every class that broadcasts a response (1-of-n honesty: a single
//              honest, reachable responder is enough to stop it);
//   censor   - order pools holding the given hash share to leave the responses out; by default
//              they only withhold (a response misses k blocks with probability share^k), and with
//              `feather_fork_depths_blocks` or `private_race` they also fork it out of the chain
//              (mining/fork_policy.hpp: Miller's feather fork, or a private chain over the window),
//              each a plan of its own;
//   congest  - keep blocks full of its own transactions at a fee rate, so a response that bids
//              less waits (block space over the window, reference M5 "P-SPACE").
// The path's own broadcasters are bought too (one key of the first class that may broadcast each
// path transaction; the adversary's own class costs nothing in the design files).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/bitcoin/mining/fork_policy.hpp"
#include "models/layer2/design/design.hpp"
#include "sim/params/field.hpp"

namespace models::layer2::planner {

struct GraphPlannerParams {
    sim::RealList congest_fee_rates_sat_vb{};
    sim::RealList feather_fork_depths_blocks{};
    bool private_race = false;

    template <class V>
    void describe(V& v) {
        v.field("congest_fee_rates_sat_vb", congest_fee_rates_sat_vb, "sat/vB",
                "fee rates at which the adversary tries keeping blocks full while a graph response "
                "is pending "
                "(empty: no congestion plans)",
                sim::in_range(0.0, 1e5));
        v.field("feather_fork_depths_blocks", feather_fork_depths_blocks, "blocks",
                "for each censoring share above 0, also a plan whose pools feather-fork (Miller "
                "2013): they orphan a block that confirms a response until it has more than this "
                "many confirmations (whole blocks; empty: withholding only)",
                sim::in_range(1, 1000));
        v.field("private_race", private_race, "-",
                "for each censoring share above 0, also a plan whose pools mine a private chain "
                "without the response over its window and publish it once strictly longer (one "
                "race per run: the first window that opens)");
    }
};

enum class GraphTactic { corrupt, censor, congest };

struct GraphPlan {
    std::string id;
    std::string description;
    std::size_t steal = 0;               ///< index of the stealing tx in Design::graph.txs
    std::vector<std::size_t> path;       ///< graph txs the adversary broadcasts, in spending order
    std::vector<std::size_t> responses;  ///< graph txs that spend an output the path spends
    GraphTactic tactic = GraphTactic::censor;
    std::map<std::string, std::uint32_t> keys_needed;  ///< key group -> keys to buy
    double censor_share = 0.0;
    /// censor: how the pools treat blocks others find (none: they only withhold).
    bitcoin::ForkStrategy fork = bitcoin::ForkStrategy::none;
    std::uint32_t feather_fork_depth_blocks = 0;
    double congest_fee_rate_sat_vb = 0.0;
    double loot_btc = 0.0;
};

/// The path of stealing tx `steal`: its ancestors in the graph, in file (spending) order.
std::vector<std::size_t> path_to(const design::Design& d, std::size_t steal);
/// Graph txs off `path`, not thefts and broadcast by a class with [responders], that spend an
/// output a path tx spends.
std::vector<std::size_t> responses_to(const design::Design& d,
                                      const std::vector<std::size_t>& path);

/// Every graph plan of `d` in a fixed order: per stealing tx, corrupt (if it has responses), then
/// censor at each share of `censor_shares`, then feather-forking at each depth and share above 0,
/// then the private race at each share above 0, then congest at each fee rate.
std::vector<GraphPlan> enumerate_graph_plans(const design::Design& d,
                                             const std::vector<double>& censor_shares,
                                             const GraphPlannerParams& p);

}  // namespace models::layer2::planner

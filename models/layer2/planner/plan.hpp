// Candidate attack plans derived from a design (rust-miniscript src/plan.rs: a plan is one
// spending path, analysed without signing). Every minimal satisfying path of each output's
// policy says which keys must sign and which timelock must be waited out; keys of one group are
// interchangeable for the plan (the adversary buys the cheapest of them at run time,
// adversary/corrupt_keys.hpp), so paths are enumerated as counts per key group: the minimal paths
// of policy/paths.hpp, collapsed (a unit test checks the two agree), without listing the C(100,
// 51) key sets of a 51-of-100 threshold one by one. A path that opens
// after a timelock on an output the defenders rotate also needs the rotation kept out of blocks
// for the window, which the adversary tries at each censoring hash share the planner is given,
// and, with `planner.bribe_btc`, by a timelocked bribe to every pool instead of controlled hash.
// A design that credits deposits after z confirmations adds a reorg plan per racing hash share.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/layer2/design/design.hpp"
#include "sim/params/field.hpp"

namespace models::layer2::planner {

struct PlannerParams {
    sim::RealList censor_shares{0.0, 1.0};
    sim::RealList race_hash_shares{0.3};
    double theft_fee_rate_sat_vb = 50.0;
    std::int64_t race_give_up_deficit = 20;
    std::int64_t after_window_blocks = 30;
    double bribe_btc = 0.0;
    double posted_bribe_btc = 0.0;

    template <class V>
    void describe(V& v) {
        v.field("censor_shares", censor_shares, "1",
                "hash shares (largest pools first) the adversary tries for keeping a rotation out of blocks",
                sim::in_range(0.0, 1.0));
        v.field("race_hash_shares", race_hash_shares, "1", "rented hash shares tried for reversing a credited deposit",
                sim::in_range(0.0, 0.99));
        v.field("theft_fee_rate_sat_vb", theft_fee_rate_sat_vb, "sat/vB", "fee rate of the adversary's own spends",
                sim::positive());
        v.field("race_give_up_deficit", race_give_up_deficit, "blocks", "a deposit reorg is abandoned this far behind",
                sim::in_range(1, 1000));
        v.field("after_window_blocks", after_window_blocks, "blocks",
                "blocks a run goes on after the theft path opens (theft, slashing and bond escapes play out)",
                sim::in_range(1, 65535));
        v.field("bribe_btc", bribe_btc, "BTC",
                "timelocked bribe (Nadahalli, Khabbazian and Wattenhofer 2021) the adversary's own spend pays whoever "
                "mines it, offered to every pool to leave the rotation out of its templates until the path opens; "
                "0: no bribing plans (pools weigh it by world.pools.bribe_rule)",
                sim::in_range(0.0, 21e6));
        v.field("posted_bribe_btc", posted_bribe_btc, "BTC",
                "one price the adversary posts to every keyholder instead of paying each its own "
                "ask: a reachable holder whose drawn ask is at most the offer sells its key for "
                "it, the others do not sell (adversary/corrupt_keys.hpp); 0: each holder is paid "
                "its own ask",
                sim::in_range(0.0, 21e6));
    }
};

enum class PlanKind { spend_output, reverse_deposit };

struct Plan {
    std::string id;           ///< column prefix: output and what the plan needs
    std::string description;  ///< one line for people
    PlanKind kind = PlanKind::spend_output;
    std::size_t output = 0;   ///< index into Design::outputs (spend_output)
    std::map<std::string, std::uint32_t> keys_needed;  ///< key group -> keys to corrupt
    std::uint32_t older_blocks = 0;
    std::uint32_t after = 0;
    bool rotation_to_censor = false;
    double censor_share = 0.0;
    double bribe_btc = 0.0;  ///< the rotation is kept out by a timelocked bribe instead of controlled pools
    std::uint32_t censor_blocks = 0;  ///< the controlled pools censor only the run's first blocks (0: until decided)
    double race_hash_share = 0.0;  ///< reverse_deposit
    double loot_btc = 0.0;
};

/// Every candidate plan of `d` in a fixed order. Paths needing a hash preimage are left out:
/// no design agent holds one (say so in the design if that changes).
std::vector<Plan> enumerate_plans(const design::Design& d, const PlannerParams& p);

}  // namespace models::layer2::planner

// Ark (model M8): a round's users share one UTXO through an exit tree of 2N - 1 transactions
// (N leaves, N - 1 internal nodes, depth log2 N). If the operator stops cooperating, every user
// must exit unilaterally before its VTXO expires and the operator may sweep: the whole tree must
// confirm, parents before children, within lifetime - exit_delay blocks. Block space decides how
// many make it; an attacker can also congest it.
#include <cmath>

#include "models/layer2/timelock_designs/timelock_designs.hpp"
#include "models/layer2/block_space.hpp"

namespace models::layer2 {

Record ark_attack(const Layer2Params& p, const sim::RunInput& in) {
    const auto& ark = p.ark;
    const auto n = ark.users;
    const int window = static_cast<int>(ark.vtxo_lifetime_blocks - ark.exit_delay_blocks);
    const double fixed = p.market.fixed_fee_rate_sat_vb;
    const double max_rate = ark.users_bump ? std::max(fixed, ark.vtxo_btc * 1e8 / ark.node_vbytes) : fixed;
    // One batch in top-down order: a child may follow its parent in the same block (BIP141 allows
    // in-block chains), so the last N transactions to confirm are the leaves.
    std::vector<PendingTx> tree{{ark.node_vbytes, fixed, max_rate, 0, 2 * n - 1}};
    BlockSpace space(1'000'000.0, p.market.competing_share, p.market.competing_share_sd,
                     p.market.competing_fee_rate_sat_vb, sim::RngStream(in.master_seed, in.stream_run, 51));
    const double attacker_rate = p.layer2.attack == "mass_exit_congestion" ? p.attack.fee_rate_sat_vb : 0.0;
    Record r;
    for (int b = 0; b < window && !tree[0].done(); ++b) {
        const BlockFill f = space.mine(b, tree, attacker_rate);
        r.fees_paid_sat += f.attacker_fees_sat;
        r.victim_fees_sat += f.victim_fees_sat;
    }
    const auto exited = std::clamp<std::int64_t>(tree[0].confirmed - (n - 1), 0, n);
    r.value_at_risk_btc = static_cast<double>(n) * ark.vtxo_btc;
    r.value_stolen_btc = static_cast<double>(n - exited) * ark.vtxo_btc;
    r.success = exited < n;
    r.window_blocks = window;
    r.channels_attacked = static_cast<double>(n);
    r.claim_wait_blocks = r.success > 0 ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(tree[0].last_confirmed_in);
    r.duration_s = window * 600.0;
    if (r.success > 0) r.time_to_success_s = r.duration_s;
    return r;
}

}  // namespace models::layer2

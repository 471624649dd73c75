// See consensus_plans.hpp.
#include "models/layer2/planner/consensus_plans.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/adversary/censor_outputs.hpp"
#include "models/layer2/planner/stage.hpp"
#include "models/layer2/roles/escrow_voters.hpp"

namespace models::layer2::planner {

namespace {

namespace pol = bitcoin::policy;

std::string pct(double share) { return std::to_string(static_cast<int>(std::lround(share * 100.0))); }

const design::Output& escrow_output(const design::Design& d) {
    const auto& name = d.consensus.hashrate_escrow->output;
    return *std::find_if(d.outputs.begin(), d.outputs.end(), [&](const design::Output& o) { return o.name == name; });
}

/// The world's agents for an escrow plan: the voting pools, decided by the escrow's count.
struct EscrowAgents {
    roles::EscrowVoters& voters;
    std::size_t size() const { return 1; }
    double latency_s(std::size_t) const { return 0.0; }
    void on_start(bitcoin::World&) {}
    void on_block(std::size_t, bitcoin::Height h, bitcoin::World& w) { voters.on_block(h, w); }
    void on_wake(std::size_t, std::uint32_t, bitcoin::World&) {}
    bool done(const bitcoin::World& w) const { return voters.decided(w); }
};

PlanOutcome run_escrow_theft(const design::Design& d, const ConsensusPlan& plan, const bitcoin::WorldParams& world_params,
                             const sim::RunInput& in) {
    const auto& spec = *d.consensus.hashrate_escrow;
    const auto& output = escrow_output(d);
    bitcoin::WorldParams wp = world_params;
    // The proposal waits for the adversary's first block (2000 blocks leave a 1% share a chance
    // of e^-20 to have none); decided() stops the run as soon as the count is decided.
    wp.horizon_blocks = spec.window_blocks + 2000;
    bitcoin::World world(wp, sim::StreamFactory(in.master_seed, in.stream_run));
    const bitcoin::Outpoint coin{world.next_txid(), 0};
    const bitcoin::TxOut coin_out{bitcoin::from_btc(output.value_btc), output.policy};
    world.start_at_height(coin_height);
    world.add_coin(coin, coin_out, coin_height);
    const double controlled = adversary::censor_outputs(world, plan.hash_share, {});
    // The escrow's one key stands for the BIP300 rule (the design declares it in [keys]).
    const bitcoin::KeyId rule = std::get<pol::Key>(output.policy->node).key;  // checked by the reader
    auto symbols = d.symbols;
    const auto payout = std::make_shared<const pol::Policy>(pol::pk(symbols.key("__adversary")));
    roles::EscrowVoters voters(spec, roles::alarming_pools(world, spec.alarm_share), coin, coin_out, rule, payout);
    EscrowAgents agents{voters};
    world.run(agents);

    PlanOutcome out;
    out.loot_btc = plan.loot_btc;
    out.keys_obtained = true;
    out.success = voters.payout_tx() != 0 && world.confirmed_at(voters.payout_tx()).has_value();
    out.duration_s = world.now_s();
    // The controlled pools are existing miners voting from the proposal to the decision: their
    // blocks stay in the chain (they still earn Bitcoin's rewards), so this is a cartel's own hash,
    // committed, not rented and not wasted.
    out.owned_hash_share_s = controlled * world.now_s();
    out.world = world.stats();
    return out;
}

/// The adversary in the sidechain world: pegs out at the start and orders the private race.
struct PegoutAgents {
    bitcoin::Outpoint coin;
    bitcoin::TxOut coin_out;
    bitcoin::KeyId key;
    std::shared_ptr<const pol::Policy> bridge;
    bitcoin::TxId pegout = 0;
    std::size_t size() const { return 1; }
    double latency_s(std::size_t) const { return 0.0; }
    void on_start(bitcoin::World& w) {
        pegout = w.next_txid();
        pol::Assets a;
        a.keys = {key};
        a.height = w.tip_height() + 1;
        const auto tx = spend_along(pegout, coin, coin_out, a, bridge,
                                    [](bitcoin::Weight wt) { return bitcoin::FeeRate{1.0}.fee_for(wt); });
        w.broadcast(tx);
    }
    void on_block(std::size_t, bitcoin::Height, bitcoin::World&) {}
    void on_wake(std::size_t, std::uint32_t, bitcoin::World&) {}
    /// The world runs while the race is live; after a published reorg, until the honest pools
    /// have confirmed the peg-out again (the run ends on what the chain holds).
    bool done(const bitcoin::World& w) const { return w.confirmed_at(pegout).has_value(); }
};

PlanOutcome run_pegout_reorg(const design::Design& d, const ConsensusPlan& plan, const PlannerParams& params,
                             const bitcoin::WorldParams& world_params, const sim::RunInput& in) {
    const auto& mm = *d.consensus.merged_mining;
    const auto merged = merge_mining_pools(world_params, mm.merged_share);
    const auto& shares = world_params.pools.shares;
    const double total = std::accumulate(shares.begin(), shares.end(), 0.0);
    bitcoin::WorldParams sp = world_params;
    sp.pools.shares.clear();
    double merged_hash = 0.0;  // of Bitcoin's
    for (std::size_t i : merged) {
        sp.pools.shares.push_back(shares[i] / total);
        merged_hash += shares[i] / total;
    }
    const bool rented = plan.kind == ConsensusPlanKind::pegout_reorg_rented;
    if (rented) sp.pools.shares.push_back(plan.hash_share);
    // Blocks come every block_interval_s from the merge-mining pools alone; rented hash adds to
    // them before any retarget.
    sp.block_interval_s = mm.block_interval_s * merged_hash / (merged_hash + (rented ? plan.hash_share : 0.0));
    sp.demand = bitcoin::DemandParams{.arrival_vb_per_s = 0.0};  // the sidechain's own traffic is not modelled (no preset either)
    const auto z = static_cast<bitcoin::Height>(mm.pegout_confirmations);
    sp.horizon_blocks = 20 * z + 100 * params.race_give_up_deficit + 1000;

    bitcoin::World side(sp, sim::StreamFactory(in.master_seed, in.stream_run));
    auto symbols = d.symbols;
    const bitcoin::KeyId adversary = symbols.key("__adversary");
    const auto own = std::make_shared<const pol::Policy>(pol::pk(adversary));
    const auto bridge = std::make_shared<const pol::Policy>(pol::pk(symbols.key("__bridge")));
    const bitcoin::Outpoint coin{side.next_txid(), 0};
    const bitcoin::TxOut coin_out{bitcoin::from_btc(mm.pegout_btc), own};
    side.start_at_height(coin_height);
    side.add_coin(coin, coin_out, coin_height);
    double controlled = 0.0;
    if (rented) {
        side.control_pool(sp.pools.shares.size() - 1, true);
        side.orders().censored.push_back(coin);
        controlled = plan.hash_share;
    } else {
        // Shares in the sidechain world are of the merge-mining hash: ask for the cartel's part.
        controlled = merged_hash * adversary::censor_outputs(side, plan.hash_share / merged_hash, {coin});
    }
    PlanOutcome out;
    out.loot_btc = plan.loot_btc;
    out.keys_obtained = true;
    bool honest_left = false;
    for (std::size_t i = 0; i < sp.pools.shares.size(); ++i) honest_left = honest_left || !side.controlled(i);
    // A cartel of every merge-mining pool never lets the peg-out confirm, so it is never paid:
    // that is a freeze, not this theft, and the race would only grow its private chain.
    if (!honest_left) return out;
    auto& f = side.fork_orders();
    f.strategy = bitcoin::ForkStrategy::private_race;
    f.race_from_height = coin_height;
    f.race_until_height = coin_height + 1;
    f.publish_after_public_height = coin_height + z;
    f.give_up_deficit_blocks = static_cast<std::uint32_t>(params.race_give_up_deficit);
    PegoutAgents agents{coin, coin_out, adversary, bridge};
    side.run(agents);

    // The private chain is published only once the peg-out is z deep on the public chain (paid
    // on Bitcoin) and it is strictly longer: then the chain's first block after the fork point is
    // the adversary's. (The reorg depth would miss a publication triggered by the honest block
    // that brought the z-th confirmation: that block is the tip only within the same step.)
    for (const auto& b : side.blocks())
        if (b.height == coin_height + 1) out.success = side.controlled(b.pool);
    out.duration_s = side.now_s();
    // Rented hash is paid for by the second; a cartel of merge-mining pools races with hash it
    // owns, whose Bitcoin blocks (and rewards) the sidechain race does not touch.
    (rented ? out.hash_share_s : out.owned_hash_share_s) = controlled * side.now_s();
    out.world = side.stats();
    return out;
}

}  // namespace

std::vector<std::size_t> merge_mining_pools(const bitcoin::WorldParams& world, double merged_share) {
    const auto& shares = world.pools.shares;
    const double total = std::accumulate(shares.begin(), shares.end(), 0.0);
    std::vector<std::size_t> order(shares.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return shares[a] > shares[b]; });
    std::vector<std::size_t> out;
    double taken = 0.0;
    for (std::size_t i : order) {
        if (taken >= merged_share * (1.0 - 1e-12)) break;
        out.push_back(i);
        taken += shares[i] / total;
    }
    return out;
}

std::vector<ConsensusPlan> consensus_plans(const design::Design& d, const ConsensusPlannerParams& p) {
    std::vector<ConsensusPlan> out;
    if (const auto& e = d.consensus.hashrate_escrow) {
        const double value = escrow_output(d).value_btc;
        for (double s : p.escrow_hash_shares)
            out.push_back({e->output + "__acks" + pct(s),
                           "pools with " + pct(s) + "% of the hash upvote a BIP300 bundle paying the escrow to the adversary",
                           ConsensusPlanKind::escrow_theft, s, value});
    }
    if (const auto& m = d.consensus.merged_mining) {
        for (double s : p.pegout_hash_shares) {
            out.push_back({"pegout__rented" + pct(s),
                           "rented SHA-256 hash of " + pct(s) + "% of Bitcoin's reorganises a merged-mined peg-out",
                           ConsensusPlanKind::pegout_reorg_rented, s, m->pegout_btc});
            if (s < m->merged_share)
                out.push_back({"pegout__cartel" + pct(s),
                               "merge-mining pools with " + pct(s) + "% of Bitcoin's hash reorganise a peg-out",
                               ConsensusPlanKind::pegout_reorg_cartel, s, m->pegout_btc});
        }
    }
    return out;
}

bool held_by_consensus(const design::Design& d, const Plan& plan) {
    const auto& e = d.consensus.hashrate_escrow;
    return e && plan.kind == PlanKind::spend_output && d.outputs.at(plan.output).name == e->output;
}

PlanOutcome run_consensus_plan(const design::Design& d, const ConsensusPlan& plan, const PlannerParams& params,
                               const bitcoin::WorldParams& world_params, const sim::RunInput& in) {
    if (plan.kind == ConsensusPlanKind::escrow_theft) return run_escrow_theft(d, plan, world_params, in);
    return run_pegout_reorg(d, plan, params, world_params, in);
}

}  // namespace models::layer2::planner

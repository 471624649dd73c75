// See stage.hpp.
#include "models/layer2/planner/stage.hpp"

#include <algorithm>

#include "models/bitcoin/tx/tx_builder.hpp"

namespace models::layer2::planner {

namespace {

using bitcoin::policy::Policy;

std::shared_ptr<const Policy> shared(Policy p) {
    return std::make_shared<const Policy>(std::move(p));
}

}  // namespace

bitcoin::policy::Assets Stage::assets(std::vector<bitcoin::KeyId> keys, bitcoin::Height height) const {
    bitcoin::policy::Assets a;
    a.keys.insert(keys.begin(), keys.end());
    a.height = height;
    a.age_blocks = height > confirmed_h ? height - confirmed_h : 0;
    // Heights only: a design's after() locks are heights (the planner starts runs by height).
    a.mtp_s = 0;
    return a;
}

Stage make_stage(const design::Design& d, const Plan& plan, const std::vector<bitcoin::KeyId>& signers,
                 const std::vector<bitcoin::KeyId>& bribed, bitcoin::TxId coin_tx, bitcoin::TxId first_bond_tx) {
    namespace pol = bitcoin::policy;
    Stage s;
    s.symbols = d.symbols;
    const auto& output = d.outputs.at(plan.output);
    s.policy = output.policy;
    s.coin = bitcoin::Outpoint{coin_tx, 0};
    s.coin_out = bitcoin::TxOut{bitcoin::from_btc(output.value_btc), s.policy};
    s.confirmed_h = coin_height;
    s.opens_h = std::max<bitcoin::Height>(coin_height + plan.older_blocks, plan.after + 1);
    const bitcoin::Height lead = plan.rotation_to_censor ? static_cast<bitcoin::Height>(output.rotate_before_blocks) : 0;
    s.rotate_h = plan.rotation_to_censor ? std::max<bitcoin::Height>(coin_height + 1, s.opens_h - std::min(lead, s.opens_h)) : 0;
    // The run starts just before the first block that matters: a rotation, or the path opening;
    // users who can exit see the pending path from the block that confirmed it and race it.
    const bool exits = output.exit_coins > 0 && d.watcher("exit") != nullptr;
    const bitcoin::Height first = plan.rotation_to_censor ? s.rotate_h : exits ? coin_height + 1 : s.opens_h;
    s.start_h = std::max<bitcoin::Height>(coin_height, first - 1);
    s.attacker = s.symbols.key("__adversary");
    s.slasher = s.symbols.key("__slashing_watcher");
    s.exiting_user = s.symbols.key("__exiting_user");
    s.proof = s.symbols.preimage("__theft_proof");
    s.attacker_payout = shared(pol::pk(s.attacker));
    s.unbond_blocks = d.bonds.unbond_blocks;
    bitcoin::TxId next = first_bond_tx;
    for (bitcoin::KeyId k : signers) {
        const double bond = d.holder_of(k).bond_btc;
        if (bond <= 0.0) continue;
        // The holder may take its bond back `unbond_blocks` after it was (re)locked at the run's
        // start; a watcher holding the theft proof (the theft's own witness) may take it at once.
        auto policy = shared(pol::any_of({pol::all_of({pol::pk(k), pol::older(static_cast<std::uint32_t>(s.unbond_blocks))}),
                                          pol::all_of({pol::pk(s.slasher), pol::sha256(s.proof)})}));
        const bool was_bribed = std::find(bribed.begin(), bribed.end(), k) != bribed.end();
        s.bonds.push_back(Bond{k, bitcoin::Outpoint{next++, 0}, bitcoin::TxOut{bitcoin::from_btc(bond), policy}, was_bribed});
    }
    return s;
}

bitcoin::Transaction spend_along(bitcoin::TxId id, const bitcoin::Outpoint& coin, const bitcoin::TxOut& out,
                                 const bitcoin::policy::Assets& assets,
                                 const std::shared_ptr<const bitcoin::policy::Policy>& payout,
                                 const std::function<bitcoin::Sat(bitcoin::Weight)>& fee_for) {
    const auto path = bitcoin::policy::satisfy(*out.policy, assets);
    if (!path) return {};
    const auto build = [&](bitcoin::Sat fee) {
        return bitcoin::TxBuilder(id).spend(coin, out, *path).pay(out.value - fee, payout).build();
    };
    return build(fee_for(build(bitcoin::Sat{0}).weight));
}

bitcoin::Sat replacing_fee(bitcoin::Weight w, double rate_sat_vb, const bitcoin::Outpoint& coin, bitcoin::TxId self,
                           const bitcoin::mempool::Mempool& mempool) {
    bitcoin::Sat needed = bitcoin::FeeRate{rate_sat_vb}.fee_for(w);
    for (const auto& [id, entry] : mempool.entries()) {
        if (id == self) continue;
        const bool conflicts = std::any_of(entry.tx.inputs.begin(), entry.tx.inputs.end(),
                                           [&](const bitcoin::TxIn& in) { return in.prevout == coin; });
        if (!conflicts) continue;
        const bitcoin::Sat by_rule_4 = entry.tx.fee + mempool.options().incremental_relay.fee_for(w);
        const bitcoin::Sat by_rule_6 = bitcoin::FeeRate{entry.tx.fee_rate().sat_vb + 1.0}.fee_for(w);
        needed = std::max({needed, by_rule_4 + bitcoin::Sat{1}, by_rule_6});
    }
    return needed;
}

}  // namespace models::layer2::planner

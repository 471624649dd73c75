// See watchtower.hpp.
#include "models/layer2/lightning/watchtower.hpp"

#include <algorithm>

#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/tx/tx_builder.hpp"
#include "sim/random/distributions.hpp"

namespace models::layer2::lightning {

Watchtower::Watchtower(const WatchtowerParams& p, const adversary::TimeDilationParams& dilation,
                       ChannelKeys& keys, const Channel& channel, sim::RngStream rng)
    : p_(p), dilation_(dilation), keys_(keys), channel_(channel), rng_(rng) {}

std::optional<bitcoin::Height> Watchtower::justice_height(const bitcoin::World& w) const {
    for (bitcoin::TxId id : sent_)
        if (auto h = w.confirmed_at(id)) return h;
    return std::nullopt;
}

void Watchtower::on_block(bitcoin::Height seen, bitcoin::World& world) {
    if (!sim::random::bernoulli(rng_, p_.availability)) return;  // offline for this block
    const auto& revoked = channel_.commitment(false);
    // The tower knows the chain only up to the block it is being shown: a commitment confirmed
    // in a block it has not seen yet (its latency, or an eclipse's time dilation, holds that
    // block back; Riard and Naumenko 2020, §4) does not exist for it.
    const auto confirmed = world.confirmed_at(revoked.id);
    if (!confirmed || *confirmed > seen) return;
    const bitcoin::Outpoint to_local{revoked.id, channel_.m_layout.to_local};
    if (!world.coins().find(to_local)) return;  // decided
    if (current_ == 0 || !world.mempool().contains(current_)) {
        broadcast(current_ == 0 ? p_.fee_rate_sat_vb : rate_, world);  // first, or evicted/replaced
    } else if (p_.fee_policy == "bump") {
        broadcast(rate_ + p_.bump_step_sat_vb, world);
    }
}

void Watchtower::broadcast(double rate, bitcoin::World& world) {
    const auto& revoked = channel_.commitment(false);
    const bitcoin::Outpoint to_local{revoked.id, channel_.m_layout.to_local};
    const bitcoin::TxOut& spent = revoked.outputs[channel_.m_layout.to_local];
    bitcoin::policy::Assets assets;
    assets.keys = {keys_.rev_m};
    assets.height = world.tip_height() + 1;
    const auto path = bitcoin::policy::satisfy(*spent.policy, assets);
    if (!path) return;
    const auto build = [&](bitcoin::Sat fee) {
        return bitcoin::TxBuilder(world.next_txid())
            .spend(to_local, spent, *path)
            .pay(spent.value - fee, payout(keys_, true))
            .build();
    };
    bitcoin::Transaction tx = build(bitcoin::Sat{0});
    const double cap = p_.max_fee_share * static_cast<double>(spent.value.value) /
                       static_cast<double>(tx.weight.vbytes());
    rate = std::min(rate, cap);
    const bitcoin::Sat fee = bitcoin::FeeRate{rate}.fee_for(tx.weight);
    tx.fee = fee;
    tx.outputs.front().value = spent.value - fee;
    if (!world.broadcast(tx).accepted()) return;
    current_ = tx.id;
    rate_ = rate;
    sent_.push_back(tx.id);
    ledger_.add(tx);
}

}  // namespace models::layer2::lightning

// See revoked_broadcaster.hpp.
#include "models/layer2/lightning/revoked_broadcaster.hpp"

#include <algorithm>

#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/tx/tx_builder.hpp"
#include "models/layer2/lightning/fee_bumping.hpp"

namespace models::layer2::lightning {

RevokedBroadcaster::RevokedBroadcaster(const ThiefParams& p, ChannelKeys& keys,
                                       const Channel& channel)
    : p_(p), keys_(keys), channel_(channel) {}

void RevokedBroadcaster::on_start(bitcoin::World& world) {
    sweep_id_ = world.next_txid();
    world.orders().allowed.push_back(sweep_id_);  // pools the thief controls never censor its sweep
    in_mempool_ = broadcast_commitment(keys_, channel_, false, p_.fee_rate_sat_vb, world, ledger_);
}

bitcoin::Sat RevokedBroadcaster::fee_needed(bitcoin::Weight w, const bitcoin::World& world) const {
    // Replacing a pending justice transaction: more absolute fee than it (BIP125 rule 3) plus the
    // incremental relay fee for its own size (rule 4), at a higher fee rate (Core's rule 6).
    const auto& c = channel_.commitment(false);
    const bitcoin::Outpoint to_local{c.id, channel_.m_layout.to_local};
    bitcoin::Sat needed = bitcoin::FeeRate{p_.fee_rate_sat_vb}.fee_for(w);
    for (const auto& [id, e] : world.mempool().entries()) {
        if (id == sweep_id_) continue;
        for (const auto& in : e.tx.inputs)
            if (in.prevout == to_local) {
                const bitcoin::Sat r4 =
                    e.tx.fee + world.mempool().options().incremental_relay.fee_for(w);
                const bitcoin::Sat r6 = bitcoin::FeeRate{e.tx.fee_rate().sat_vb + 1.0}.fee_for(w);
                needed = std::max({needed, r4 + bitcoin::Sat{1}, r6});
            }
    }
    return needed;
}

void RevokedBroadcaster::on_block(bitcoin::Height height, bitcoin::World& world) {
    const auto& c = channel_.commitment(false);
    const auto confirmed = world.confirmed_at(c.id);
    if (!confirmed) {
        if (!world.mempool().contains(c.id))  // evicted or not yet in: try again
            in_mempool_ =
                broadcast_commitment(keys_, channel_, false, p_.fee_rate_sat_vb, world, ledger_);
        return;
    }
    const bitcoin::Outpoint to_local{c.id, channel_.m_layout.to_local};
    const bitcoin::TxOut& spent = c.outputs[channel_.m_layout.to_local];
    const bitcoin::Height valid_from = *confirmed + channel_.spec.to_self_delay_blocks;
    if (!offered_ && p_.bribe_btc > 0.0) {
        world.orders().offers.push_back(
            bitcoin::BribeOffer{to_local, sweep_id_, valid_from, bitcoin::from_btc(p_.bribe_btc)});
        offered_ = true;
    }
    if (swept_ || !world.coins().find(to_local) || height + 1 < valid_from) return;
    bitcoin::policy::Assets assets;
    assets.keys = {keys_.m_delayed};
    assets.height = height + 1;
    assets.age_blocks = height + 1 - *confirmed;
    const auto path = bitcoin::policy::satisfy(*spent.policy, assets);
    if (!path) return;
    const auto build = [&](bitcoin::Sat fee) {
        return bitcoin::TxBuilder(sweep_id_)
            .spend(to_local, spent, *path)
            .pay(spent.value - fee, payout(keys_, false))
            .build();
    };
    const bitcoin::Transaction draft = build(bitcoin::Sat{0});
    const bitcoin::Transaction tx =
        build(std::max(bitcoin::from_btc(p_.bribe_btc), fee_needed(draft.weight, world)));
    if (world.broadcast(tx).accepted()) {
        swept_ = true;
        sweep_fee_ = tx.fee;
        ledger_.add(tx);
    }
}

}  // namespace models::layer2::lightning

// See fee_bumping.hpp.
#include "models/layer2/lightning/fee_bumping.hpp"

#include <algorithm>

#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/tx/tx_builder.hpp"

namespace models::layer2::lightning {

bitcoin::Transaction anchor_child(ChannelKeys& keys, const AnchorSpend& s, bitcoin::World& world) {
    const bitcoin::Transaction& parent = *s.parent;
    const bitcoin::Outpoint anchor{parent.id, s.anchor_index};
    const bitcoin::TxOut& anchor_out = parent.outputs[s.anchor_index];
    bitcoin::policy::Assets assets;
    assets.keys = {s.anchor_key};
    assets.height = world.tip_height() + 1;
    const auto anchor_path = bitcoin::policy::satisfy(*anchor_out.policy, assets);
    // A wallet coin of the party, confirmed before the run, pays the fee.
    const auto own = payout(keys, s.victim);
    const bitcoin::Outpoint coin{world.next_txid(), 0};
    const bitcoin::TxOut wallet{bitcoin::from_btc(0.5), own};
    world.add_coin(coin, wallet, 0);
    const auto wallet_path = bitcoin::policy::satisfy(
        *own, bitcoin::policy::Assets::whenever({s.victim ? keys.v_payout : keys.m_payout}));
    bitcoin::Transaction tx = bitcoin::TxBuilder(world.next_txid())
                                  .version(parent.version)
                                  .spend(anchor, anchor_out, *anchor_path)
                                  .spend(coin, wallet, *wallet_path)
                                  .pay(anchor_out.value + wallet.value, own)
                                  .build();
    if (s.child_vbytes > 0) tx.weight = std::max(tx.weight, bitcoin::from_vbytes(s.child_vbytes));
    bitcoin::Sat fee;
    if (s.child_rate_sat_vb) {
        fee = bitcoin::FeeRate{*s.child_rate_sat_vb}.fee_for(tx.weight);
    } else {
        const bitcoin::Sat package =
            bitcoin::FeeRate{s.package_rate_sat_vb}.fee_for(tx.weight + parent.weight);
        fee = std::max(package - parent.fee, bitcoin::FeeRate{1.0}.fee_for(tx.weight));
    }
    tx.fee = fee;
    tx.outputs.front().value = anchor_out.value + wallet.value - fee;
    return tx;
}

bool broadcast_commitment(ChannelKeys& keys, const Channel& channel, bool of_victim,
                          double fee_rate_sat_vb, bitcoin::World& world, SentLedger& ledger) {
    const bitcoin::Transaction& c = channel.commitment(of_victim);
    const CommitmentLayout& layout = channel.layout(of_victim);
    if (channel.spec.format == CommitmentFormat::legacy) {
        if (!world.broadcast(c).accepted()) return false;
        ledger.add(c);
        return true;
    }
    AnchorSpend s;
    s.parent = &c;
    s.anchor_index = static_cast<std::uint32_t>(layout.own_anchor);
    s.anchor_key = of_victim ? keys.v_anchor : keys.m_anchor;
    s.victim = of_victim;
    s.package_rate_sat_vb = fee_rate_sat_vb;
    const bool alone =
        channel.spec.format == CommitmentFormat::anchors && c.fee_rate().sat_vb >= fee_rate_sat_vb;
    if (alone || channel.spec.format == CommitmentFormat::anchors) {
        if (world.broadcast(c).accepted()) {
            ledger.add(c);
            if (alone) return true;
            const bitcoin::Transaction child = anchor_child(keys, s, world);
            if (world.broadcast(child).accepted()) ledger.add(child);
            return true;
        }
    }
    const bitcoin::Transaction child = anchor_child(keys, s, world);
    if (!world.broadcast_package(c, child).accepted()) return false;
    ledger.add(c);
    ledger.add(child);
    return true;
}

}  // namespace models::layer2::lightning

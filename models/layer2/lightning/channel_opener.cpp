// See channel_opener.hpp.
#include "models/layer2/lightning/channel_opener.hpp"

#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/tx/tx_builder.hpp"

namespace models::layer2::lightning {

ChannelOpener::ChannelOpener(ChannelKeys& keys, std::int64_t channels, bitcoin::Sat capacity,
                             double fee_rate_sat_vb)
    : keys_(keys), fee_rate_sat_vb_(fee_rate_sat_vb), capacity_(capacity) {
    funding_.resize(static_cast<std::size_t>(channels));
    sent_at_s_.assign(funding_.size(), -1.0);
}

void ChannelOpener::on_start(bitcoin::World& world) {
    const PolicyPtr own = payout(keys_, false);
    const PolicyPtr funding = keys_.policy("and(pk(V_funding), pk(M_funding))");
    const auto path =
        bitcoin::policy::satisfy(*own, bitcoin::policy::Assets::whenever({keys_.m_payout}));
    for (std::size_t i = 0; i < funding_.size(); ++i) {
        // A coin of the adversary's wallet, confirmed before the run, larger than the channel by
        // a round change amount.
        const bitcoin::Outpoint coin{world.next_txid(), 0};
        const bitcoin::TxOut held{capacity_ + bitcoin::from_btc(0.01), own};
        world.add_coin(coin, held, 0);
        bitcoin::Transaction tx = bitcoin::TxBuilder(world.next_txid())
                                      .spend(coin, held, *path)
                                      .pay(capacity_, funding)
                                      .pay(held.value - capacity_, own)
                                      .build();
        tx.fee = bitcoin::FeeRate{fee_rate_sat_vb_}.fee_for(tx.weight);
        tx.outputs.back().value = held.value - capacity_ - tx.fee;
        funding_[i] = std::move(tx);
        send(i, world);
    }
}

void ChannelOpener::on_block(bitcoin::Height, bitcoin::World& world) {
    for (std::size_t i = 0; i < funding_.size(); ++i)
        if (!world.confirmed_at(funding_[i].id) && !world.mempool().contains(funding_[i].id))
            send(i, world);
}

void ChannelOpener::send(std::size_t i, bitcoin::World& world) {
    if (!world.broadcast(funding_[i]).accepted()) return;
    if (sent_at_s_[i] < 0.0) {
        sent_at_s_[i] = world.now_s();
        ledger_.add(funding_[i]);
    }
}

std::uint64_t ChannelOpener::channels_opened(const bitcoin::World& w) const {
    std::uint64_t n = 0;
    for (const auto& tx : funding_)
        if (w.confirmed_at(tx.id)) ++n;
    return n;
}

double ChannelOpener::capital_btc_s(double now_s) const {
    double total = 0.0;
    for (double t : sent_at_s_)
        if (t >= 0.0) total += capacity_.btc() * (now_s - t);
    return total;
}

}  // namespace models::layer2::lightning

// See congest.hpp.
#include "models/adversary/congest.hpp"

#include "models/bitcoin/policy/satisfy.hpp"
#include "models/bitcoin/tx/tx_builder.hpp"

namespace models::adversary {

Congest::Congest(const CongestParams& params, const layer2::DisputeSetup& dispute)
    : params_(params), dispute_(dispute), own_(dispute.adversary_payout) {}

void Congest::on_block(bitcoin::Height, bitcoin::World& world) {
    if (world.coins().find(dispute_.contested) == nullptr) return;  // decided: stop spending
    top_up(world);
}

void Congest::top_up(bitcoin::World& world) {
    if (params_.fee_rate_sat_vb <= 0.0) return;
    std::int64_t pending = 0;
    for (const auto& tx : sent_)
        if (world.mempool().contains(tx.id)) pending += tx.weight.vbytes();
    const auto path = bitcoin::policy::satisfy(*own_, bitcoin::policy::Assets::whenever({dispute_.adversary_key}));
    while (pending < params_.vbytes_per_block) {
        // A fresh coin of the adversary's, funded before the run; one filler spends it.
        const bitcoin::Outpoint coin{world.next_txid(), 0};
        const bitcoin::TxOut funding{bitcoin::from_btc(1.0), own_};
        world.add_coin(coin, funding, 0);
        bitcoin::TxBuilder b(world.next_txid());
        b.spend(coin, funding, *path);
        // Pad to the filler size with outputs (43 vbytes each) so the transaction has real weight.
        const std::int64_t outputs = std::max<std::int64_t>(1, params_.filler_vbytes / bitcoin::output_bytes);
        const bitcoin::Sat fee = bitcoin::FeeRate{params_.fee_rate_sat_vb}.fee_for(bitcoin::from_vbytes(params_.filler_vbytes));
        const bitcoin::Sat each{(funding.value - fee).value / outputs};
        for (std::int64_t i = 0; i < outputs; ++i) b.pay(each, own_);
        bitcoin::Transaction tx = b.build();
        if (!world.broadcast(tx).accepted()) break;  // below the mempool's floor: more would not help
        pending += tx.weight.vbytes();
        sent_.push_back(std::move(tx));
    }
}

bitcoin::Sat Congest::fees_confirmed(const bitcoin::World& world) const {
    bitcoin::Sat total;
    for (const auto& tx : sent_)
        if (world.confirmed_at(tx.id)) total += tx.fee;
    return total;
}

std::int64_t Congest::vbytes_confirmed(const bitcoin::World& world) const {
    std::int64_t total = 0;
    for (const auto& tx : sent_)
        if (world.confirmed_at(tx.id)) total += tx.weight.vbytes();
    return total;
}

}  // namespace models::adversary

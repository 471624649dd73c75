// See timelocked_sweep.hpp.
#include "models/adversary/timelocked_sweep.hpp"

#include <algorithm>
#include <cmath>

namespace models::adversary {

TimelockedSweep::TimelockedSweep(const TimelockedSweepParams& params, const layer2::DisputeSetup& dispute,
                                 std::uint32_t window_blocks)
    : params_(params), dispute_(dispute), window_blocks_(window_blocks) {}

void TimelockedSweep::on_start(bitcoin::World& world) {
    id_ = world.next_txid();
    world.orders().allowed.push_back(id_);
    if (params_.bribe_btc > 0.0)
        world.orders().offers.push_back(
            bitcoin::BribeOffer{dispute_.contested, id_, window_blocks_, bitcoin::from_btc(params_.bribe_btc)});
}

bitcoin::Sat TimelockedSweep::fee_needed(bitcoin::Weight w, const bitcoin::World& world) const {
    // Replacing a pending honest claim: more absolute fee than it (rule 3), plus the incremental
    // relay fee for its own size (rule 4), at a higher feerate (Core's rule 6).
    bitcoin::Sat needed = bitcoin::FeeRate{params_.fee_rate_sat_vb}.fee_for(w);
    for (const auto& [id, entry] : world.mempool().entries()) {
        const bool conflicts = std::any_of(entry.tx.inputs.begin(), entry.tx.inputs.end(),
                                           [&](const bitcoin::TxIn& in) { return in.prevout == dispute_.contested; });
        if (!conflicts || id == id_) continue;
        const bitcoin::Sat by_rule_4 = entry.tx.fee + world.mempool().options().incremental_relay.fee_for(w);
        const bitcoin::Sat by_rule_6 = bitcoin::FeeRate{entry.tx.fee_rate().sat_vb + 1.0}.fee_for(w);
        needed = std::max({needed, by_rule_4 + bitcoin::Sat{1}, by_rule_6});
    }
    return needed;
}

void TimelockedSweep::on_block(bitcoin::Height height, bitcoin::World& world) {
    if (sent_ || world.coins().find(dispute_.contested) == nullptr) return;
    if (height + 1 < window_blocks_) return;  // not final in the next block yet (BIP68)
    const auto tx = layer2::make_claim(id_, dispute_, false, height + 1, [&](bitcoin::Weight w) {
        return std::max(bitcoin::from_btc(params_.bribe_btc), fee_needed(w, world));
    });
    if (tx.inputs.empty()) return;
    if (world.broadcast(tx).accepted()) {
        sent_ = true;
        fee_ = tx.fee;
    }
}

}  // namespace models::adversary

// See claimant.hpp.
#include "models/layer2/roles/claimant.hpp"

#include <algorithm>
#include <cmath>


namespace models::layer2 {


Claimant::Claimant(const ClaimantParams& params, const DisputeSetup& dispute, std::uint32_t claim_delay_blocks)
    : params_(params), dispute_(dispute), delay_blocks_(claim_delay_blocks) {}

void Claimant::on_start(bitcoin::World& world) {
    // Valid in block 1 already when the CSV is 0 or 1 (BIP68: confirmed at 0, 0 + 1 <= 1); no
    // block sighting precedes block 1, so the claim must go out now or it misses that block.
    if (delay_blocks_ <= 1) broadcast(params_.fee_rate_sat_vb, world);
}

void Claimant::on_block(bitcoin::Height height, bitcoin::World& world) {
    if (confirmed(world) || world.coins().find(dispute_.contested) == nullptr) return;  // decided
    if (height + 1 < delay_blocks_) return;  // the claim path is not valid in the next block yet
    if (current_ == 0) {
        broadcast(params_.fee_rate_sat_vb, world);
    } else if (params_.fee_policy == "bump" && !world.mempool().contains(current_) ) {
        broadcast(current_rate_, world);  // evicted or replaced by someone else: try again
    } else if (params_.fee_policy == "bump") {
        broadcast(std::min(current_rate_ + params_.bump_step_sat_vb, params_.max_fee_rate_sat_vb), world);
    } else if (!world.mempool().contains(current_)) {
        broadcast(current_rate_, world);  // a fixed-fee claim is rebroadcast as it is
    }
}

void Claimant::broadcast(double fee_rate_sat_vb, bitcoin::World& world) {
    if (current_ != 0 && fee_rate_sat_vb <= current_rate_ && world.mempool().contains(current_)) return;
    const bitcoin::TxId id = world.next_txid();
    const auto tx = make_claim(id, dispute_, true, world.tip_height() + 1,
                               [&](bitcoin::Weight w) { return bitcoin::FeeRate{fee_rate_sat_vb}.fee_for(w); });
    if (tx.inputs.empty()) return;
    const auto r = world.broadcast(tx);
    if (!r.accepted()) return;
    if (current_ != 0) ++replacements_;
    current_ = id;
    current_rate_ = fee_rate_sat_vb;
    sent_.emplace_back(id, tx.fee);
}

std::optional<bitcoin::TxId> Claimant::confirmed(const bitcoin::World& world) const {
    for (const auto& [id, fee] : sent_)
        if (world.confirmed_at(id)) return id;
    return std::nullopt;
}

bitcoin::Sat Claimant::fee_of(bitcoin::TxId id) const {
    for (const auto& [sent, fee] : sent_)
        if (sent == id) return fee;
    return bitcoin::Sat{};
}

}  // namespace models::layer2

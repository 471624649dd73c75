// See rotator.hpp.
#include "models/layer2/roles/rotator.hpp"

#include <algorithm>

namespace models::layer2::roles {

Rotator::Rotator(const design::Watcher& watcher, const planner::Stage& stage, std::vector<bitcoin::KeyId> honest_keys)
    : watcher_(watcher), stage_(stage), honest_(std::move(honest_keys)) {}

void Rotator::act(bitcoin::Height tip, bitcoin::World& world) {
    if (stage_.rotate_h == 0 || world.coins().find(stage_.coin) == nullptr) return;  // nothing to rotate
    if (tip + 1 < stage_.rotate_h) return;
    if (current_ == 0 || !world.mempool().contains(current_)) broadcast(current_ == 0 ? watcher_.fee_rate_sat_vb : rate_, world);
    else if (watcher_.fee_policy == "bump")
        broadcast(std::min(rate_ + watcher_.bump_step_sat_vb, watcher_.max_fee_rate_sat_vb), world);
}

void Rotator::broadcast(double rate, bitcoin::World& world) {
    if (current_ != 0 && rate <= rate_ && world.mempool().contains(current_)) return;
    const bitcoin::TxId id = world.next_txid();
    const auto tx = planner::spend_along(id, stage_.coin, stage_.coin_out, stage_.assets(honest_, world.tip_height() + 1),
                                         stage_.policy, [&](bitcoin::Weight w) { return bitcoin::FeeRate{rate}.fee_for(w); });
    if (tx.inputs.empty()) return;  // too few honest keys: the coin cannot be rotated
    if (!world.broadcast(tx).accepted()) return;
    current_ = id;
    rate_ = rate;
    sent_.emplace_back(id, tx.fee);
}

std::optional<bitcoin::TxId> Rotator::confirmed(const bitcoin::World& world) const {
    for (const auto& [id, fee] : sent_)
        if (world.confirmed_at(id)) return id;
    return std::nullopt;
}

bitcoin::Sat Rotator::fees_paid(const bitcoin::World& world) const {
    const auto id = confirmed(world);
    for (const auto& [sent, fee] : sent_)
        if (id && sent == *id) return fee;
    return bitcoin::Sat{0};
}

}  // namespace models::layer2::roles

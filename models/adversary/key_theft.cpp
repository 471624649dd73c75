// See key_theft.hpp.
#include "models/adversary/key_theft.hpp"

#include <algorithm>

#include "models/bitcoin/policy/satisfy.hpp"

namespace models::adversary {

KeyTheft::KeyTheft(const layer2::planner::Stage& stage, std::vector<bitcoin::KeyId> keys, double fee_rate_sat_vb,
                   bitcoin::Sat bribe)
    : stage_(stage), keys_(std::move(keys)), fee_rate_(fee_rate_sat_vb), bribe_(bribe), withdrawing_(stage.bonds.size(), 0) {}

void KeyTheft::on_start(bitcoin::World& world) {
    id_ = world.next_txid();
    world.orders().allowed.push_back(id_);
    try_theft(world);
}

void KeyTheft::on_block(bitcoin::Height, bitcoin::World& world) {
    try_theft(world);
    try_withdrawals(world);
}

void KeyTheft::try_theft(bitcoin::World& world) {
    if (world.coins().find(stage_.coin) == nullptr) return;  // rotated away, or already taken
    if (sent_ && world.mempool().contains(id_)) return;
    const auto assets = stage_.assets(keys_, world.tip_height() + 1);
    const auto path = bitcoin::policy::satisfy(*stage_.policy, assets);
    if (!path) return;  // not valid in the next block yet
    const auto tx = layer2::planner::spend_along(id_, stage_.coin, stage_.coin_out, assets, stage_.attacker_payout,
                                                 [&](bitcoin::Weight w) {
                                                     return layer2::planner::replacing_fee(w, fee_rate_, stage_.coin, id_,
                                                                                           world.mempool()) +
                                                            bribe_;
                                                 });
    if (tx.inputs.empty() || !world.broadcast(tx).accepted()) return;
    sent_ = true;
    signers_ = path->keys;
    spends_.emplace_back(id_, tx.fee - bribe_);
}

void KeyTheft::try_withdrawals(bitcoin::World& world) {
    for (std::size_t i = 0; i < stage_.bonds.size(); ++i) {
        const auto& b = stage_.bonds[i];
        if (!b.bribed || world.coins().find(b.coin) == nullptr) continue;
        if (withdrawing_[i] != 0 && world.mempool().contains(withdrawing_[i])) continue;  // pending
        // The bond was relocked when the run started; its age counts from then (BIP68).
        bitcoin::policy::Assets a;
        a.keys = {b.key};
        a.height = world.tip_height() + 1;
        a.age_blocks = a.height - stage_.start_h;
        const bitcoin::TxId id = world.next_txid();
        world.orders().allowed.push_back(id);
        const auto tx = layer2::planner::spend_along(id, b.coin, b.out, a, stage_.attacker_payout, [&](bitcoin::Weight w) {
            return layer2::planner::replacing_fee(w, fee_rate_, b.coin, id, world.mempool());
        });
        if (tx.inputs.empty() || !world.broadcast(tx).accepted()) continue;
        withdrawing_[i] = id;
        spends_.emplace_back(id, tx.fee);
    }
}

bitcoin::Sat KeyTheft::bribe_paid(const bitcoin::World& world) const {
    return sent_ && world.confirmed_at(id_) ? bribe_ : bitcoin::Sat{0};
}

bitcoin::Sat KeyTheft::fees_confirmed(const bitcoin::World& world) const {
    bitcoin::Sat total{0};
    for (const auto& [id, fee] : spends_)
        if (world.confirmed_at(id)) total += fee;
    return total;
}

}  // namespace models::adversary

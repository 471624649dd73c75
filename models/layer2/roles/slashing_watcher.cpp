// See slashing_watcher.hpp.
#include "models/layer2/roles/slashing_watcher.hpp"

#include <algorithm>

namespace models::layer2::roles {

SlashingWatcher::SlashingWatcher(const design::Watcher& watcher, const planner::Stage& stage)
    : watcher_(watcher), stage_(stage), current_(stage.bonds.size(), 0), rate_(stage.bonds.size(), 0.0),
      sent_(stage.bonds.size()) {}

void SlashingWatcher::watch_for(bitcoin::TxId theft, std::vector<bitcoin::KeyId> signers) {
    theft_ = theft;
    signers_ = std::move(signers);
}

void SlashingWatcher::on_block(bitcoin::Height, bitcoin::World& world) {
    if (theft_ == 0 || !world.confirmed_at(theft_)) return;
    for (std::size_t i = 0; i < stage_.bonds.size(); ++i) {
        const planner::Bond& b = stage_.bonds[i];
        if (std::find(signers_.begin(), signers_.end(), b.key) == signers_.end()) continue;
        if (world.coins().find(b.coin) == nullptr) continue;  // slashed or withdrawn already
        const bool pending = current_[i] != 0 && world.mempool().contains(current_[i]);
        const bool bump = watcher_.fee_policy == "bump";
        if (pending && !bump) continue;
        const double rate = !pending ? std::max(rate_[i], watcher_.fee_rate_sat_vb)
                                     : std::min(rate_[i] + watcher_.bump_step_sat_vb, watcher_.max_fee_rate_sat_vb);
        if (pending && rate <= rate_[i]) continue;
        bitcoin::policy::Assets a = stage_.assets({stage_.slasher}, world.tip_height() + 1);
        a.preimages.insert(stage_.proof);
        const bitcoin::TxId id = world.next_txid();
        // A fixed-fee slash is presigned at its rate and cannot outbid a withdrawal in the
        // mempool; a bumping watcher pays what replacing it takes (BIP125), within its cap.
        const auto tx = planner::spend_along(id, b.coin, b.out, a, b.out.policy, [&](bitcoin::Weight w) {
            if (!bump) return bitcoin::FeeRate{rate}.fee_for(w);
            return std::min(planner::replacing_fee(w, rate, b.coin, id, world.mempool()),
                            bitcoin::FeeRate{watcher_.max_fee_rate_sat_vb}.fee_for(w));
        });
        if (tx.inputs.empty() || !world.broadcast(tx).accepted()) continue;
        current_[i] = id;
        rate_[i] = rate;
        sent_[i].push_back(id);
    }
}

bitcoin::Sat SlashingWatcher::slashed(const bitcoin::World& world, bool bribed_only) const {
    bitcoin::Sat total{0};
    for (std::size_t i = 0; i < stage_.bonds.size(); ++i) {
        if (bribed_only && !stage_.bonds[i].bribed) continue;
        for (bitcoin::TxId id : sent_[i])
            if (world.confirmed_at(id)) total = total + stage_.bonds[i].out.value;
    }
    return total;
}

}  // namespace models::layer2::roles

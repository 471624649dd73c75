// See majority_reorg.hpp.
#include "models/attacks/majority_reorg.hpp"

namespace models::attacks {

MajorityReorg::MajorityReorg(const BitcoinParams& p, RaceWorld& w)
    : deficit_(static_cast<std::uint32_t>(p.attacker.give_up_deficit)) {
    // The d blocks to be replaced already exist when the attack starts.
    for (std::int64_t i = 0; i < p.attacker.reorg_depth_blocks; ++i)
        w.honest.consider(w.store.add(w.honest.tip(), 0, 0.0, false, false));
}

void MajorityReorg::on_attacker_block(BlockId b, RaceWorld& w) {
    private_tip_ = b;
    check(w);
}

void MajorityReorg::on_honest_block(BlockId, RaceWorld& w) { check(w); }

void MajorityReorg::check(RaceWorld& w) {
    const auto h = w.honest.height(), a = w.store[private_tip_].height;
    if (a > h) {
        w.publish(private_tip_);
        result_ = {true, w.now_s, result_.tx_confirm_block, w.now_s};
        finished_ = true;
    } else if (h >= a + deficit_) {
        result_.attack_duration_s = w.now_s;
        finished_ = true;
    }
}

}  // namespace models::attacks

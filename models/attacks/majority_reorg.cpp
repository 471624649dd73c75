// See majority_reorg.hpp.
#include "models/attacks/majority_reorg.hpp"

namespace models::attacks {

MajorityReorg::MajorityReorg(const BitcoinParams& p, RaceWorld& w)
    : DoubleSpend(0, static_cast<std::uint32_t>(p.attacker.give_up_deficit), true) {
    // The d blocks to be replaced already exist when the attack starts.
    for (std::int64_t i = 0; i < p.attacker.reorg_depth_blocks; ++i)
        w.honest.consider(w.store.add(w.honest.tip(), 0, 0.0, false, false));
}

}  // namespace models::attacks

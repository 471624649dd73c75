// See drivechain.hpp.
#include "models/layer2/drivechain.hpp"

#include <algorithm>

namespace models::layer2 {

VoteResult HashrateEscrow::vote(double support, int against, sim::RngStream& rng) const {
    VoteResult r;
    long count = 0;
    const auto window = static_cast<int>(p_.window_blocks);
    for (r.blocks = 1; r.blocks <= window; ++r.blocks) {
        const bool ack = rng.uniform01() < support;
        r.attacker_blocks += ack;
        count = std::max(0L, count + (ack ? 1 : against));
        if (count >= p_.ack_required) {
            r.passed = true;
            return r;
        }
    }
    r.blocks = window;
    return r;
}

}  // namespace models::layer2

// Censorship by pools the adversary controls: from the start of the dispute, the largest
// template-controlling entities, taken in order until their shares reach `hash_share`, leave every
// spend of the contested output out of their templates except the adversary's own. No block is
// orphaned: honest pools still include the claim when they find a block (forking the claim away
// is another primitive). Over a window of k blocks the claim misses every block with probability
// (controlled share)^k, the closed form this primitive's limit test compares with.
#pragma once

#include "models/bitcoin/world/world.hpp"
#include "models/layer2/dispute/dispute_setup.hpp"
#include "sim/params/field.hpp"

namespace models::adversary {

struct CensorParams {
    double hash_share = 0.0;

    template <class V>
    void describe(V& v) {
        v.field("hash_share", hash_share, "1",
                "share of hash (largest pools first) that censors the honest claim (0: off)", sim::in_range(0.0, 1.0));
    }
};

class Censor {
public:
    Censor(const CensorParams& params, const layer2::DisputeSetup& dispute) : params_(params), dispute_(dispute) {}

    double latency_s() const { return 0.0; }
    void on_start(bitcoin::World& world);
    void on_block(bitcoin::Height, bitcoin::World&) {}
    /// The hash share the controlled pools hold (at least hash_share, by whole pools).
    double controlled_share() const { return controlled_share_; }

private:
    CensorParams params_;
    const layer2::DisputeSetup& dispute_;
    double controlled_share_ = 0.0;
};

}  // namespace models::adversary

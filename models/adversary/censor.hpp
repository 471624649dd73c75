// Censorship by pools the adversary controls: from the start of the dispute, the largest
// template-controlling entities, taken in order until their shares reach `hash_share`, leave every
// spend of the contested output out of their templates except the adversary's own. How the
// coalition treats blocks other pools find is its `strategy` (mining/fork_policy.hpp):
// - withhold: it only leaves the claim out; honest pools include it when they find a block.
//   Over a window of k blocks the claim misses every block with probability alpha^k.
// - feather_fork (Miller 2013): it refuses to build on a block that confirms the claim and forks
//   from its parent until that block has more than `feather_fork_depth_blocks` confirmations; the
//   race world's closed form is censored_unconfirmed(alpha, depth, k) (attacks/closed_forms.hpp).
// - private_race: from the window's first block it mines an unpublished chain without the claim
//   and publishes it once it covers the window and is strictly longer; it gives up at the deficit
//   that costs it at most 1e-6 of success (attacks/strongest_censor.hpp); closed form
//   censor_private_race(alpha, k).
// - strongest: the one of the two fork strategies whose closed form is higher for this share,
//   depth and window (attacks/strongest_censor.hpp; the closed forms only pick, both are
//   simulated).
#pragma once

#include <cstdint>
#include <string>

#include "models/bitcoin/world/world.hpp"
#include "models/layer2/dispute/dispute_setup.hpp"
#include "sim/params/field.hpp"

namespace models::adversary {

struct CensorParams {
    double hash_share = 0.0;
    std::string strategy = "withhold";
    std::int64_t feather_fork_depth_blocks = 6;

    template <class V>
    void describe(V& v) {
        v.field("hash_share", hash_share, "1",
                "share of hash (largest pools first) that censors the honest claim (0: off)",
                sim::in_range(0.0, 1.0));
        v.field("strategy", strategy, "-",
                "withhold (leave the claim out of own blocks), feather_fork (orphan blocks that "
                "confirm it, "
                "Miller 2013), private_race (a private chain over the window), strongest (the "
                "better fork "
                "strategy by its closed form)",
                sim::one_of({"withhold", "feather_fork", "private_race", "strongest"}));
        v.field("feather_fork_depth_blocks", feather_fork_depth_blocks, "blocks",
                "feather_fork: keep forking a block that confirms the claim until it has more than "
                "this many "
                "confirmations",
                sim::in_range(1, 1000));
    }
};

/// The heights that bound the dispute's window: the claim can first confirm in the block after
/// `first_tip_height`; the adversary's own path opens in the block after `last_tip_height`.
struct CensorWindow {
    bitcoin::Height first_tip_height = 0;
    bitcoin::Height last_tip_height = 0;
};

class Censor {
public:
    Censor(const CensorParams& params, const layer2::DisputeSetup& dispute)
        : params_(params), dispute_(dispute) {}
    Censor(const CensorParams& params, const layer2::DisputeSetup& dispute, CensorWindow window)
        : params_(params), dispute_(dispute), window_(window) {}

    double latency_s() const { return 0.0; }
    void on_start(bitcoin::World& world);
    void on_block(bitcoin::Height, bitcoin::World&) {}
    /// Places the window once its heights are known (a Lightning justice window opens when the
    /// revoked commitment confirms): re-issues the fork orders for it. Construct with a window of
    /// the right length placed beyond the horizon so that `strongest` chooses and no race starts
    /// before this call.
    void open_window(CensorWindow window, bitcoin::World& world);
    /// The hash share the controlled pools hold (at least hash_share, by whole pools).
    double controlled_share() const { return controlled_share_; }
    /// The fork strategy it plays ("withhold" when it forks nothing).
    std::string played_strategy() const;

private:
    void order_forks(bitcoin::World& world) const;

    CensorParams params_;
    const layer2::DisputeSetup& dispute_;
    CensorWindow window_;
    double controlled_share_ = 0.0;
};

}  // namespace models::adversary

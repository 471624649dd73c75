// See graph_responder.hpp.
#include "models/layer2/roles/graph_responder.hpp"

#include <algorithm>

namespace models::layer2::roles {

GraphResponder::GraphResponder(const design::Responder& config, planner::GraphStage& stage,
                               bool has_honest_holder)
    : config_(config), stage_(stage), active_(has_honest_holder) {
    const auto& txs = stage.design().graph.txs;
    for (std::size_t i = 0; i < txs.size(); ++i)
        if (!txs[i].steals && std::find(txs[i].broadcast_by.begin(), txs[i].broadcast_by.end(),
                                        config.agent) != txs[i].broadcast_by.end())
            txs_.push_back(i);
}

void GraphResponder::act(bitcoin::World& world) {
    if (!active_) return;
    if (world.tip_height() + 1 < stage_.funding_height() + config_.start_after_blocks) return;
    for (std::size_t i : txs_) {
        if (stage_.confirmed(i, world) || !stage_.ready(i, world)) continue;
        const double last = stage_.last_rate(i);
        const bool bump = config_.fee_policy == "bump";
        if (stage_.pending(i, world)) {
            // Still waiting after a block: re-bid if the policy allows it.
            if (bump && last < config_.max_fee_rate_sat_vb)
                stage_.broadcast(
                    i, std::min(last + config_.bump_step_sat_vb, config_.max_fee_rate_sat_vb), true,
                    config_.max_fee_rate_sat_vb, world);
            continue;
        }
        // Not sent yet, or replaced by a conflicting spend: send (again). A fixed bid never rises.
        const double rate = last == 0.0 || !bump ? config_.fee_rate_sat_vb
                                                 : std::min(last + config_.bump_step_sat_vb,
                                                            config_.max_fee_rate_sat_vb);
        stage_.broadcast(i, rate, bump,
                         bump ? config_.max_fee_rate_sat_vb : config_.fee_rate_sat_vb, world);
    }
}

}  // namespace models::layer2::roles

// See graph_path.hpp.
#include "models/adversary/graph_path.hpp"

namespace models::adversary {

GraphPath::GraphPath(layer2::planner::GraphStage& stage, std::vector<std::size_t> path,
                     double fee_rate_sat_vb)
    : stage_(stage), path_(std::move(path)), fee_rate_(fee_rate_sat_vb) {}

void GraphPath::act(bitcoin::World& world) {
    for (std::size_t i : path_) {
        if (stage_.confirmed(i, world) || stage_.pending(i, world) || !stage_.ready(i, world))
            continue;
        // The loot pays for any fee war: no cap below the outputs' value.
        if (!stage_.broadcast(i, fee_rate_, true, 1e7, world)) continue;
        if (const auto id = stage_.pending(i, world))
            world.orders().allowed.push_back(*id);  // never censored
    }
}

bool GraphPath::succeeded(const bitcoin::World& world) const {
    return stage_.confirmed(path_.back(), world).has_value();
}

bool GraphPath::still_possible(const bitcoin::World& world) const {
    const auto& txs = stage_.design().graph.txs;
    for (std::size_t i : path_) {
        if (stage_.confirmed(i, world)) continue;
        for (const auto& r : txs[i].spends) {
            // An input whose parent confirmed (or a design coin) but is no longer unspent was
            // taken by a transaction off the path: a response won.
            const auto op = stage_.outpoint(r, world);
            if (op && world.coins().find(*op) == nullptr) return false;
        }
    }
    return true;
}

bitcoin::Sat GraphPath::fees_confirmed(const bitcoin::World& world) const {
    bitcoin::Sat total;
    for (std::size_t i : path_) total += stage_.confirmed_fee(i, world);
    return total;
}

}  // namespace models::adversary

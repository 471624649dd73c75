// The adversary walking a path of presigned transactions to a theft (planner/graph_plan.hpp): each
// path transaction is broadcast as soon as it could confirm in the next block, at the planner's
// fee rate or whatever replacing a pending honest response needs (BIP125 rules 3, 4 and Core's
// rule 6), and re-broadcast after every block in which a response replaced it. It sees blocks at
// once (latency 0). Its transactions are exempt from the censorship it orders.
#pragma once

#include <vector>

#include "models/bitcoin/world/world.hpp"
#include "models/layer2/planner/graph_stage.hpp"

namespace models::adversary {

class GraphPath {
public:
    GraphPath(layer2::planner::GraphStage& stage, std::vector<std::size_t> path,
              double fee_rate_sat_vb);

    double latency_s() const { return 0.0; }
    void on_start(bitcoin::World& world) { act(world); }
    void on_block(bitcoin::World& world) { act(world); }

    /// The theft (the path's last tx) confirmed.
    bool succeeded(const bitcoin::World& world) const;
    /// False once some other transaction confirmed spending an output the path needs.
    bool still_possible(const bitcoin::World& world) const;
    /// Fees of the path's confirmed transactions.
    bitcoin::Sat fees_confirmed(const bitcoin::World& world) const;

private:
    void act(bitcoin::World& world);

    layer2::planner::GraphStage& stage_;
    std::vector<std::size_t> path_;
    double fee_rate_;
};

}  // namespace models::adversary

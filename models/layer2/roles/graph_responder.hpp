// An honest agent class answering on a presigned transaction graph (design/graph.hpp: BitVM2's
// challengers and verifiers, Clementine's watchtowers, a statechain's current owner, Babylon's
// slashing watchers, an Ark user exiting): it broadcasts every graph transaction its class holds
// that is not a theft, as soon as the transaction could confirm in the next block, `latency_s`
// after the block that made it so. With fee policy "bump" it re-bids by a step after every block
// that missed it, replacing its own version or whatever took its place (BIP125), up to its cap;
// with "fixed" it only re-sends its first bid. It acts only while at least one of its keys is
// held by a reachable holder who took no bribe (1-of-n honesty), and never asks whether anyone
// attacks.
#pragma once

#include <vector>

#include "models/bitcoin/world/world.hpp"
#include "models/layer2/design/graph.hpp"
#include "models/layer2/planner/graph_stage.hpp"

namespace models::layer2::roles {

class GraphResponder {
public:
    GraphResponder(const design::Responder& config, planner::GraphStage& stage,
                   bool has_honest_holder);

    double latency_s() const { return config_.latency_s; }
    void on_start(bitcoin::AgentIndex self, bitcoin::World& world) {
        world.wake(self, config_.latency_s, 0);
    }
    void on_wake(bitcoin::World& world) { act(world); }
    void on_block(bitcoin::World& world) { act(world); }

private:
    void act(bitcoin::World& world);

    const design::Responder& config_;
    planner::GraphStage& stage_;
    bool active_;
    std::vector<std::size_t> txs_;  ///< graph txs its class broadcasts
};

}  // namespace models::layer2::roles

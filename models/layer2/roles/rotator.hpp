// The custodians' coin rotation: before a coin's timelocked recovery path opens, the honest
// keyholders (reachable and not bribed) re-spend it to a fresh output under the same policy, so
// the recovery path never opens while they are live (Liquid's functionaries move peg UTXOs before
// the emergency CSV matures; Blockstream, "Liquid federation" docs). The rotation is broadcast
// `latency_s` after the block that makes it due; with fee policy "bump" it is re-bid after every
// block that missed it (BIP125), up to a cap. It never asks whether anyone attacks.
#pragma once

#include <optional>
#include <vector>

#include "models/bitcoin/world/world.hpp"
#include "models/layer2/design/design.hpp"
#include "models/layer2/planner/stage.hpp"

namespace models::layer2::roles {

class Rotator {
public:
    Rotator(const design::Watcher& watcher, const planner::Stage& stage, std::vector<bitcoin::KeyId> honest_keys);

    double latency_s() const { return watcher_.latency_s; }
    /// The run starts with the tip the federation has just seen: it acts after its latency.
    void on_start(bitcoin::AgentIndex self, bitcoin::World& world) { world.wake(self, watcher_.latency_s, 0); }
    void on_wake(bitcoin::World& world) { act(world.tip_height(), world); }
    void on_block(bitcoin::Height height, bitcoin::World& world) { act(height, world); }

    /// The rotation that confirmed, if any.
    std::optional<bitcoin::TxId> confirmed(const bitcoin::World& world) const;
    bitcoin::Sat fees_paid(const bitcoin::World& world) const;

private:
    void act(bitcoin::Height tip, bitcoin::World& world);
    void broadcast(double rate, bitcoin::World& world);

    const design::Watcher& watcher_;
    const planner::Stage& stage_;
    std::vector<bitcoin::KeyId> honest_;
    std::vector<std::pair<bitcoin::TxId, bitcoin::Sat>> sent_;
    bitcoin::TxId current_ = 0;
    double rate_ = 0.0;
};

}  // namespace models::layer2::roles

// The attacker's node in the peer-to-peer network, as a selfish strategy sees it. The strategies of
// models/attacks/ read the same three things in the race world (RaceWorld: store, honest,
// publish), so one strategy class plays in both: here `honest` is the attacker NODE's view of the
// public chain (honest blocks once they reached it, and the blocks it published), and `publish`
// relays blocks from its node by inv / getdata / block like any node (network_model.cpp).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "models/bitcoin/bitcoin_params.hpp"
#include "models/bitcoin/block_store.hpp"
#include "models/bitcoin/chain_view.hpp"

namespace models::bitcoin {

struct AttackerNodeWorld {
    const BlockStore& store;
    const ChainView& honest;                 ///< what has reached the attacker's node
    std::function<void(BlockId)> publish;    ///< relays `block` and its unpublished ancestors
};

/// A strategy driving the attacker's node; type-erased so the network run stays one class (the
/// calls come once per attacker block or public tip change, not per message).
class AttackerNode {
public:
    virtual ~AttackerNode() = default;
    /// The block the attacker mines on (its private tip).
    virtual BlockId parent() const = 0;
    virtual void on_attacker_block(BlockId block) = 0;
    /// An honest block moved the public tip at the attacker's node to `tip`.
    virtual void on_public_tip(BlockId tip) = 0;
    /// At the horizon: publish a private chain that would win.
    virtual void finish() = 0;
};

/// True for the strategies that can play from a network node (selfish, optimal_selfish).
bool plays_on_network(const std::string& strategy);
/// The strategy named by p.attacker.strategy, playing through `world`.
std::unique_ptr<AttackerNode> make_attacker_node(const BitcoinParams& p, AttackerNodeWorld world);

}  // namespace models::bitcoin

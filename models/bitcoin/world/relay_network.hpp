// Propagation inside the transaction-level world: the peer-to-peer network (P2pNetwork, the one
// that relays blocks for the `bitcoin` model) with the pools and agents attached to its nodes,
// what each node has heard of (transactions, blocks, its best tip), the delays of one relay hop,
// and the attacker's nodes of an eclipse. The world schedules the hops as engine events; this
// class holds the state and draws the delays.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_set>
#include <vector>

#include "models/bitcoin/bitcoin_params.hpp"
#include "models/bitcoin/p2p_network.hpp"
#include "models/bitcoin/tx/transaction.hpp"
#include "models/bitcoin/world/block_tree.hpp"
#include "models/bitcoin/world/propagation_params.hpp"
#include "sim/random/rng_stream.hpp"

namespace models::bitcoin {

using RelayNode = std::uint32_t;

class RelayNetwork {
public:
    struct Peer {
        RelayNode to;
        bool outbound;  ///< this node opened the link (Core trickles faster to outbound peers)
    };

    /// Builds the honest network from `topology_rng`; delays are drawn from `delay_rng`.
    RelayNetwork(const PropagationParams& p, sim::RngStream topology_rng, sim::RngStream delay_rng);

    /// Attaches pools (pool i at node i) and agents (agent j at node nodes-1-j, both modulo the
    /// node count), then rewires the eclipsed agents' nodes to the attacker's nodes.
    void attach(std::size_t pools, std::size_t agents);

    RelayNode pool_node(std::size_t pool) const { return static_cast<RelayNode>(pool % honest_); }
    RelayNode agent_node(std::size_t agent) const {
        return static_cast<RelayNode>(honest_ - 1 - agent % honest_);
    }
    const std::vector<std::size_t>& agents_at(RelayNode n) const { return agents_at_[n]; }
    const std::vector<Peer>& peers(RelayNode n) const { return peers_[n]; }
    std::size_t nodes() const { return peers_.size(); }
    std::size_t attacker_nodes() const { return peers_.size() - honest_; }
    bool eclipsed(RelayNode n) const { return eclipsed_[n]; }

    /// Seconds for a transaction to cross one link: the sender's trickle timer for this peer (a
    /// Poisson timer, so the wait is exponential), then inv, getdata and tx messages, the last one
    /// carrying the transaction's bytes.
    double tx_hop_s(RelayNode from, const Peer& to, std::int64_t bytes);
    /// Seconds for a block to cross one link: no trickle (blocks bypass it), header announcement,
    /// getdata and the block itself.
    double block_hop_s(RelayNode from, RelayNode to, std::int64_t bytes);
    /// What an attacker's node `at` does with a message that came from `from` and would go to
    /// `to`: nullopt when it withholds it, else the extra seconds it holds it. Zero for any
    /// message that does not touch an eclipsed node, and for every honest node.
    std::optional<double> held_s(RelayNode at, RelayNode from, RelayNode to) const;

    bool knows_tx(RelayNode n, TxId id) const {
        return everywhere_.count(id) != 0 || txs_[n].count(id) != 0;
    }
    /// True when the node did not know it yet.
    bool learn_tx(RelayNode n, TxId id) { return txs_[n].insert(id).second; }
    /// A transaction that entered the world outside any agent (set-up): every node has it.
    void learn_everywhere(TxId id) { everywhere_.insert(id); }

    bool knows_block(RelayNode n, BlockIndex b) const { return blocks_[n].count(b) != 0; }
    void learn_block(RelayNode n, BlockIndex b) { blocks_[n].insert(b); }
    BlockIndex tip(RelayNode n) const { return tips_[n]; }
    void set_tip(RelayNode n, BlockIndex b) { tips_[n] = b; }

private:
    double message_s(RelayNode from, RelayNode to, double bytes);
    void add_attacker_nodes();

    const PropagationParams& p_;
    NetworkParams network_params_;
    sim::RngStream topology_rng_;
    sim::RngStream delay_rng_;
    P2pNetwork network_;
    std::size_t honest_;
    std::vector<std::vector<Peer>> peers_;
    std::vector<bool> eclipsed_;
    std::vector<std::vector<std::size_t>> agents_at_;
    std::vector<std::unordered_set<TxId>> txs_;
    std::unordered_set<TxId> everywhere_;
    std::vector<std::unordered_set<BlockIndex>> blocks_;
    std::vector<BlockIndex> tips_;
};

}  // namespace models::bitcoin

// Optimal selfish mining played in the block race: each time a block is found the strategy reads
// the MDP state (a, h, fork) off the block tree and takes the action of the revenue-maximising
// policy of Sapirshtein, Sompolinsky and Zohar (2016) (models/attacks/optimal_selfish_mdp.hpp):
// adopt the public chain, override it (publish h + 1 blocks), match (publish h blocks and race the
// tie; gamma of honest hash mines on the attacker's side, RaceWorld::mine_honest) or wait. It plays
// in the race world and from a node of the P2P network (bitcoin::AttackerNodeWorld, where gamma
// emerges from propagation and attacker.gamma is only the tie share its policy is solved for);
// the members are instantiated for both worlds in the .cpp.
#pragma once

#include "models/attacks/honest_mining.hpp"
#include "models/attacks/optimal_selfish_mdp.hpp"
#include "models/bitcoin/attacker_node.hpp"

namespace models::attacks {

class OptimalSelfishMining {
public:
    explicit OptimalSelfishMining(const BitcoinParams& p);
    template <class World>
    OptimalSelfishMining(const BitcoinParams& p, World&) : OptimalSelfishMining(p) {}
    template <class World>
    BlockId attacker_parent(const World&) const { return private_tip_; }
    template <class World>
    void on_attacker_block(BlockId b, World& w);
    template <class World>
    void on_honest_block(BlockId b, World& w);
    bool done(const RaceWorld&) const { return false; }
    /// Publishes a private chain longer than the public one at the horizon (it would win).
    template <class World>
    void finish(World& w);
    AttackResult result() const { return {}; }

private:
    /// Reads (a, h) off the tree and plays the policy's action for (a, h, fork_).
    template <class World>
    void act(World& w);

    const SelfishPolicy& policy_;
    BlockId private_tip_ = bitcoin::genesis_block;
    ForkState fork_ = ForkState::irrelevant;
};

}  // namespace models::attacks

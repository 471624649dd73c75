// Optimal selfish mining played in the block race: each time a block is found the strategy reads
// the MDP state (a, h, fork) off the block tree and takes the action of the revenue-maximising
// policy of Sapirshtein, Sompolinsky and Zohar (2016) (models/attacks/optimal_selfish_mdp.hpp):
// adopt the public chain, override it (publish h + 1 blocks), match (publish h blocks and race the
// tie; gamma of honest hash mines on the attacker's side, RaceWorld::mine_honest) or wait.
#pragma once

#include "models/attacks/honest_mining.hpp"
#include "models/attacks/optimal_selfish_mdp.hpp"

namespace models::attacks {

class OptimalSelfishMining {
public:
    OptimalSelfishMining(const BitcoinParams& p, RaceWorld& w);
    BlockId attacker_parent(const RaceWorld&) const { return private_tip_; }
    void on_attacker_block(BlockId b, RaceWorld& w);
    void on_honest_block(BlockId b, RaceWorld& w);
    bool done(const RaceWorld&) const { return false; }
    /// Publishes a private chain longer than the public one at the horizon (it would win).
    void finish(RaceWorld& w);
    AttackResult result() const { return {}; }

private:
    /// Reads (a, h) off the tree and plays the policy's action for (a, h, fork_).
    void act(RaceWorld& w);

    const SelfishPolicy& policy_;
    BlockId private_tip_ = bitcoin::genesis_block;
    ForkState fork_ = ForkState::irrelevant;
};

}  // namespace models::attacks

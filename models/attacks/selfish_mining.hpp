// Selfish mining, strategy SM1 of Eyal and Sirer, "Majority is not enough" (FC 2014, Algorithm 1):
// keep found blocks private; when the honest network catches up to a lead of 1, publish and race
// (gamma of honest hash mines on the attacker's block); at a lead of 2, publish all and win; at a
// larger lead, reveal one block per honest block. It plays in the race world (RaceWorld) and from
// a node of the P2P network (bitcoin::AttackerNodeWorld), which offer the same store / honest /
// publish; the members are instantiated for both in the .cpp.
#pragma once

#include "models/attacks/honest_mining.hpp"
#include "models/bitcoin/attacker_node.hpp"

namespace models::attacks {

class SelfishMining {
public:
    template <class World>
    SelfishMining(const BitcoinParams&, World&) {}
    template <class World>
    BlockId attacker_parent(const World&) const { return private_tip_; }
    template <class World>
    void on_attacker_block(BlockId b, World& w);
    /// `b` is the new tip of the honest chain the attacker sees.
    template <class World>
    void on_honest_block(BlockId b, World& w);
    bool done(const RaceWorld&) const { return false; }
    /// Publishes a private lead left at the horizon (it would win).
    template <class World>
    void finish(World& w);
    AttackResult result() const { return {}; }

private:
    BlockId private_tip_ = bitcoin::genesis_block;
};

}  // namespace models::attacks

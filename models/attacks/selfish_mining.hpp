// Selfish mining, strategy SM1 of Eyal and Sirer, "Majority is not enough" (FC 2014, Algorithm 1):
// keep found blocks private; when the honest network catches up to a lead of 1, publish and race
// (gamma of honest hash mines on the attacker's block); at a lead of 2, publish all and win; at a
// larger lead, reveal one block per honest block.
#pragma once

#include "models/attacks/honest_mining.hpp"

namespace models::attacks {

class SelfishMining {
public:
    SelfishMining(const BitcoinParams&, RaceWorld&) {}
    BlockId attacker_parent(const RaceWorld&) const { return private_tip_; }
    void on_attacker_block(BlockId b, RaceWorld& w);
    void on_honest_block(BlockId b, RaceWorld& w);
    bool done(const RaceWorld&) const { return false; }
    /// Publishes a private lead left at the horizon (it would win).
    void finish(RaceWorld& w);
    AttackResult result() const { return {}; }

private:
    BlockId private_tip_ = bitcoin::genesis_block;
};

}  // namespace models::attacks

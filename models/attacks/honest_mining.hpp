// The null strategy: the "attacker" pool mines on the public tip and publishes at once, as every
// honest pool does. The pure mining race and the network runs use it.
#pragma once

#include "models/bitcoin/race_world.hpp"

namespace models::attacks {

using bitcoin::AttackResult;
using bitcoin::BitcoinParams;
using bitcoin::BlockId;
using bitcoin::RaceWorld;

class HonestMining {
public:
    HonestMining(const BitcoinParams&, RaceWorld&) {}
    BlockId attacker_parent(const RaceWorld& w) const { return w.honest.tip(); }
    void on_attacker_block(BlockId b, RaceWorld& w) { w.publish(b); }
    void on_honest_block(BlockId, RaceWorld&) {}
    bool done(const RaceWorld&) const { return false; }
    void finish(RaceWorld&) {}
    AttackResult result() const { return {}; }
};

}  // namespace models::attacks

// Majority reorg: replace the last d blocks of the chain (the honest chain starts d blocks ahead
// of the fork point) with a strictly longer private branch, typically with rented hash
// (Budish 2018; crypto51's rental cost). Success when the branch overtakes; gives up at the
// deficit or time limit.
#pragma once

#include "models/attacks/honest_mining.hpp"

namespace models::attacks {

class MajorityReorg {
public:
    MajorityReorg(const BitcoinParams& p, RaceWorld& w);
    BlockId attacker_parent(const RaceWorld&) const { return private_tip_; }
    void on_attacker_block(BlockId b, RaceWorld& w);
    void on_honest_block(BlockId b, RaceWorld& w);
    bool done(const RaceWorld&) const { return finished_; }
    void finish(RaceWorld&) {}
    AttackResult result() const { return result_; }

private:
    void check(RaceWorld& w);

    std::uint32_t deficit_;
    BlockId private_tip_ = bitcoin::genesis_block;
    bool finished_ = false;
    AttackResult result_;
};

}  // namespace models::attacks

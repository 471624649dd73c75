// Double-spend race (Nakamoto 2008 §11; Rosenfeld 2014; Grunspan and Pérez-Marco 2017): the
// payment is in the first honest block after the fork point; the attacker mines a conflicting
// branch from the block before it and publishes once the merchant has seen z confirmations and
// the branch wins under the success rule (catch_up: as long; overtake: strictly longer). It gives
// up at a deficit of give_up_deficit blocks (or give_up_time_s).
#pragma once

#include "models/attacks/honest_mining.hpp"

namespace models::attacks {

/// What every double-spend race shares: the private branch mined from the fork point, and how a
/// race ends (won: the branch is published; abandoned).
class PrivateBranchRace {
public:
    BlockId attacker_parent(const RaceWorld&) const { return private_tip_; }
    bool done(const RaceWorld&) const { return finished_; }
    void finish(RaceWorld&) {}
    AttackResult result() const { return result_; }

protected:
    /// The branch (a blocks) beats the honest chain (h): publish it if strictly longer, since a
    /// tie would not move honest nodes (first seen).
    void win(RaceWorld& w, std::uint32_t a, std::uint32_t h);
    void abandon(const RaceWorld& w);

    BlockId private_tip_ = bitcoin::genesis_block;
    bool finished_ = false;
    AttackResult result_;
};

class DoubleSpend : public PrivateBranchRace {
public:
    DoubleSpend(const BitcoinParams& p, RaceWorld& w);
    /// The race itself: publish once the honest chain has z blocks and the private branch wins.
    DoubleSpend(std::uint32_t z, std::uint32_t give_up_deficit, bool overtake);
    void on_attacker_block(BlockId b, RaceWorld& w);
    void on_honest_block(BlockId b, RaceWorld& w);

private:
    void check(RaceWorld& w);

    std::uint32_t z_;
    std::uint32_t deficit_;
    bool overtake_;
};

}  // namespace models::attacks

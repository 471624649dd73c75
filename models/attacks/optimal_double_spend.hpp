// The double-spend race (double_spend.hpp) with the optimal give-up rule of
// double_spend_give_up.hpp in place of a fixed deficit: after every block the attacker keeps
// mining only while continuing has the higher expected payoff.
#pragma once

#include "models/attacks/double_spend_give_up.hpp"
#include "models/attacks/honest_mining.hpp"

namespace models::attacks {

/// The economics of a scenario's race (the mean time between blocks follows MiningProcess).
DoubleSpendEconomics double_spend_economics(const BitcoinParams& p);

class OptimalDoubleSpend {
public:
    OptimalDoubleSpend(const BitcoinParams& p, RaceWorld& w);
    BlockId attacker_parent(const RaceWorld&) const { return private_tip_; }
    void on_attacker_block(BlockId b, RaceWorld& w);
    void on_honest_block(BlockId b, RaceWorld& w);
    bool done(const RaceWorld&) const { return finished_; }
    void finish(RaceWorld&) {}
    AttackResult result() const { return result_; }

private:
    void check(RaceWorld& w);

    GiveUpPolicy policy_;
    BlockId private_tip_ = bitcoin::genesis_block;
    bool finished_ = false;
    AttackResult result_;
};

}  // namespace models::attacks

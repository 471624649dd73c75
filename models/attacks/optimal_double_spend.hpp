// The double-spend race (double_spend.hpp) with the optimal give-up rule of
// double_spend_give_up.hpp in place of a fixed deficit: after every block the attacker keeps
// mining only while continuing has the higher expected payoff.
#pragma once

#include "models/attacks/double_spend.hpp"
#include "models/attacks/double_spend_give_up.hpp"

namespace models::attacks {

/// The economics of a scenario's race (the mean time between blocks follows MiningProcess).
DoubleSpendEconomics double_spend_economics(const BitcoinParams& p);

class OptimalDoubleSpend : public PrivateBranchRace {
public:
    OptimalDoubleSpend(const BitcoinParams& p, RaceWorld& w);
    void on_attacker_block(BlockId b, RaceWorld& w);
    void on_honest_block(BlockId b, RaceWorld& w);

private:
    void check(RaceWorld& w);

    GiveUpPolicy policy_;
};

}  // namespace models::attacks

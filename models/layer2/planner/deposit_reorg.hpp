// Reversing a credited deposit in the transaction-level world: the depositor broadcasts its
// peg-in, rents hash that joins the network as one more pool, and mines a private chain from the
// block before the deposit whose templates leave the deposit out. The design's bridge credits
// the deposit once it has `credit_after_confirmations` on the chain it follows. The private chain
// is published once the public chain has reached the crediting height and the private one is
// strictly longer (Rosenfeld 2014, "Analysis of hashrate-based double spending", the overtake
// rule); the race is given up when the public chain leads by `race_give_up_deficit`. After the
// reorganisation the deposit is back in the mempool, and the depositor replaces it (BIP125 rules
// 3, 4 and 6; full RBF is Bitcoin Core's default since v28) with a spend to itself. The plan
// succeeds when the bridge credited the deposit and the chain finally confirms the replacement,
// not the deposit: what confirmed decides it.
//
// Rented hash joins the network (the honest pools keep their rate, blocks come 1/(1-q) faster);
// the world has no difficulty retarget, which a race of 2,016 blocks would meet (a race given up
// 20 blocks behind ends long before: tests/statistical/deposit_reorg_race_test.cpp).
#pragma once

#include "models/bitcoin/world/world_params.hpp"
#include "models/layer2/design/design.hpp"
#include "models/layer2/planner/plan.hpp"
#include "models/layer2/planner/plan_outcome.hpp"
#include "sim/model/model.hpp"

namespace models::layer2::planner {

PlanOutcome run_reverse_deposit(const design::Design& d, const Plan& plan, const PlannerParams& params,
                                const bitcoin::WorldParams& world_params, const sim::RunInput& in);

}  // namespace models::layer2::planner

// Runs one candidate plan in one replication. A spend plan plays out in the transaction-level
// world: the design output is a coin, the adversary buys the plan's keys (adversary/corrupt_keys),
// orders pools to censor the defenders' rotation if the plan says so, and broadcasts its spend
// when the path opens; the defenders rotate the coin (roles/rotator) and slash the bonds of the
// keys a theft shows (roles/slashing_watcher). The outcome is which spend a block confirmed.
#pragma once

#include "models/adversary/corrupt_keys.hpp"
#include "models/bitcoin/world/world_params.hpp"
#include "models/layer2/design/design.hpp"
#include "models/layer2/planner/plan.hpp"
#include "models/layer2/planner/plan_outcome.hpp"
#include "sim/model/model.hpp"

namespace models::layer2::planner {

PlanOutcome run_spend_plan(const design::Design& d, const Plan& plan, const PlannerParams& params,
                           const bitcoin::WorldParams& world_params, const adversary::KeyholderDraws& draws,
                           const sim::RunInput& in);

}  // namespace models::layer2::planner

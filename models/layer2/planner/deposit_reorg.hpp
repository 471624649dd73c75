// Reversing a credited deposit: the depositor double-spends its peg-in with rented hash once the
// design credited it after `credit_after_confirmations` blocks. This is the Bitcoin model's
// double-spend race (race_world.hpp, overtake rule) run on the engine, with the rented hash
// joining the network as bitcoin_race.hpp decides; its cost is hash share x seconds, the part of
// an attack paid in Bitcoin's own resource.
#pragma once

#include "models/layer2/design/design.hpp"
#include "models/layer2/planner/plan.hpp"
#include "models/layer2/planner/plan_outcome.hpp"
#include "sim/model/model.hpp"

namespace models::layer2::planner {

PlanOutcome run_reverse_deposit(const design::Design& d, const Plan& plan, const PlannerParams& params,
                                const sim::RunInput& in);

}  // namespace models::layer2::planner

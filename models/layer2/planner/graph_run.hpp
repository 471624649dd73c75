// One graph plan (graph_plan.hpp) run in the world: the design outputs confirmed at the funding
// height, the adversary walking its path (adversary/graph_path.hpp) with the keys it bought, the
// responders broadcasting the honest transactions (roles/graph_responder.hpp), and the tactic
// that keeps them out of blocks (censoring pools, or filler that outbids them). The outcome is what
// confirmed: the theft, or a response that spent the output the theft needed.
#pragma once

#include "models/adversary/corrupt_keys.hpp"
#include "models/bitcoin/world/world_params.hpp"
#include "models/layer2/design/design.hpp"
#include "models/layer2/planner/graph_plan.hpp"
#include "models/layer2/planner/plan.hpp"
#include "models/layer2/planner/plan_outcome.hpp"
#include "sim/model/model.hpp"

namespace models::layer2::planner {

PlanOutcome run_graph_plan(const design::Design& d, const GraphPlan& plan,
                           const PlannerParams& params, const bitcoin::WorldParams& world_params,
                           const adversary::KeyholderDraws& draws, const sim::RunInput& in);

}  // namespace models::layer2::planner

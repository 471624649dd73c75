// See design_attack_model.hpp.
#include "models/layer2/planner/design_attack_model.hpp"

#include <set>

#include "models/adversary/corrupt_keys.hpp"
#include "models/layer2/design/design_reader.hpp"
#include "models/layer2/planner/deposit_reorg.hpp"
#include "models/layer2/planner/graph_run.hpp"
#include "models/layer2/planner/plan_run.hpp"

namespace models::layer2::planner {

namespace {

/// The output-level plans, less those that wait out a timelock on an output the presigned graph
/// spends: on such an output the graph's own plans (graph_plan.hpp) run the timelocked paths
/// against the graph's responders; key-only paths (a committee signing the coin away) stay.
/// Then the hand-written plans (hand_plans.hpp), and none that the design's consensus sections
/// hold instead (consensus_plans.hpp runs those).
std::vector<Plan> output_plans(const design::Design& d, const DesignAttackModel::Params& p) {
    auto plans = enumerate_plans(d, p.planner);
    // Classes that broadcast a graph path in their own name (the operator, a staker, a server):
    // spending their own funding output with their own key is no theft.
    std::set<std::string> own;
    for (const auto& tx : d.graph.txs) own.insert(tx.broadcast_by.front());
    const auto only_own_keys = [&](const Plan& plan) {
        for (const auto& [group, count] : plan.keys_needed)
            for (const auto& g : d.key_groups)
                if (g.name == group && count > 0 && !own.contains(g.held_by)) return false;
        return true;
    };
    std::erase_if(plans, [&](const Plan& plan) {
        return plan.kind == PlanKind::spend_output && d.graph.spends_design_output(plan.output) &&
               (plan.older_blocks > 0 || plan.after > 0 || only_own_keys(plan));
    });
    for (Plan& h : read_hand_plans(p.hand_plans.file, d)) plans.push_back(std::move(h));
    std::erase_if(plans, [&](const Plan& plan) { return held_by_consensus(d, plan); });
    return plans;
}

std::vector<GraphPlan> graph_plans(const design::Design& d, const DesignAttackModel::Params& p) {
    return enumerate_graph_plans(d, p.planner.censor_shares, p.graph_planner);
}

}  // namespace

std::vector<sim::Column> DesignAttackModel::outcome_columns(const Params& p) {
    const auto d = design::read_design(p.design.file);
    std::vector<sim::Column> cols{
        {"plans", sim::ColumnType::u64, "plans", "candidate plans run in this replication"},
    };
    const auto add = [&](const std::string& id, const std::string& description) {
        const auto c = PlanOutcome::columns(id, description);
        cols.insert(cols.end(), c.begin(), c.end());
    };
    for (const Plan& plan : output_plans(d, p)) add(plan.id, plan.description);
    for (const GraphPlan& plan : graph_plans(d, p)) add(plan.id, plan.description);
    for (const ConsensusPlan& plan : consensus_plans(d, p.consensus)) add(plan.id, plan.description);
    const auto stats = bitcoin::WorldStats::columns();
    cols.insert(cols.end(), stats.begin(), stats.end());
    return cols;
}

sim::RunOutput DesignAttackModel::run(const Params& p, const sim::RunInput& in) {
    const auto d = design::read_design(p.design.file);
    const auto plans = output_plans(d, p);
    const auto gplans = graph_plans(d, p);
    const auto cplans = consensus_plans(d, p.consensus);
    const auto draws = adversary::draw_keyholders(d, sim::StreamFactory(in.master_seed, in.stream_run));
    std::vector<double> out{static_cast<double>(plans.size() + gplans.size() + cplans.size())};
    bitcoin::WorldStats total;
    std::vector<PlanOutcome> outcomes;
    for (const Plan& plan : plans)
        outcomes.push_back(plan.kind == PlanKind::spend_output ? run_spend_plan(d, plan, p.planner, p.world, draws, in)
                                                               : run_reverse_deposit(d, plan, p.planner, in));
    for (const GraphPlan& plan : gplans) outcomes.push_back(run_graph_plan(d, plan, p.planner, p.world, draws, in));
    for (const ConsensusPlan& plan : cplans) outcomes.push_back(run_consensus_plan(d, plan, p.planner, p.world, in));
    for (const PlanOutcome& o : outcomes) {
        o.append_to(out);
        total.events_processed += o.world.events_processed;
        total.agents += o.world.agents;
        total.txs_broadcast += o.world.txs_broadcast;
        total.txs_confirmed += o.world.txs_confirmed;
        total.txs_replaced += o.world.txs_replaced;
        total.blocks += o.world.blocks;
    }
    total.append_to(out);
    return {out, {}};
}

std::optional<std::pair<std::string, std::string>> DesignAttackModel::check(const Params& p) {
    const auto d = design::read_design(p.design.file);  // throws sim::InputError at the design file's line
    read_hand_plans(p.hand_plans.file, d);               // and so do the hand-written plans
    if (p.world.demand.min_tx_vbytes > p.world.demand.tx_vbytes)
        return std::pair{"world.demand.min_tx_vbytes", "the smallest background transaction must not exceed the largest"};
    if (output_plans(d, p).empty() && graph_plans(d, p).empty() && consensus_plans(d, p.consensus).empty())
        return std::pair{"design.file", "the design has no attack plan to run (every path needs a preimage?)"};
    return std::nullopt;
}

}  // namespace models::layer2::planner

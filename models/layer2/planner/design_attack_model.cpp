// See design_attack_model.hpp.
#include "models/layer2/planner/design_attack_model.hpp"

#include <cmath>
#include <set>

#include "models/adversary/corrupt_keys.hpp"
#include "models/layer2/design/design_reader.hpp"
#include "models/layer2/design/parts_reader.hpp"
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

/// A composed design (parts_reader.hpp) runs each part's plans with the part's prefix; a design
/// without parts is its own single leaf with prefix "". Hand-written plans name one design's
/// keys, so they apply to a design without parts only (check() refuses them otherwise).
DesignAttackModel::Params for_leaf(const DesignAttackModel::Params& p, const design::PartLeaf& leaf) {
    DesignAttackModel::Params q = p;
    if (!leaf.prefix.empty()) q.hand_plans.file.clear();
    return q;
}

std::string part_label(const design::PartLeaf& leaf) {
    if (leaf.prefix.empty()) return "";
    // "a__b__" -> "a/b": the part's path in the composed design.
    std::string parts;
    for (std::size_t i = 0; i + 2 <= leaf.prefix.size(); ++i) {
        if (leaf.prefix.compare(i, 2, "__") == 0) {
            if (i + 2 < leaf.prefix.size()) parts += '/';
            ++i;
        } else {
            parts += leaf.prefix[i];
        }
    }
    return "[part " + parts + "] ";
}

}  // namespace

std::vector<sim::Column> DesignAttackModel::outcome_columns(const Params& p) {
    const auto d = design::read_design(p.design.file);
    std::vector<sim::Column> cols{
        {"plans", sim::ColumnType::u64, "plans", "candidate plans run in this replication"},
    };
    for (const auto& leaf : design::part_leaves(d)) {
        const Params q = for_leaf(p, leaf);
        const auto add = [&](const std::string& id, const std::string& description) {
            const auto c = PlanOutcome::columns(leaf.prefix + id, part_label(leaf) + description);
            cols.insert(cols.end(), c.begin(), c.end());
        };
        const design::Design& ld = *leaf.design;
        for (const Plan& plan : output_plans(ld, q)) add(plan.id, plan.description);
        for (const GraphPlan& plan : graph_plans(ld, q)) add(plan.id, plan.description);
        for (const ConsensusPlan& plan : consensus_plans(ld, q.consensus)) add(plan.id, plan.description);
    }
    if (p.planner.posted_bribe_btc > 0.0)
        cols.push_back({"keyholders_accepting_posted_bribe", sim::ColumnType::u64, "keys",
                        "reachable keyholders (every part and key group) whose ask is at most "
                        "planner.posted_bribe_btc"});
    const auto stats = bitcoin::WorldStats::columns();
    cols.insert(cols.end(), stats.begin(), stats.end());
    return cols;
}

sim::RunOutput DesignAttackModel::run(const Params& p, const sim::RunInput& in) {
    const auto d = design::read_design(p.design.file);
    std::vector<double> out{0.0};
    bitcoin::WorldStats total;
    std::size_t plan_count = 0;
    std::size_t accepting = 0;
    for (const auto& leaf : design::part_leaves(d)) {
        const Params q = for_leaf(p, leaf);
        const design::Design& ld = *leaf.design;
        const auto plans = output_plans(ld, q);
        const auto gplans = graph_plans(ld, q);
        const auto cplans = consensus_plans(ld, q.consensus);
        // Every part draws its keyholders from the run's own streams, as it would run alone: its
        // columns are then exactly those of its standalone run (a test checks it). The report
        // takes the cheapest plan's quantile over runs, which does not depend on how the parts'
        // draws are coupled.
        const auto draws = adversary::draw_keyholders(ld, sim::StreamFactory(in.master_seed, in.stream_run));
        plan_count += plans.size() + gplans.size() + cplans.size();
        accepting += adversary::accepting_posted_offer(draws, p.planner.posted_bribe_btc);
        std::vector<PlanOutcome> outcomes;
        for (const Plan& plan : plans)
            outcomes.push_back(plan.kind == PlanKind::spend_output
                                   ? run_spend_plan(ld, plan, q.planner, q.world, draws, in)
                                   : run_reverse_deposit(ld, plan, q.planner, q.world, in));
        for (const GraphPlan& plan : gplans) outcomes.push_back(run_graph_plan(ld, plan, q.planner, q.world, draws, in));
        for (const ConsensusPlan& plan : cplans)
            outcomes.push_back(run_consensus_plan(ld, plan, q.planner, q.world, in));
        for (const PlanOutcome& o : outcomes) {
            o.append_to(out);
            total.events_processed += o.world.events_processed;
            total.agents += o.world.agents;
            total.txs_broadcast += o.world.txs_broadcast;
            total.txs_confirmed += o.world.txs_confirmed;
            total.txs_replaced += o.world.txs_replaced;
            total.blocks += o.world.blocks;
        }
    }
    out[0] = static_cast<double>(plan_count);
    if (p.planner.posted_bribe_btc > 0.0) out.push_back(static_cast<double>(accepting));
    total.append_to(out);
    return {out, {}};
}

std::optional<std::pair<std::string, std::string>> DesignAttackModel::check(const Params& p) {
    const auto d = design::read_design(p.design.file);  // throws sim::InputError at the design file's line
    if (!d.parts.empty() && !p.hand_plans.file.empty())
        return std::pair{"hand_plans.file",
                         "hand-written plans name one design's keys: run them on a part's own design file, not on a "
                         "composed design"};
    read_hand_plans(p.hand_plans.file, d);               // and so do the hand-written plans
    for (double depth : p.graph_planner.feather_fork_depths_blocks)
        if (depth != std::floor(depth))
            return std::pair{"graph_planner.feather_fork_depths_blocks",
                             "a feather-fork depth counts confirmations: whole blocks only"};
    if (auto broken = bitcoin::demand_rule_violation(p.world.demand)) return broken;
    for (const auto& leaf : design::part_leaves(d)) {
        const Params q = for_leaf(p, leaf);
        const design::Design& ld = *leaf.design;
        if (output_plans(ld, q).empty() && graph_plans(ld, q).empty() && consensus_plans(ld, q.consensus).empty())
            return std::pair{"design.file", (leaf.prefix.empty() ? std::string("the design") : "part " + part_label(leaf)) +
                                                " has no attack plan to run (every path needs a preimage?)"};
    }
    return std::nullopt;
}

}  // namespace models::layer2::planner

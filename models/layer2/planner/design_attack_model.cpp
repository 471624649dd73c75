// See design_attack_model.hpp.
#include "models/layer2/planner/design_attack_model.hpp"

#include "models/adversary/corrupt_keys.hpp"
#include "models/layer2/design/design_reader.hpp"
#include "models/layer2/planner/deposit_reorg.hpp"
#include "models/layer2/planner/plan_run.hpp"

namespace models::layer2::planner {

namespace {

/// The enumerated plans, then the hand-written ones.
std::vector<Plan> all_plans(const design::Design& d, const DesignAttackModel::Params& p) {
    auto plans = enumerate_plans(d, p.planner);
    for (Plan& h : read_hand_plans(p.hand_plans.file, d)) plans.push_back(std::move(h));
    return plans;
}

}  // namespace

std::vector<sim::Column> DesignAttackModel::outcome_columns(const Params& p) {
    const auto d = design::read_design(p.design.file);
    std::vector<sim::Column> cols{
        {"plans", sim::ColumnType::u64, "plans", "candidate plans run in this replication"},
    };
    for (const Plan& plan : all_plans(d, p)) {
        if (held_by_consensus(d, plan)) continue;
        const auto c = PlanOutcome::columns(plan.id, plan.description);
        cols.insert(cols.end(), c.begin(), c.end());
    }
    for (const ConsensusPlan& plan : consensus_plans(d, p.consensus)) {
        const auto c = PlanOutcome::columns(plan.id, plan.description);
        cols.insert(cols.end(), c.begin(), c.end());
    }
    const auto stats = bitcoin::WorldStats::columns();
    cols.insert(cols.end(), stats.begin(), stats.end());
    return cols;
}

sim::RunOutput DesignAttackModel::run(const Params& p, const sim::RunInput& in) {
    const auto d = design::read_design(p.design.file);
    const auto plans = all_plans(d, p);
    const auto draws = adversary::draw_keyholders(d, sim::StreamFactory(in.master_seed, in.stream_run));
    const auto by_consensus = consensus_plans(d, p.consensus);
    std::size_t count = by_consensus.size();
    for (const Plan& plan : plans) count += held_by_consensus(d, plan) ? 0 : 1;
    std::vector<double> out{static_cast<double>(count)};
    bitcoin::WorldStats total;
    const auto add = [&](const PlanOutcome& o) {
        o.append_to(out);
        total.events_processed += o.world.events_processed;
        total.agents += o.world.agents;
        total.txs_broadcast += o.world.txs_broadcast;
        total.txs_confirmed += o.world.txs_confirmed;
        total.txs_replaced += o.world.txs_replaced;
        total.blocks += o.world.blocks;
    };
    for (const Plan& plan : plans) {
        if (held_by_consensus(d, plan)) continue;
        const PlanOutcome o = plan.kind == PlanKind::spend_output
                                  ? run_spend_plan(d, plan, p.planner, p.world, draws, in)
                                  : run_reverse_deposit(d, plan, p.planner, in);
        add(o);
    }
    for (const ConsensusPlan& plan : by_consensus) add(run_consensus_plan(d, plan, p.planner, p.world, in));
    total.append_to(out);
    return {out, {}};
}

std::optional<std::pair<std::string, std::string>> DesignAttackModel::check(const Params& p) {
    const auto d = design::read_design(p.design.file);  // throws sim::InputError at the design file's line
    read_hand_plans(p.hand_plans.file, d);               // and so do the hand-written plans
    if (p.world.demand.min_tx_vbytes > p.world.demand.tx_vbytes)
        return std::pair{"world.demand.min_tx_vbytes", "the smallest background transaction must not exceed the largest"};
    if (enumerate_plans(d, p.planner).empty() && consensus_plans(d, p.consensus).empty())
        return std::pair{"design.file", "the design has no attack plan to run (every path needs a preimage?)"};
    return std::nullopt;
}

}  // namespace models::layer2::planner

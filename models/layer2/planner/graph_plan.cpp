// See graph_plan.hpp.
#include "models/layer2/planner/graph_plan.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace models::layer2::planner {

namespace {

/// The first key group held by agent class `agent`.
const design::KeyGroup& group_held_by(const design::Design& d, const std::string& agent) {
    for (const auto& g : d.key_groups)
        if (g.held_by == agent) return g;
    throw std::logic_error("agent class " + agent +
                           " holds no key group");  // the reader rejects this
}

std::string percent(double share) {
    return std::to_string(static_cast<int>(std::lround(share * 100.0)));
}

}  // namespace

std::vector<std::size_t> path_to(const design::Design& d, std::size_t steal) {
    std::set<std::size_t> need{steal};
    // Txs only spend earlier txs' outputs (the reader checks), so one backward sweep closes the
    // set.
    for (std::size_t i = steal + 1; i-- > 0;)
        if (need.contains(i))
            for (const auto& r : d.graph.txs[i].spends)
                if (r.tx >= 0) need.insert(static_cast<std::size_t>(r.tx));
    return {need.begin(), need.end()};
}

std::vector<std::size_t> responses_to(const design::Design& d,
                                      const std::vector<std::size_t>& path) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < d.graph.txs.size(); ++i) {
        if (std::find(path.begin(), path.end(), i) != path.end() || d.graph.txs[i].steals) continue;
        // A response is a transaction some honest responder broadcasts; one only the adversary's
        // own class holds (an operator's other reimbursement) is not.
        bool answered = false;
        for (const auto& c : d.graph.txs[i].broadcast_by)
            answered = answered || d.graph.responders.contains(c);
        if (!answered) continue;
        bool conflicts = false;
        for (std::size_t p : path)
            for (const auto& a : d.graph.txs[p].spends)
                for (const auto& b : d.graph.txs[i].spends) conflicts = conflicts || a == b;
        if (conflicts) out.push_back(i);
    }
    return out;
}

std::vector<GraphPlan> enumerate_graph_plans(const design::Design& d,
                                             const std::vector<double>& censor_shares,
                                             const GraphPlannerParams& p) {
    std::vector<GraphPlan> plans;
    for (std::size_t s = 0; s < d.graph.txs.size(); ++s) {
        const auto& steal = d.graph.txs[s];
        if (!steal.steals) continue;
        GraphPlan base;
        base.steal = s;
        base.path = path_to(d, s);
        base.responses = responses_to(d, base.path);
        for (const auto& o : steal.outputs) base.loot_btc += o.value_btc;
        for (std::size_t t : base.path) {
            const auto& g = group_held_by(d, d.graph.txs[t].broadcast_by.front());
            base.keys_needed[g.name] = std::max<std::uint32_t>(base.keys_needed[g.name], 1);
        }
        std::set<std::string> responder_classes;
        for (std::size_t r : base.responses)
            for (const auto& c : d.graph.txs[r].broadcast_by)
                if (d.graph.responders.contains(c)) responder_classes.insert(c);
        std::string against;
        for (std::size_t r : base.responses)
            against += (against.empty() ? "" : ", ") + d.graph.txs[r].name;
        const std::string what = "broadcast " + std::to_string(base.path.size()) +
                                 " presigned txs ending in " + steal.name +
                                 (against.empty() ? "" : ", keeping out " + against);
        if (!responder_classes.empty()) {
            GraphPlan c = base;
            c.tactic = GraphTactic::corrupt;
            std::string classes;
            for (const auto& cls : responder_classes)
                for (const auto& g : d.key_groups)
                    if (g.held_by == cls) {
                        c.keys_needed[g.name] = g.count;
                        classes += "_" + g.name + std::to_string(g.count);
                    }
            c.id = steal.name + "__corrupt" + classes;
            c.description = what + " by corrupting every responder";
            plans.push_back(c);
        }
        if (base.responses.empty()) {  // nothing to keep out: the path alone
            GraphPlan c = base;
            c.id = steal.name + "__unopposed";
            c.description = what;
            plans.push_back(c);
            continue;
        }
        // The response kept out of blocks by `share` of the hash (withholding, unless a fork is set).
        const auto censoring = [&](double share) {
            GraphPlan c = base;
            c.tactic = GraphTactic::censor;
            c.censor_share = share;
            return c;
        };
        for (double share : censor_shares) {
            GraphPlan c = censoring(share);
            c.id = steal.name + "__censor" + percent(share);
            c.description = what + " by censoring with " + percent(share) + "% of hash";
            plans.push_back(c);
        }
        // Forking plans at a share of 0 would be the censor0 plan again.
        for (double depth : p.feather_fork_depths_blocks)
            for (double share : censor_shares) {
                if (share <= 0.0) continue;
                GraphPlan c = censoring(share);
                c.fork = bitcoin::ForkStrategy::feather_fork;
                c.feather_fork_depth_blocks = static_cast<std::uint32_t>(std::lround(depth));
                const std::string d_text = std::to_string(c.feather_fork_depth_blocks);
                c.id = steal.name + "__feather_fork" + d_text + "_censor" + percent(share);
                c.description = what + " by feather-forking with " + percent(share) +
                                "% of hash to depth " + d_text;
                plans.push_back(c);
            }
        if (p.private_race)
            for (double share : censor_shares) {
                if (share <= 0.0) continue;
                GraphPlan c = censoring(share);
                c.fork = bitcoin::ForkStrategy::private_race;
                c.id = steal.name + "__private_race_censor" + percent(share);
                c.description = what + " by a private chain over the window with " +
                                percent(share) + "% of hash";
                plans.push_back(c);
            }
        for (double rate : p.congest_fee_rates_sat_vb) {
            GraphPlan c = base;
            c.tactic = GraphTactic::congest;
            c.congest_fee_rate_sat_vb = rate;
            c.id = steal.name + "__congest" + std::to_string(static_cast<long>(std::lround(rate)));
            c.description = what + " by filling blocks at " +
                            std::to_string(static_cast<long>(std::lround(rate))) + " sat/vB";
            plans.push_back(c);
        }
    }
    return plans;
}

}  // namespace models::layer2::planner

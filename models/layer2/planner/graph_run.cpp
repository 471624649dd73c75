// See graph_run.hpp.
#include "models/layer2/planner/graph_run.hpp"

#include <algorithm>
#include <deque>
#include <limits>
#include <optional>

#include "models/adversary/censor_outputs.hpp"
#include "models/adversary/congest.hpp"
#include "models/adversary/graph_path.hpp"
#include "models/attacks/strongest_censor.hpp"
#include "models/layer2/dispute/dispute_setup.hpp"
#include "models/layer2/planner/graph_stage.hpp"
#include "models/layer2/planner/stage.hpp"
#include "models/layer2/roles/graph_responder.hpp"

namespace models::layer2::planner {

namespace {

/// Congestion while a response is pending: one filler agent per output the path and a response
/// both spend, started once that output exists and kept up until the path tx spending it opens.
class GraphCongestion {
public:
    GraphCongestion(GraphStage& stage, const GraphPlan& plan, double fee_rate_sat_vb)
        : stage_(stage), plan_(plan) {
        params_.fee_rate_sat_vb = fee_rate_sat_vb;
        attacker_ = symbols_.key("__congesting_adversary");
        payout_ = std::make_shared<const bitcoin::policy::Policy>(bitcoin::policy::pk(attacker_));
    }

    void on_block(bitcoin::World& w) {
        if (params_.fee_rate_sat_vb <= 0.0) return;
        const auto& txs = stage_.design().graph.txs;
        for (std::size_t p : plan_.path) {
            if (stage_.confirmed(p, w)) continue;
            for (std::size_t k = 0; k < txs[p].spends.size(); ++k) {
                const auto op = stage_.outpoint(txs[p].spends[k], w);
                if (!op || started(*op) || !contested(txs[p].spends[k])) continue;
                // The filler stops once the path tx can confirm (below).
                layer2::DisputeSetup setup;
                setup.symbols = symbols_;
                setup.adversary_key = attacker_;
                setup.adversary_payout = payout_;
                setup.contested = *op;
                setups_.push_back(setup);
                // The filler's own window is open-ended: it stops when the path tx can confirm
                // (below), which may be later than its earliest height when a parent was late.
                fillers_.emplace_back(params_, setups_.back(),
                                      std::numeric_limits<std::uint32_t>::max());
                filler_for_.push_back(p);
                fillers_.back().on_start(w);
            }
        }
        for (std::size_t f = 0; f < fillers_.size(); ++f)
            if (!stage_.confirmed(filler_for_[f], w) && !stage_.ready(filler_for_[f], w))
                fillers_[f].on_block(w.tip_height(), w);
    }
    bitcoin::Sat fees_confirmed(const bitcoin::World& w) const {
        bitcoin::Sat total;
        for (const auto& f : fillers_) total += f.fees_confirmed(w);
        return total;
    }

private:
    bool started(const bitcoin::Outpoint& op) const {
        return std::any_of(setups_.begin(), setups_.end(),
                           [&](const auto& s) { return s.contested == op; });
    }
    bool contested(const design::GraphRef& r) const {
        for (std::size_t q : plan_.responses)
            for (const auto& s : stage_.design().graph.txs[q].spends)
                if (s == r) return true;
        return false;
    }
    GraphStage& stage_;
    const GraphPlan& plan_;
    adversary::CongestParams params_;
    bitcoin::policy::SymbolTable symbols_;
    bitcoin::KeyId attacker_ = 0;
    std::shared_ptr<const bitcoin::policy::Policy> payout_;
    std::deque<layer2::DisputeSetup> setups_;
    std::deque<adversary::Congest> fillers_;
    std::vector<std::size_t> filler_for_;  ///< the path tx each filler holds the way for
};

/// Agent 0: the adversary (and its filler, and its censoring pools' fork orders); agents 1..n:
/// the responders.
class GraphAgents {
public:
    GraphAgents(adversary::GraphPath& path, std::vector<roles::GraphResponder>& responders,
                std::optional<GraphCongestion>& congestion, GraphStage& stage,
                const GraphPlan& plan, bool censoring, double controlled_share)
        : path_(path),
          responders_(responders),
          congestion_(congestion),
          stage_(stage),
          plan_(plan),
          censored_(plan.responses),
          censoring_(censoring),
          controlled_share_(controlled_share) {}

    std::size_t size() const { return 1 + responders_.size(); }
    double latency_s(std::size_t i) const { return i == 0 ? 0.0 : responders_[i - 1].latency_s(); }
    void on_start(bitcoin::World& w) {
        refresh_censorship(w);
        path_.on_start(w);
        if (congestion_) congestion_->on_block(w);
        for (std::size_t i = 0; i < responders_.size(); ++i)
            responders_[i].on_start(static_cast<bitcoin::AgentIndex>(i + 1), w);
    }
    void on_block(std::size_t i, bitcoin::Height, bitcoin::World& w) {
        if (i == 0) {
            refresh_censorship(w);
            path_.on_block(w);
            if (congestion_) congestion_->on_block(w);
        } else {
            responders_[i - 1].on_block(w);
        }
    }
    void on_wake(std::size_t i, std::uint32_t, bitcoin::World& w) {
        if (i > 0) responders_[i - 1].on_wake(w);
    }
    bool done(const bitcoin::World& w) const {
        return path_.succeeded(w) || !path_.still_possible(w);
    }

private:
    /// Outputs appear as the path confirms: the censored set follows them.
    void refresh_censorship(bitcoin::World& w) {
        if (!censoring_) return;
        for (const auto& op : stage_.spent_outpoints(censored_, w))
            if (std::find(w.orders().censored.begin(), w.orders().censored.end(), op) ==
                w.orders().censored.end())
                w.orders().censored.push_back(op);
        open_race_if_due(w);
    }

    /// A private race covers a window as adversary/censor.hpp's CensorWindow does: it forks from
    /// the tip after which the response can first confirm and publishes once its chain reaches
    /// the last tip before the path tx spending the same output opens, and is strictly longer.
    /// Both heights are read from the blocks the inputs confirmed in, when the contested output
    /// appears. The world holds one race at a time, so it covers the first window that opens.
    void open_race_if_due(bitcoin::World& w) {
        if (plan_.fork != bitcoin::ForkStrategy::private_race || race_opened_) return;
        const auto& txs = stage_.design().graph.txs;
        for (std::size_t r : plan_.responses)
            for (std::size_t q : plan_.path) {
                bool shared = false;
                for (const auto& a : txs[r].spends)
                    for (const auto& b : txs[q].spends) shared = shared || a == b;
                if (!shared) continue;
                const auto from = stage_.valid_from(r, w);
                const auto until = stage_.valid_from(q, w);
                if (!from || !until || *from >= *until) continue;
                bitcoin::ForkOrders& f = w.fork_orders();
                f.strategy = bitcoin::ForkStrategy::private_race;
                f.race_from_height = *from - 1;
                f.race_until_height = *until - 1;
                // As adversary/censor.cpp: a minority gives up where that costs it at most 1e-6
                // of success; a majority always catches up and never does.
                f.give_up_deficit_blocks =
                    controlled_share_ < 0.5
                        ? static_cast<std::uint32_t>(
                              attacks::private_race_give_up_deficit(controlled_share_))
                        : 1'000'000u;
                race_opened_ = true;
                return;
            }
    }

    adversary::GraphPath& path_;
    std::vector<roles::GraphResponder>& responders_;
    std::optional<GraphCongestion>& congestion_;
    GraphStage& stage_;
    const GraphPlan& plan_;
    const std::vector<std::size_t>& censored_;
    bool censoring_;
    double controlled_share_;
    bool race_opened_ = false;
};

constexpr std::int64_t fork_margin_blocks = 2000;

/// True when agent class `agent` has a key whose holder is reachable and took no bribe.
bool honest_holder(const design::Design& d, const std::string& agent,
                   const adversary::KeyholderDraws& draws,
                   const std::vector<bitcoin::KeyId>& bribed) {
    for (const auto& g : d.key_groups) {
        if (g.held_by != agent) continue;
        for (bitcoin::KeyId k : *d.symbols.group(g.name))
            if (draws.available[k] && std::find(bribed.begin(), bribed.end(), k) == bribed.end())
                return true;
    }
    return false;
}

}  // namespace

PlanOutcome run_graph_plan(const design::Design& d, const GraphPlan& plan,
                           const PlannerParams& params, const bitcoin::WorldParams& world_params,
                           const adversary::KeyholderDraws& draws, const sim::RunInput& in) {
    PlanOutcome out;
    out.loot_btc = plan.loot_btc;
    // A posted offer changes who sells and at what price, not who is reachable to act honestly.
    const auto corruption = adversary::cheapest_corruption(
        d,
        params.posted_bribe_btc > 0.0 ? adversary::at_posted_offer(draws, params.posted_bribe_btc)
                                      : draws,
        plan.keys_needed);
    out.keys_obtained = corruption.has_value();
    if (!corruption) return out;  // the adversary cannot broadcast its path, or buy every responder
    out.keys_btc = corruption->cost_btc;
    out.keys_corrupted = static_cast<double>(corruption->keys.size());

    // The run covers the path from its first tx's earliest block to the theft's, plus the
    // planner's margin for fee wars and windows that slip.
    const GraphStage probe(d, 1, coin_height);
    bitcoin::Height first = probe.earliest(plan.steal);
    for (std::size_t t : plan.path) first = std::min(first, probe.earliest(t));
    // A response matters from when it is valid and its responder has started acting.
    for (std::size_t t : plan.responses)
        for (const auto& cls : d.graph.txs[t].broadcast_by)
            if (const auto r = d.graph.responders.find(cls); r != d.graph.responders.end())
                first = std::min(
                    first, std::max<bitcoin::Height>(probe.earliest(t),
                                                     coin_height + r->second.start_after_blocks));
    const bitcoin::Height start = std::max<bitcoin::Height>(coin_height, first - 1);
    bitcoin::WorldParams wp = world_params;
    wp.horizon_blocks =
        static_cast<std::int64_t>(probe.earliest(plan.steal) - start) + params.after_window_blocks;
    // A fork race may outlast the margin (a minority private racer gives up only tens of blocks
    // behind, which it reaches at a drift of 1 - 2 share per block); the run still ends as soon
    // as the theft or a response is final and no race is live (World::run), so this only bounds
    // a race nobody decides, which then counts as lost.
    if (plan.fork != bitcoin::ForkStrategy::none) wp.horizon_blocks += fork_margin_blocks;

    bitcoin::World world(wp, sim::StreamFactory(in.master_seed, in.stream_run));
    const bitcoin::TxId first_coin = world.next_txid();
    for (std::size_t i = 1; i < d.outputs.size(); ++i) world.next_txid();
    GraphStage stage(d, first_coin, coin_height);
    world.start_at_height(start);
    for (std::size_t i = 0; i < d.outputs.size(); ++i)
        world.add_coin(stage.design_coin(i), stage.design_coin_out(i), coin_height);

    // While it fills blocks, its own path txs must outbid its filler (large pieces bid 1.01x).
    const double path_rate =
        plan.tactic == GraphTactic::congest
            ? std::max(params.theft_fee_rate_sat_vb, 1.05 * plan.congest_fee_rate_sat_vb)
            : params.theft_fee_rate_sat_vb;
    adversary::GraphPath path(stage, plan.path, path_rate);
    std::vector<roles::GraphResponder> responders;
    for (const auto& [name, r] : d.graph.responders)
        responders.emplace_back(r, stage, honest_holder(d, name, draws, corruption->bribed));
    double censored_share = 0.0;
    const bool censoring = plan.tactic == GraphTactic::censor && plan.censor_share > 0.0;
    if (censoring) censored_share = adversary::censor_outputs(world, plan.censor_share, {});
    if (censoring && plan.fork == bitcoin::ForkStrategy::feather_fork) {
        // Forks only from blocks that confirm a censored spend, so it may be ordered at once.
        world.fork_orders().strategy = bitcoin::ForkStrategy::feather_fork;
        world.fork_orders().depth_blocks = plan.feather_fork_depth_blocks;
    }
    std::optional<GraphCongestion> congestion;
    if (plan.tactic == GraphTactic::congest)
        congestion.emplace(stage, plan, plan.congest_fee_rate_sat_vb);

    GraphAgents agents(path, responders, congestion, stage, plan, censoring, censored_share);
    world.run(agents);

    out.success = path.succeeded(world);
    out.duration_s = world.now_s();
    out.hash_share_s = censored_share * world.now_s();
    out.block_space_sat =
        static_cast<double>((path.fees_confirmed(world) +
                             (congestion ? congestion->fees_confirmed(world) : bitcoin::Sat{0}))
                                .value);
    out.bonds_slashed_btc = stage.slashed_btc(world);
    out.world = world.stats();
    return out;
}

}  // namespace models::layer2::planner

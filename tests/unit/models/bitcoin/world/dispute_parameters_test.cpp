// No dead parameters: every key the `dispute` model and the world it embeds declare (`l2sim
// describe dispute`) moves a named outcome column when it changes, from the same seeds. A key that
// no code read would leave every column identical run by run. (world.mempool.rules = core_v31 is
// shown at the world level in world_capacity_test.cpp: no dispute outcome depends on chain limits.)
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "models/layer2/dispute/dispute_model.hpp"
#include "tests/statistical/replications.hpp"

using models::layer2::DisputeModel;
using Params = DisputeModel::Params;

namespace {

/// Column sums over `runs` replications (NaN, "never", counts as -1 so it still compares).
std::vector<double> column_sums(const Params& p, int runs) {
    const auto rows = l2sim_test::replicate<DisputeModel>(p, runs, 29);
    std::vector<double> sums(rows.front().size(), 0.0);
    for (const auto& r : rows)
        for (std::size_t c = 0; c < r.size(); ++c) sums[c] += std::isnan(r[c]) ? -1.0 : r[c];
    return sums;
}

double column_sum(const Params& p, const std::vector<double>& sums, const std::string& name) {
    const auto cols = DisputeModel::outcome_columns(p);
    for (std::size_t i = 0; i < cols.size(); ++i)
        if (cols[i].name == name) return sums[i];
    throw std::runtime_error("no dispute column " + name);
}

/// No demand, no congestion, both parties reacting at once.
Params quiet() {
    Params p;
    p.world.demand.arrival_vb_per_s = 0.0;
    p.world.horizon_blocks = 12;
    p.dispute.window_blocks = 6;
    p.claimant.latency_s = 0.0;
    return p;
}

/// The demonstration's setting, shortened: background demand above capacity, censoring pools and
/// congestion that outbids the claim, so fees, bumps and filler all matter.
Params busy() {
    Params p;
    p.world.horizon_blocks = 8;
    p.world.demand.arrival_vb_per_s = 2200.0;
    p.world.demand.fee_rate_median_sat_vb = 8.0;
    p.dispute.window_blocks = 6;
    p.claimant.fee_rate_sat_vb = 10.0;
    p.adversary.censor.hash_share = 0.4;
    p.adversary.congest.fee_rate_sat_vb = 12.0;
    return p;
}

/// Background demand above capacity and nothing else, in chunks (110-130 vB) no larger than the
/// claim (133 vB) so no gap a block leaves can take the claim out of turn: the claim at the
/// demand's median fee rate waits for a block whose backlog bids less, so the demand's fee
/// parameters decide when it confirms.
Params demand_only() {
    Params p;
    p.world.horizon_blocks = 4;
    p.world.demand.arrival_vb_per_s = 3000.0;
    p.world.demand.fee_rate_median_sat_vb = 10.0;
    p.world.demand.tx_vbytes = 130;
    p.world.demand.min_tx_vbytes = 130;
    p.world.demand.epoch_s = 300.0;
    p.dispute.claim_delay_blocks = 2;
    p.dispute.window_blocks = 4;
    p.claimant.fee_rate_sat_vb = 10.0;
    return p;
}

Params bumping() {
    Params p = busy();
    p.claimant.fee_policy = "bump";
    p.claimant.bump_step_sat_vb = 1.0;
    return p;
}

Params censored_all() {
    Params p = quiet();
    p.world.pools.shares = {1.0};
    p.adversary.censor.hash_share = 1.0;
    return p;
}

/// A quiet world in which 40% of the hash censors and may fork: the fork keys decide how many
/// blocks end up orphaned (withholding orphans none).
Params forking(const std::string& strategy, std::int64_t depth) {
    Params p = quiet();
    p.world.pools.shares = {0.4, 0.35, 0.25};
    p.world.horizon_blocks = 10'000;
    p.dispute.window_blocks = 5;
    p.adversary.censor.hash_share = 0.4;
    p.adversary.censor.strategy = strategy;
    p.adversary.censor.feather_fork_depth_blocks = depth;
    return p;
}

/// A claim valid in one block only (its CSV met at 3, the adversary's at 4), blocks every 60 s,
/// relayed over the P2P network: how fast the claim reaches the pools decides whether it makes
/// its block, so every propagation key moves claim_confirm_height.
Params relayed() {
    Params p = quiet();
    p.world.block_interval_s = 20.0;
    p.dispute.claim_delay_blocks = 3;
    p.dispute.window_blocks = 4;
    p.world.propagation.enabled = true;
    return p;
}

/// Relay only over links whose trickle the varied key sets: the other direction's timer is slow,
/// so flooding cannot route around the key (it would over many parallel paths).
Params trickle_only(bool outbound) {
    Params p = relayed();
    (outbound ? p.world.propagation.inv_interval_inbound_s : p.world.propagation.inv_interval_outbound_s) = 10'000.0;
    return p;
}

Params relayed_regular() {
    Params p = relayed();
    p.world.propagation.topology = "random_regular";
    return p;
}

/// The claim goes out at the start from an eclipsed node whose attacker holds it back.
Params eclipsed(const std::string& relay) {
    Params p = relayed();
    p.dispute.claim_delay_blocks = 1;
    p.world.propagation.eclipse.agents = {0.0};
    p.world.propagation.eclipse.relay = relay;
    p.world.propagation.eclipse.delay_s = 1.0;
    return p;
}

struct Variation {
    std::string key;
    std::function<Params()> base;
    std::function<void(Params&)> change;
    std::string column;  ///< the outcome that must move
    int runs = 4;        ///< replications summed on each side (same seeds)
};

std::vector<Variation> variations() {
    return {
        {"world.block_interval_s", quiet, [](Params& p) { p.world.block_interval_s = 300.0; },
         "decided_after_s"},
        {"world.horizon_blocks", busy, [](Params& p) { p.world.horizon_blocks = 3; }, "blocks"},
        {"world.pools.shares", busy,
         [](Params& p) {
             p.world.pools.shares = {0.5, 0.5};
         },
         "censor_hash_share"},
        {"world.pools.bribe_rule",
         [] {
             Params p = quiet();
             p.adversary.sweep.bribe_btc = 0.01;
             return p;
         },
         [](Params& p) { p.world.pools.bribe_rule = "myopic"; }, "attack_success"},
        {"world.mempool.rules",
         [] {
             Params p = quiet();
             p.claimant.fee_rate_sat_vb = 0.5;  // below v28's relay floor, above v29.1's
             return p;
         },
         [](Params& p) { p.world.mempool.rules = "core_v29_1"; }, "claim_confirmed"},
        {"world.demand.arrival_vb_per_s", busy,
         [](Params& p) { p.world.demand.arrival_vb_per_s = 1000.0; }, "txs_broadcast"},
        {"world.demand.fee_rate_median_sat_vb", demand_only,
         [](Params& p) { p.world.demand.fee_rate_median_sat_vb = 25.0; }, "claim_confirm_height",
         8},
        {"world.demand.fee_rate_sigma", demand_only,
         [](Params& p) { p.world.demand.fee_rate_sigma = 2.5; }, "claim_confirm_height", 8},
        {"world.demand.level_sd", demand_only, [](Params& p) { p.world.demand.level_sd = 0.0; },
         "claim_confirm_height", 8},
        {"world.demand.level_persistence", demand_only,
         [](Params& p) { p.world.demand.level_persistence = 0.0; }, "claim_confirm_height", 8},
        {"world.demand.epoch_s", demand_only, [](Params& p) { p.world.demand.epoch_s = 60.0; },
         "claim_confirm_height", 8},
        {"world.demand.preset", busy, [](Params& p) { p.world.demand.preset = "quiet_2025"; },
         "txs_broadcast"},
        {"world.propagation.enabled", relayed, [](Params& p) { p.world.propagation.enabled = false; },
         "claim_confirm_height", 32},
        {"world.propagation.topology", relayed,
         [](Params& p) { p.world.propagation.topology = "random_regular"; }, "claim_confirm_height", 32},
        {"world.propagation.nodes", relayed, [](Params& p) { p.world.propagation.nodes = 20; },
         "claim_confirm_height", 32},
        {"world.propagation.degree", relayed_regular, [](Params& p) { p.world.propagation.degree = 2; },
         "claim_confirm_height", 32},
        {"world.propagation.latency_s", relayed_regular,
         [](Params& p) { p.world.propagation.latency_s = 5.0; }, "claim_confirm_height", 32},
        {"world.propagation.bandwidth_bps", relayed_regular,
         [](Params& p) { p.world.propagation.bandwidth_bps = 500.0; }, "claim_confirm_height", 32},
        {"world.propagation.inv_interval_outbound_s", [] { return trickle_only(true); },
         [](Params& p) { p.world.propagation.inv_interval_outbound_s = 20.0; }, "claim_confirm_height", 32},
        {"world.propagation.inv_interval_inbound_s", [] { return trickle_only(false); },
         [](Params& p) { p.world.propagation.inv_interval_inbound_s = 50.0; }, "claim_confirm_height", 32},
        {"world.propagation.eclipse.agents", [] { return eclipsed("withhold"); },
         [](Params& p) { p.world.propagation.eclipse.agents = {}; }, "claim_confirmed", 16},
        {"world.propagation.eclipse.relay", [] { return eclipsed("withhold"); },
         [](Params& p) { p.world.propagation.eclipse.relay = "delay"; }, "claim_confirmed", 16},
        {"world.propagation.eclipse.delay_s", [] { return eclipsed("delay"); },
         [](Params& p) { p.world.propagation.eclipse.delay_s = 100'000.0; }, "claim_confirmed", 16},
        {"world.demand.tx_vbytes", busy, [](Params& p) { p.world.demand.tx_vbytes = 1000; },
         "txs_broadcast"},
        {"world.demand.min_tx_vbytes", busy, [](Params& p) { p.world.demand.min_tx_vbytes = 2000; },
         "txs_broadcast"},
        {"world.demand.chunk_vbytes", busy, [](Params& p) { p.world.demand.chunk_vbytes = 50'000; },
         "txs_broadcast"},
        {"dispute.value_btc",
         [] {
             Params p = censored_all();
             p.adversary.sweep.bribe_btc = 0.5;
             return p;
         },
         [](Params& p) { p.dispute.value_btc = 0.1; }, "attack_success"},
        {"dispute.claim_delay_blocks", quiet, [](Params& p) { p.dispute.claim_delay_blocks = 3; },
         "claim_confirm_height"},
        {"dispute.window_blocks", censored_all, [](Params& p) { p.dispute.window_blocks = 9; },
         "sweep_confirm_height"},
        {"claimant.latency_s",
         [] {
             Params p = quiet();
             p.dispute.claim_delay_blocks = 2;
             return p;
         },
         [](Params& p) { p.claimant.latency_s = 3000.0; }, "claim_confirm_height"},
        {"claimant.fee_rate_sat_vb", quiet, [](Params& p) { p.claimant.fee_rate_sat_vb = 20.0; },
         "claim_fee_sat"},
        {"claimant.fee_policy", busy, [](Params& p) { p.claimant.fee_policy = "bump"; },
         "claim_replacements"},
        {"claimant.bump_step_sat_vb", bumping, [](Params& p) { p.claimant.bump_step_sat_vb = 5.0; },
         "claim_fee_sat"},
        {"claimant.max_fee_rate_sat_vb", bumping,
         [](Params& p) { p.claimant.max_fee_rate_sat_vb = 11.0; }, "claim_replacements"},
        {"adversary.censor.hash_share", busy,
         [](Params& p) { p.adversary.censor.hash_share = 0.8; }, "censor_hash_share"},
        {"adversary.censor.strategy", [] { return forking("withhold", 3); },
         [](Params& p) { p.adversary.censor.strategy = "feather_fork"; }, "orphaned_blocks", 16},
        {"adversary.censor.feather_fork_depth_blocks", [] { return forking("feather_fork", 1); },
         [](Params& p) { p.adversary.censor.feather_fork_depth_blocks = 4; }, "orphaned_blocks", 16},
        {"adversary.congest.fee_rate_sat_vb", busy,
         [](Params& p) { p.adversary.congest.fee_rate_sat_vb = 20.0; }, "congestion_fees_sat"},
        {"adversary.congest.vbytes_per_block", busy,
         [](Params& p) { p.adversary.congest.vbytes_per_block = 300'000; }, "congestion_vbytes"},
        {"adversary.congest.filler_vbytes", busy,
         [](Params& p) { p.adversary.congest.filler_vbytes = 50'000; }, "txs_broadcast"},
        {"adversary.congest.small_filler_vbytes", busy,
         [](Params& p) { p.adversary.congest.small_filler_vbytes = 1000; }, "txs_broadcast"},
        {"adversary.sweep.bribe_btc", censored_all,
         [](Params& p) { p.adversary.sweep.bribe_btc = 0.01; }, "sweep_fee_sat"},
        {"adversary.sweep.fee_rate_sat_vb", censored_all,
         [](Params& p) { p.adversary.sweep.fee_rate_sat_vb = 50.0; }, "sweep_fee_sat"},
        {"adversary.sweep.latency_s", censored_all,
         [](Params& p) { p.adversary.sweep.latency_s = 5000.0; }, "sweep_confirm_height"},
    };
}

/// Collects every key a describe() visits, with its section prefix.
struct KeyCollector {
    std::string prefix;
    std::vector<std::string> out;
    template <class T, class... R>
    void field(const std::string& name, T&, R&&...) {
        out.push_back(prefix + name);
    }
    template <class S>
    void section(const std::string& name, S& s) {
        const std::string saved = prefix;
        prefix += name + ".";
        s.describe(*this);
        prefix = saved;
    }
};

/// Every key `describe` lists for the model (experiment.* belong to the runner, not the model).
std::vector<std::string> declared_keys() {
    KeyCollector keys;
    Params p;
    p.describe(keys);
    return keys.out;
}

}  // namespace

TEST_CASE("Dispute: every declared parameter moves a named outcome", "[unit][world]") {
    const auto vars = variations();
    // Each declared key has a variation, so a key added later without one fails here.
    for (const auto& key : declared_keys()) {
        INFO("declared key without a variation: " << key);
        CHECK(std::any_of(vars.begin(), vars.end(),
                          [&](const Variation& v) { return v.key == key; }));
    }
    for (const auto& v : vars) {
        Params base = v.base();
        Params changed = base;
        v.change(changed);
        const double before = column_sum(base, column_sums(base, v.runs), v.column);
        const double after = column_sum(changed, column_sums(changed, v.runs), v.column);
        INFO(v.key << " -> " << v.column << ": " << before << " vs " << after);
        CHECK(before != after);
    }
}

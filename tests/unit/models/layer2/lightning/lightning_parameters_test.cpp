// No dead parameters: every key the `lightning` model declares (`l2sim describe lightning`; the
// world's own keys are covered by dispute_parameters_test.cpp) moves a named outcome column when
// it changes, from the same seeds. A key no code read would leave every column identical.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "models/layer2/lightning/lightning_world_model.hpp"
#include "tests/statistical/replications.hpp"

using models::layer2::lightning::LightningWorldModel;
using Params = LightningWorldModel::Params;

namespace {

std::vector<double> sums(const Params& p, int runs) {
    const auto rows = l2sim_test::replicate<LightningWorldModel>(p, runs, 17);
    std::vector<double> s(rows.front().size(), 0.0);
    for (const auto& r : rows)
        for (std::size_t c = 0; c < r.size(); ++c) s[c] += std::isnan(r[c]) ? -1.0 : r[c];
    return s;
}

Params revoked() {
    Params p;
    p.world.pools.shares = {0.5, 0.3, 0.2};
    p.world.demand.arrival_vb_per_s = 0.0;
    p.world.horizon_blocks = 30;
    p.channel.implementation = "cln";
    p.channel.to_self_delay_blocks = 6;
    p.channel.dispute_start_blocks = 0;
    p.tower.latency_s = 0.0;
    return p;
}

Params htlc() {
    Params p = revoked();
    p.world.horizon_blocks = 120;
    p.channel.contested = "htlc";
    p.channel.implementation = "lnd";
    p.channel.cltv_expiry_delta_blocks = 10;
    p.channel.scan_mempool = "no";
    return p;
}

Params cycling() {
    Params p = htlc();
    p.adversary.cycle.budget_sat = 1e8;
    p.adversary.cycle.reaction_s = 1.0;
    p.adversary.cycle.hold_s = 1.0;
    return p;
}

struct Case {
    std::string key;
    std::function<Params()> base;
    std::function<void(Params&)> change;
};

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

/// Every key the `lightning` model declares beyond the world's own (world.* is walked by
/// dispute_parameters_test.cpp, which runs the same World).
std::vector<std::string> declared_lightning_keys() {
    KeyCollector keys;
    Params p;
    p.describe(keys);
    std::vector<std::string> out;
    for (const auto& k : keys.out)
        if (k.rfind("world.", 0) != 0) out.push_back(k);
    return out;
}

Params censored(const std::string& strategy) {
    Params p = revoked();
    p.world.pools.shares = {0.4, 0.35, 0.25};
    p.world.horizon_blocks = 2000;
    p.adversary.censor.hash_share = 0.4;
    p.adversary.censor.strategy = strategy;
    return p;
}

}  // namespace

TEST_CASE("lightning: every declared parameter moves an outcome", "[unit][lightning-world]") {
    const std::vector<Case> cases{
        {"channel.contested", revoked,
         [](Params& p) {
             p.channel.contested = "htlc";
             p.world.horizon_blocks = 120;
         }},
        {"channel.implementation",
         [] {
             auto p = htlc();
             p.channel.cltv_expiry_delta_blocks = 0;
             return p;
         },
         [](Params& p) { p.channel.implementation = "cln"; }},
        {"channel.capacity_btc", revoked, [](Params& p) { p.channel.capacity_btc = 0.2; }},
        {"channel.channels", htlc, [](Params& p) { p.channel.channels = 2; }},
        {"channel.htlcs_per_channel", htlc, [](Params& p) { p.channel.htlcs_per_channel = 2; }},
        {"channel.htlc_value_btc", htlc, [](Params& p) { p.channel.htlc_value_btc = 0.02; }},
        {"channel.commitment_fee_rate_sat_vb",
         [] {
             auto p = revoked();
             p.channel.format = "legacy";
             return p;
         },
         [](Params& p) { p.channel.commitment_fee_rate_sat_vb = 5.0; }},
        {"channel.format", htlc, [](Params& p) { p.channel.format = "legacy"; }},
        {"channel.to_self_delay_blocks", revoked,
         [](Params& p) { p.channel.to_self_delay_blocks = 8; }},
        {"channel.cltv_expiry_delta_blocks", htlc,
         [](Params& p) { p.channel.cltv_expiry_delta_blocks = 12; }},
        {"channel.rebroadcast_interval_blocks", cycling,
         [](Params& p) { p.channel.rebroadcast_interval_blocks = 5; }},
        {"channel.scan_mempool", cycling,
         [](Params& p) {
             p.channel.scan_mempool = "yes";
             p.victim.mempool_poll_s = 0.5;
         }},
        {"channel.dispute_start_blocks", revoked,
         [](Params& p) { p.channel.dispute_start_blocks = 3; }},
        {"victim.latency_s", htlc, [](Params& p) { p.victim.latency_s = 900.0; }},
        {"victim.fee_rate_sat_vb", htlc, [](Params& p) { p.victim.fee_rate_sat_vb = 8.0; }},
        {"victim.fee_policy", htlc, [](Params& p) { p.victim.fee_policy = "fixed"; }},
        {"victim.max_fee_share", cycling, [](Params& p) { p.victim.max_fee_share = 0.1; }},
        {"victim.mempool_poll_s",
         [] {
             auto p = cycling();
             p.channel.scan_mempool = "yes";
             return p;
         },
         [](Params& p) { p.victim.mempool_poll_s = 0.5; }},
        {"tower.availability", revoked, [](Params& p) { p.tower.availability = 0.3; }},
        {"tower.latency_s", revoked, [](Params& p) { p.tower.latency_s = 3000.0; }},
        {"tower.fee_rate_sat_vb", revoked, [](Params& p) { p.tower.fee_rate_sat_vb = 20.0; }},
        {"tower.fee_policy",
         [] {
             auto p = revoked();
             p.adversary.censor.hash_share = 0.8;
             return p;
         },
         [](Params& p) { p.tower.fee_policy = "bump"; }},
        {"tower.bump_step_sat_vb",
         [] {
             auto p = revoked();
             p.adversary.censor.hash_share = 0.8;
             p.tower.fee_policy = "bump";
             return p;
         },
         [](Params& p) { p.tower.bump_step_sat_vb = 30.0; }},
        {"tower.max_fee_share", revoked, [](Params& p) { p.tower.max_fee_share = 0.000'01; }},
        {"adversary.censor.hash_share", revoked,
         [](Params& p) { p.adversary.censor.hash_share = 0.8; }},
        {"adversary.censor.strategy", [] { return censored("withhold"); },
         [](Params& p) { p.adversary.censor.strategy = "private_race"; }},
        {"adversary.censor.feather_fork_depth_blocks", [] { return censored("feather_fork"); },
         [](Params& p) { p.adversary.censor.feather_fork_depth_blocks = 1; }},
        {"adversary.congest.fee_rate_sat_vb", revoked,
         [](Params& p) { p.adversary.congest.fee_rate_sat_vb = 11.0; }},
        {"adversary.congest.vbytes_per_block",
         [] {
             auto p = revoked();
             p.adversary.congest.fee_rate_sat_vb = 11.0;
             return p;
         },
         [](Params& p) { p.adversary.congest.vbytes_per_block = 500'000; }},
        {"adversary.congest.filler_vbytes",
         [] {
             auto p = revoked();
             p.adversary.congest.fee_rate_sat_vb = 11.0;
             return p;
         },
         [](Params& p) { p.adversary.congest.filler_vbytes = 30'000; }},
        {"adversary.congest.small_filler_vbytes",
         [] {
             auto p = revoked();
             p.adversary.congest.fee_rate_sat_vb = 11.0;
             return p;
         },
         [](Params& p) { p.adversary.congest.small_filler_vbytes = 300; }},
        {"adversary.watch_s",
         [] {
             auto p = revoked();
             p.adversary.congest.fee_rate_sat_vb = 11.0;
             p.tower.latency_s = 30.0;
             return p;
         },
         [](Params& p) { p.adversary.watch_s = 400.0; }},
        {"adversary.thief.bribe_btc",
         [] {
             auto p = revoked();
             p.world.pools.bribe_rule = "myopic";
             return p;
         },
         [](Params& p) { p.adversary.thief.bribe_btc = 0.001; }},
        {"adversary.thief.fee_rate_sat_vb", revoked,
         [](Params& p) { p.adversary.thief.fee_rate_sat_vb = 40.0; }},
        {"adversary.dilation.dilation_s_per_block", revoked,
         [](Params& p) { p.adversary.dilation.dilation_s_per_block = 600.0; }},
        {"adversary.dilation.eclipse_hours",
         [] {
             auto p = revoked();
             p.adversary.dilation.dilation_s_per_block = 600.0;
             return p;
         },
         [](Params& p) { p.adversary.dilation.eclipse_hours = 0.01; }},
        {"adversary.pin.child_vbytes", htlc,
         [](Params& p) { p.adversary.pin.child_vbytes = 50'000; }},
        {"adversary.pin.fee_rate_sat_vb",
         [] {
             auto p = htlc();
             p.adversary.pin.child_vbytes = 50'000;
             return p;
         },
         [](Params& p) { p.adversary.pin.fee_rate_sat_vb = 2.0; }},
        {"adversary.cycle.budget_sat", htlc, [](Params& p) { p.adversary.cycle.budget_sat = 1e8; }},
        {"adversary.cycle.reaction_s", cycling,
         [](Params& p) { p.adversary.cycle.reaction_s = 20.0; }},
        {"adversary.cycle.hold_s", cycling, [](Params& p) { p.adversary.cycle.hold_s = 30.0; }},
        {"adversary.funding_fee_rate_sat_vb", htlc,
         [](Params& p) { p.adversary.funding_fee_rate_sat_vb = 5.0; }},
    };
    // Each declared key has a case, so a key added later without one fails here.
    for (const auto& key : declared_lightning_keys()) {
        INFO("declared key without a case: " << key);
        CHECK(std::any_of(cases.begin(), cases.end(), [&](const Case& c) { return c.key == key; }));
    }
    for (const Case& c : cases) {
        Params a = c.base(), b = c.base();
        c.change(b);
        INFO(c.key);
        CHECK(sums(a, 6) != sums(b, 6));
    }
}

// Lightning attacks against the closed forms derived for them (README, "Lightning"): censorship of
// the justice transaction over to_self_delay (majority and feather-forking), the timelocked-bribery
// condition, and the Flood & Loot capacity bound. z = 3.29 binomial standard errors, fixed seeds.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>

#include "models/attacks/closed_forms.hpp"
#include "models/attacks/strongest_censor.hpp"
#include "models/layer2/layer2_model.hpp"
#include "models/layer2/lightning/channel.hpp"
#include "models/layer2/lightning/lightning_closed_forms.hpp"
#include "replications.hpp"

using l2sim_test::within_binomial;
using models::layer2::Layer2Model;
using models::layer2::Layer2Params;
namespace lf = models::layer2::lightning_forms;

namespace {

Layer2Params lightning(const char* attack) {
    Layer2Params p;
    p.layer2.design = "lightning";
    p.layer2.attack = attack;
    return p;
}

void check(const char* what, const Layer2Params& p, double exact, int runs, std::uint64_t seed) {
    CHECK(l2sim_test::success_matches<Layer2Model>(what, p, exact, runs, seed));
}

}  // namespace

TEST_CASE("lightning: censoring the justice transaction over to_self_delay", "[stat-light]") {
    namespace cf = models::attacks::closed_forms;
    auto p = lightning("revoked_majority");
    p.lightning.implementation = "custom";
    p.lightning.to_self_delay_blocks = 12;
    for (double a : {0.45, 0.5, 0.55}) {  // a majority forks until the window closes
        p.attack.hash_share = a;
        check("revoked state, majority censor, window 12", p, models::attacks::strongest_censor(a, 12, 12).success(), 20000, 71);
    }
    p.layer2.attack = "revoked_feather_fork";
    p.lightning.to_self_delay_blocks = 6;
    for (double a : {0.2, 0.35}) {
        p.attack.hash_share = a;
        p.attack.feather_fork_depth = 2;
        check("revoked state, feather-fork depth 2, window 6", p, models::attacks::strongest_censor(a, 2, 6).success(), 20000, 72);
    }
}

TEST_CASE("lightning: timelocked bribery succeeds as the Nadahalli et al. condition says", "[stat-light]") {
    auto p = lightning("revoked_bribery");
    p.lightning.implementation = "custom";
    p.lightning.to_self_delay_blocks = 4;
    p.lightning.watcher = "tower_fixed";  // 10 sat/vB x 300 vB = 3,000 sat of fee
    const double fee = lf::justice_fee_btc(p.lightning);
    CHECK(fee == Approx(3e-5));
    // Default template builders (miner_params.hpp): 0.40, 0.37, 0.10, 0.06, 0.04, 0.02 and ten of 0.001.
    for (double bribe : {fee / 0.39, fee / 0.05, fee / 0.015, fee / 0.00099}) {
        p.attack.miner_bribe_btc = bribe;
        check("timelocked bribe, window 4 blocks", p, lf::bribery_success(p.miners.template_shares, bribe, fee, 4), 20000, 73);
    }
    // Above fee / lambda_min every miner accepts; a victim that bumps to the channel value
    // (scorched earth) needs a bribe above capacity / lambda_min: more than the loot.
    CHECK(lf::bribery_success(p.miners.template_shares, fee / 0.00099, fee, 144) == 1.0);
    CHECK(lf::bribery_success(p.miners.template_shares, fee / 0.0011, fee, 144) == Approx(std::pow(0.99, 144)));
    p.lightning.watcher = "tower_bump";
    CHECK(lf::bribery_success(p.miners.template_shares, p.lightning.channel_capacity_btc, lf::justice_fee_btc(p.lightning), 4) == 0.0);
}

TEST_CASE("lightning: Flood & Loot steals exactly the HTLCs beyond the capacity bound", "[stat-light]") {
    auto p = lightning("flood_and_loot");
    p.lightning.implementation = "cln";  // cltv_expiry_delta 34, 30 HTLCs per channel
    p.lightning.htlcs_per_channel = 30;
    p.lightning.competing_share = 0.5;
    p.lightning.competing_share_sd = 0.0;
    const double cap = lf::flood_capacity(p.lightning, 34, false);  // fixed fee below competing demand
    for (bool anchors : {false, true})
        for (int channels : {3000, 3300, 3600, 6000}) {
            p.lightning.anchors = anchors;
            p.lightning.channels = channels;
            const auto rows = l2sim_test::replicate<Layer2Model>(p, 3, 74);
            const double stolen_htlcs = rows[0][2] / p.lightning.htlc_value_btc;  // value_stolen_btc
            std::printf("flood & loot, anchors %d, %5d channels x 30 HTLCs: bound %.0f stolen, simulated %.0f\n", anchors,
                        channels, lf::flood_stolen(p.lightning), stolen_htlcs);
            CHECK(stolen_htlcs == Approx(lf::flood_stolen(p.lightning)).margin(0.5));
            CHECK(rows[0][2] == rows[1][2]);  // deterministic when block shares are constant
        }
    CHECK(cap == 34 * 2857);
}

TEST_CASE("lightning: congestion beats a fixed-fee justice and pays the closed-form fees", "[stat-light]") {
    auto p = lightning("congestion");
    p.attack.target = "justice";
    p.lightning.implementation = "cln";  // to_self_delay 144
    p.lightning.watcher = "tower_fixed";
    p.attack.fee_rate_sat_vb = 11.0;     // just above the tower's 10 sat/vB
    const auto o = l2sim_test::replicate<Layer2Model>(p, 1, 75)[0];
    CHECK(o[0] == 1);
    // Competing demand at 20 sat/vB keeps half of each block; the attacker buys the other half.
    CHECK(o[10] == Approx(144 * 0.5 * 1e6 * 11.0));  // fees_paid_sat
    p.lightning.watcher = "tower_bump";  // bumps up to the channel value: the filler loses at once
    CHECK(l2sim_test::replicate<Layer2Model>(p, 1, 75)[0][0] == 0);
}

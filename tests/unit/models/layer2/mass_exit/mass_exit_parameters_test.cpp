// No dead parameters: every [tree.<name>] key and every `mass_exit` key moves an outcome. Each
// section changes one key from a base case and checks the outcome it should move, with fixed
// seeds (the runs are deterministic given the seed).
#include <catch2/catch.hpp>

#include "tests/support/mass_exit_runs.hpp"

using namespace mass_exit_test;

namespace {

/// Self-congesting base: 64 users whose 99,900-vB claims fill 10 per block, so claims wait and
/// bump; a window of 11 blocks leaves room for 60 of them (blocks 5..10 of claims, d = 2).
Tree base_tree() {
    Tree t;
    t.lifetime_blocks = 11;
    return t;
}

}  // namespace

TEST_CASE("mass exit: every tree key moves an outcome", "[unit][mass_exit]") {
    const auto base = run(quiet(write_design(base_tree(), "p_base")));
    REQUIRE(base.at("ark_exited") > 0);
    REQUIRE(base.at("ark_exited") < 64);

    Tree t = base_tree();
    SECTION("arity: a binary tree has 63 tree transactions, not 21, and is 6 deep") {
        t.arity = 2;
        const auto o = run(quiet(write_design(t, "p_arity")));
        CHECK(o.at("ark_exited") < base.at("ark_exited"));  // 3 more levels before the claims
    }
    SECTION("users") {
        t.users = 16;
        const auto o = run(quiet(write_design(t, "p_users")));
        CHECK(o.at("ark_users") == 16);
        CHECK(o.at("ark_exited") == 16);
    }
    SECTION("node_vbytes") {
        t.node_vbytes = 400;
        CHECK(run(quiet(write_design(t, "p_node"))).at("ark_vbytes") > base.at("ark_vbytes"));
    }
    SECTION("leaf_vbytes") {
        t.leaf_vbytes = 49'950;  // 20 claims per block
        CHECK(run(quiet(write_design(t, "p_leaf"))).at("ark_exited") > base.at("ark_exited"));
    }
    SECTION("lifetime_blocks") {
        t.lifetime_blocks = 20;
        CHECK(run(quiet(write_design(t, "p_life"))).at("ark_exited") > base.at("ark_exited"));
    }
    SECTION("exit_delay_blocks") {
        t.exit_delay_blocks = 5;
        CHECK(run(quiet(write_design(t, "p_delay"))).at("ark_exited") < base.at("ark_exited"));
    }
    SECTION("vtxo_value_btc") {
        t.vtxo_value_btc = 0.2;
        CHECK(run(quiet(write_design(t, "p_value"))).at("ark_value_btc") ==
              Approx(2 * base.at("ark_value_btc")));
    }
}

TEST_CASE("mass exit: every scenario key moves an outcome", "[unit][mass_exit]") {
    const std::string design = write_design(base_tree(), "s_base");
    const auto p0 = quiet(design);
    const auto base = run(p0);
    auto p = p0;
    SECTION("ark.rounds") {
        p.ark.rounds = 2;
        CHECK(run(p).at("ark_users") == 128);
        p.ark.rounds = 0;
        CHECK(run(p).at("ark_users") == 0);
    }
    SECTION("ark.round_age_blocks: an older round leaves a shorter window") {
        p.ark.round_age_blocks = 2;
        CHECK(run(p).at("ark_exited") < base.at("ark_exited"));
    }
    SECTION("ark.fee_rate_sat_vb") {
        p.ark.fee_rate_sat_vb = 20.0;
        p.ark.max_fee_rate_sat_vb = 500.0;
        CHECK(run(p).at("ark_fees_sat") > base.at("ark_fees_sat"));
    }
    SECTION("ark.bump_step_sat_vb: claims that miss a block re-bid") {
        p.ark.bump_step_sat_vb = 0.0;
        CHECK(run(p).at("ark_fees_sat") < base.at("ark_fees_sat"));
    }
    SECTION("ark.max_fee_rate_sat_vb caps the re-bids") {
        p.ark.max_fee_rate_sat_vb = 15.0;
        CHECK(run(p).at("ark_fees_sat") < base.at("ark_fees_sat"));
    }
    SECTION("failure_after_blocks: the run waits that many blocks before the exits start") {
        p.failure_after_blocks = 3;
        CHECK(run(p).at("blocks") == base.at("blocks") + 3);
    }
}

TEST_CASE("mass exit: every lightning key moves an outcome", "[unit][mass_exit]") {
    // The Ark claims bid up to 500 sat/vB in blocks they fill; the Lightning side's claims rise
    // towards half an HTLC's value by the deadline, so small HTLCs are priced out.
    Tree t = base_tree();
    t.lifetime_blocks = 200;
    t.users = 1024;  // 103 blocks of claims: past the Lightning deadline
    auto p = quiet(write_design(t, "l_base"));
    // The Lightning node polls its mempool every few seconds: blocks at their usual pace.
    p.world.block_interval_s = 600.0;
    p.lightning.channels = 4;
    p.lightning.htlcs_per_channel = 2;
    p.lightning.htlc_value_btc = 0.0001;
    const auto base = run(p);
    CHECK(base.at("ln_htlcs") == 8);
    SECTION("lightning.channels") {
        p.lightning.channels = 6;
        CHECK(run(p).at("ln_htlcs") == 12);
    }
    SECTION("lightning.htlcs_per_channel") {
        p.lightning.htlcs_per_channel = 3;
        CHECK(run(p).at("ln_htlcs") == 12);
    }
    SECTION("lightning.htlc_value_btc: large HTLCs outbid the exits") {
        p.lightning.htlc_value_btc = 0.05;
        CHECK(run(p).at("ln_htlcs_lost") < base.at("ln_htlcs_lost"));
    }
    SECTION("lightning.implementation: another preset's deltas and format") {
        p.lightning.implementation = "cln";
        const auto o = run(p);
        CHECK((o.at("ln_fees_sat") != base.at("ln_fees_sat") ||
               o.at("ln_htlcs_lost") != base.at("ln_htlcs_lost")));
    }
}

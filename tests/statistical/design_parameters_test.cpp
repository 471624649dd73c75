// No dead parameters: every key a design file declares, and every planner key, moves some outcome
// of the plans that run on it. Each row varies one key of a base design (or the planner) and
// names the outcome column expected to move; both sides run the same seeds, so the keyholders and
// blocks are the same draws and only the varied key differs.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <functional>

#include "tests/support/design_runs.hpp"

namespace {

using l2sim_test::design_params;
using l2sim_test::run_design;
using l2sim_test::with;
using Params = models::layer2::planner::DesignAttackModel::Params;

const std::string base = R"toml([design]
name = "base"
[keys]
f = { count = 5, held_by = "signer" }
e = { count = 3, held_by = "emergency" }
[agents.signer]
availability = 0.9
corruption_cost_btc = { law = "lognormal", median = 10.0, sigma = 1.0 }
bond_btc = 5.0
[agents.emergency]
availability = 0.9
corruption_cost_btc = { law = "fixed", median = 3.0 }
[failure_groups.vendor]
members = ["f[0..2]"]
probability = 0.5
cost_btc = 4.0
[outputs.peg]
policy = "or(thresh(3, f[*]), and(thresh(2, e[*]), older(20)))"
value_btc = 10.0
rotate_before_blocks = 8
[watchers.federation]
reacts = "rotate"
latency_s = 0.0
fee_rate_sat_vb = 10.0
fee_policy = "bump"
bump_step_sat_vb = 10.0
max_fee_rate_sat_vb = 500.0
[watchers.enforcer]
reacts = "slash"
latency_s = 60.0
fee_rate_sat_vb = 20.0
fee_policy = "fixed"
bump_step_sat_vb = 10.0
max_fee_rate_sat_vb = 500.0
[bonds]
unbond_blocks = 100
[deposit]
value_btc = 2.0
credit_after_confirmations = 6
)toml";

struct Variation {
    const char* key;
    std::function<std::string(const std::string&)> edit_design;
    std::function<void(Params&)> edit_params;
    const char* column;
};

Params base_params(const std::string& name, const std::string& text) {
    Params p = design_params(name, text);
    p.planner.censor_shares = {0.0, 0.5, 1.0};
    return p;
}

std::function<std::string(const std::string&)> replace(std::string from, std::string to) {
    return [from, to](const std::string& t) { return with(t, from, to); };
}
const auto same_design = [](const std::string& t) { return t; };
const auto same_params = [](Params&) {};

void check_moves(const std::vector<Variation>& rows, const std::string& base_text,
                 const std::function<void(Params&)>& setup, int runs) {
    Params b = base_params("dead_base", base_text);
    setup(b);
    const auto base_runs = run_design(b, runs, 21);
    for (const auto& v : rows) {
        Params p = base_params("dead_variant", v.edit_design(base_text));
        setup(p);
        v.edit_params(p);
        const auto var_runs = run_design(p, runs, 21);
        const double before = base_runs.mean(v.column), after = var_runs.mean(v.column);
        std::printf("%-40s %-44s %12.4f -> %12.4f\n", v.key, v.column, before, after);
        CHECK_FALSE(before == after);
    }
}

}  // namespace

TEST_CASE("design parameters: every key of a design and of the planner moves an outcome", "[stat-light][planner]") {
    const std::vector<Variation> rows{
        {"keys.f.count", replace("count = 5", "count = 9"), same_params, "peg__f3__keys_btc"},
        {"keys.f.held_by", replace("held_by = \"signer\"", "held_by = \"emergency\""), same_params, "peg__f3__keys_btc"},
        {"agents.signer.availability", replace("availability = 0.9", "availability = 0.4"), same_params,
         "peg__f3__keys_obtained"},
        {"agents.signer.corruption_cost_btc.law", replace("law = \"lognormal\"", "law = \"fixed\""), same_params,
         "peg__f3__keys_btc"},
        {"agents.signer.corruption_cost_btc.median", replace("median = 10.0", "median = 20.0"), same_params,
         "peg__f3__keys_btc"},
        {"agents.signer.corruption_cost_btc.sigma", replace("sigma = 1.0", "sigma = 0.2"), same_params,
         "peg__f3__keys_btc"},
        {"agents.signer.bond_btc", replace("bond_btc = 5.0", "bond_btc = 50.0"), same_params,
         "peg__f3__bonds_slashed_btc"},
        {"failure_groups.vendor.members", replace("f[0..2]", "f[0..1]"), same_params, "peg__f3__keys_btc"},
        {"failure_groups.vendor.probability", replace("probability = 0.5", "probability = 0.0"), same_params,
         "peg__f3__keys_btc"},
        {"failure_groups.vendor.cost_btc", replace("cost_btc = 4.0", "cost_btc = 1.0"), same_params,
         "peg__f3__keys_btc"},
        {"outputs.peg.policy", replace("thresh(3, f[*])", "thresh(5, f[*])"), same_params,
         "peg__e2_wait20_censor0__success"},
        {"outputs.peg.value_btc", replace("value_btc = 10.0", "value_btc = 20.0"), same_params, "peg__f3__loot_btc"},
        {"outputs.peg.rotate_before_blocks", replace("rotate_before_blocks = 8", "rotate_before_blocks = 2"),
         same_params, "peg__e2_wait20_censor50__success"},
        {"watchers.federation.latency_s", replace("latency_s = 0.0", "latency_s = 6000.0"), same_params,
         "peg__e2_wait20_censor0__success"},
        {"watchers.federation.fee_rate_sat_vb", replace("fee_rate_sat_vb = 10.0", "fee_rate_sat_vb = 50.0"),
         same_params, "peg__e2_wait20_censor100__block_space_sat"},
        {"watchers.federation.fee_policy", replace("fee_policy = \"bump\"", "fee_policy = \"fixed\""), same_params,
         "peg__e2_wait20_censor100__block_space_sat"},
        {"watchers.federation.bump_step_sat_vb", replace("bump_step_sat_vb = 10.0", "bump_step_sat_vb = 30.0"),
         same_params, "peg__e2_wait20_censor100__block_space_sat"},
        {"watchers.federation.max_fee_rate_sat_vb", replace("max_fee_rate_sat_vb = 500.0", "max_fee_rate_sat_vb = 40.0"),
         same_params, "peg__e2_wait20_censor100__block_space_sat"},
        {"watchers.enforcer.latency_s", replace("latency_s = 60.0", "latency_s = 100000.0"), same_params,
         "peg__f3__bonds_slashed_btc"},
        {"bonds.unbond_blocks", replace("unbond_blocks = 100", "unbond_blocks = 1"), same_params,
         "peg__f3__bonds_slashed_btc"},
        {"deposit.value_btc", replace("value_btc = 2.0", "value_btc = 3.0"), same_params,
         "deposit__reorg6_hash30__loot_btc"},
        {"planner.theft_fee_rate_sat_vb", same_design, [](Params& p) { p.planner.theft_fee_rate_sat_vb = 80.0; },
         "peg__f3__block_space_sat"},
        {"planner.race_give_up_deficit", same_design, [](Params& p) { p.planner.race_give_up_deficit = 1; },
         "deposit__reorg6_hash30__success"},
    };
    // Keys that rename their plans (credit_after_confirmations, censor_shares, race_hash_shares)
    // and the keys that act only when blocks are contested are checked in the cases below.
    check_moves(rows, base, same_params, 60);
}

TEST_CASE("design parameters: keys that rename their plans move them", "[stat-light][planner]") {
    // credit_after_confirmations, race_hash_shares and censor_shares are part of the plan ids.
    Params p = base_params("dead_rename", base);
    p.planner.race_hash_shares = {0.4};
    const double z6 = run_design(p, 200, 23).mean("deposit__reorg6_hash40__success");
    Params q = base_params("dead_rename2", with(base, "credit_after_confirmations = 6", "credit_after_confirmations = 2"));
    q.planner.race_hash_shares = {0.4};
    const double z2 = run_design(q, 200, 23).mean("deposit__reorg2_hash40__success");
    Params r = base_params("dead_rename3", base);
    r.planner.race_hash_shares = {0.1};
    const double h10 = run_design(r, 200, 23).mean("deposit__reorg6_hash10__success");
    std::printf("deposit reorg success: z=6 q=0.4 %.3f, z=2 q=0.4 %.3f, z=6 q=0.1 %.3f\n", z6, z2, h10);
    CHECK(z2 > z6);
    CHECK(h10 < z6);
    Params s = base_params("dead_rename4", base);
    s.planner.censor_shares = {0.9};  // only the largest pools' 0.9: more blocks censored than at 0.5
    const auto runs = run_design(s, 200, 23);
    const auto runs50 = run_design(base_params("dead_rename5", base), 200, 23);
    CHECK(runs.mean("peg__e2_wait20_censor90__success") > runs50.mean("peg__e2_wait20_censor50__success"));
}

TEST_CASE("design parameters: a watcher's role decides which reaction the design has", "[stat-light][planner]") {
    // reacts = "rotate" makes the emergency path need censoring; with the federation's role
    // changed to "slash" (and the other slasher removed), nobody rotates the coin, and the
    // emergency path simply waits out its CSV.
    const auto rotated = run_design(base_params("dead_role", base), 30, 25);
    CHECK(rotated.mean("peg__e2_wait20_censor0__success") == 0.0);
    const auto enforcer = base.find("[watchers.enforcer]");
    std::string no_rotation = base.substr(0, enforcer) + base.substr(base.find("[bonds]"));
    no_rotation = with(no_rotation, "reacts = \"rotate\"", "reacts = \"slash\"");
    const auto open = run_design(base_params("dead_role2", no_rotation), 30, 25);
    // Every run that could buy 2 of the 3 emergency keys takes the coin.
    CHECK(open.mean("peg__e2_wait20__success") == open.mean("peg__e2_wait20__keys_obtained"));
    CHECK(open.mean("peg__e2_wait20__success") > 0.9);
}

TEST_CASE("design parameters: fee keys act when blocks are contested", "[stat-light][planner]") {
    // With background demand above capacity (world default 1,800 vB/s), a slash at 1 sat/vB that
    // never re-bids waits behind the demand while the bribed signers' bonds unlock (8 blocks):
    // the slash watcher's fee rate, policy, step and cap decide whether the bonds are taken. The
    // planner's after_window_blocks decides whether a cheap theft still confirms before the run ends.
    std::string contested = with(base, "unbond_blocks = 100", "unbond_blocks = 8");
    contested = with(contested, "fee_rate_sat_vb = 20.0\nfee_policy = \"fixed\"", "fee_rate_sat_vb = 1.0\nfee_policy = \"fixed\"");
    const auto demand = [](Params& p) { p.world.demand.arrival_vb_per_s = 1800.0; };
    const std::vector<Variation> rows{
        {"watchers.enforcer.fee_rate_sat_vb", replace("fee_rate_sat_vb = 1.0", "fee_rate_sat_vb = 30.0"), same_params,
         "peg__f3__bonds_slashed_btc"},
        {"watchers.enforcer.fee_policy", replace("fee_rate_sat_vb = 1.0\nfee_policy = \"fixed\"",
                                                 "fee_rate_sat_vb = 1.0\nfee_policy = \"bump\""),
         same_params, "peg__f3__bonds_slashed_btc"},
    };
    check_moves(rows, contested, demand, 12);
    // Step and cap of a bumping slasher capped at 20 sat/vB: a large step reaches the cap (above
    // the demand's median) at once, a small one is still below it when the bonds unlock, and
    // then the cap keeps it from outbidding the withdrawals.
    const std::string bumping = with(contested, "fee_rate_sat_vb = 1.0\nfee_policy = \"fixed\"\nbump_step_sat_vb = 10.0\nmax_fee_rate_sat_vb = 500.0",
                                     "fee_rate_sat_vb = 1.0\nfee_policy = \"bump\"\nbump_step_sat_vb = 10.0\nmax_fee_rate_sat_vb = 20.0");
    const std::vector<Variation> bump_rows{
        {"watchers.enforcer.bump_step_sat_vb", replace("bump_step_sat_vb = 10.0\nmax_fee_rate_sat_vb = 20.0\n[bonds]",
                                                       "bump_step_sat_vb = 0.1\nmax_fee_rate_sat_vb = 20.0\n[bonds]"),
         same_params, "peg__f3__bonds_slashed_btc"},
        {"watchers.enforcer.max_fee_rate_sat_vb", replace("max_fee_rate_sat_vb = 20.0\n[bonds]", "max_fee_rate_sat_vb = 1.0\n[bonds]"),
         same_params, "peg__f3__bonds_slashed_btc"},
        {"planner.after_window_blocks", same_design,
         [](Params& p) {
             p.planner.theft_fee_rate_sat_vb = 1.0;
             p.planner.after_window_blocks = 1;
         },
         "peg__f3__block_space_sat"},
    };
    check_moves(bump_rows, bumping, demand, 12);
}

// Limit cases of the presigned-graph planner (planner/graph_plan.hpp, graph_run.hpp), each decided
// by what confirmed in the world and compared with a closed form the simulation does not compute.
// z = 3.29 intervals from each test's own run count (tests/statistical/replications.hpp).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "tests/statistical/replications.hpp"
#include "tests/support/design_runs.hpp"

namespace {

using l2sim_test::design_params;
using l2sim_test::run_design;
using l2sim_test::with;

bool near(const char* what, double sim, double exact, int runs) {
    double hw = 0.0;
    const bool ok = l2sim_test::within_binomial(sim, exact, runs, &hw);
    std::printf("%-60s closed %.5f  simulated %.5f  CI half %.5f\n", what, exact, sim, hw);
    return ok;
}

std::string source_file(const std::string& name) {
    return std::string(L2SIM_SOURCE_DIR) + "/designs/" + name + ".toml";
}

/// A BitVM2 challenge game reduced to Kickoff -> Take-1 against n challengers, with fixed prices.
std::string challenge_game(int n, double availability) {
    return R"toml([design]
name = "challenge_game"
[keys]
op = { count = 1, held_by = "operator" }
ch = { count = )toml" +
           std::to_string(n) + R"toml(, held_by = "challenger" }
[agents.operator]
corruption_cost_btc = { law = "fixed", median = 0.0 }
[agents.challenger]
availability = )toml" +
           std::to_string(availability) + R"toml(
corruption_cost_btc = { law = "fixed", median = 3.0 }
[outputs.vault]
policy = "pk(op[0])"
value_btc = 10.0
[graph.kickoff]
spends = ["vault"]
broadcast_by = "operator"
signatures = ["op[0]"]
outputs.claim = { policy = "or(and(pk(op[0]), older(12)), thresh(1, ch[*]))", value_btc = 10.0 }
[graph.challenge]
spends = ["kickoff.claim"]
broadcast_by = "challenger"
signatures = ["ch[*]"]
outputs.stopped = { policy = "pk(ch[0])", value_btc = 10.0 }
[graph.take1]
spends = ["kickoff.claim"]
broadcast_by = "operator"
signatures = ["op[0]"]
steals = true
outputs.loot = { policy = "pk(op[0])", value_btc = 10.0 }
[responders.challenger]
latency_s = 0.0
fee_rate_sat_vb = 10.0
)toml";
}

}  // namespace

TEST_CASE(
    "graph limits: all-n collusion - Take-1 succeeds only when every challenger is bought, absent "
    "or censored",
    "[stat-light][planner][graph]") {
    // Deterministic: with n = 4 reachable challengers at 3 BTC each, buying all four costs exactly
    // 12 BTC and the theft confirms in every run; leaving one honest (no plan buys n-1: the
    // response needs only one) or censoring with 0 lets the challenge confirm first in every run;
    // censoring with all of the hash keeps it out for the whole 12-block window. Independent: the
    // plan's keys come from cheapest_corruption, the outcome from which spend of the claim
    // connector the world confirmed.
    auto p = design_params("challenge_game", challenge_game(4, 1.0));
    p.planner.censor_shares = {0.0, 1.0};
    const auto runs = run_design(p, 20, 41);
    CHECK(runs.mean("take1__corrupt_ch4__success") == 1.0);
    CHECK(runs.mean("take1__corrupt_ch4__keys_btc") == Approx(12.0));
    CHECK(runs.mean("take1__censor0__success") == 0.0);
    CHECK(runs.mean("take1__censor100__success") == 1.0);
    CHECK(runs.min("txs_confirmed") >
          0);  // a 12-block toy: the > 100 events check is on shipped designs
}

TEST_CASE(
    "graph limits: 1-of-n honesty - with no censor the theft needs all n challengers unreachable, "
    "(1-a)^n",
    "[stat-light][planner][graph]") {
    // Each challenger is reachable with a = 0.5; the theft without corruption or censorship
    // succeeds iff none is: (1 - a)^n = 0.125 for n = 3. The simulation draws each key's
    // availability (adversary/corrupt_keys.cpp) and a reachable challenger's response must then
    // confirm before Take-1 opens; the power is written here.
    constexpr int n = 1500;
    auto p = design_params("one_of_n", challenge_game(3, 0.5));
    p.planner.censor_shares = {0.0};
    const auto runs = run_design(p, n, 43);
    CHECK(near("Take-1 unopposed with 3 challengers at a = 0.5",
               runs.mean("take1__censor0__success"), std::pow(0.5, 3), n));
}

TEST_CASE("graph limits: censoring the newer statechain backup for its window succeeds with s^w",
          "[stat-light][planner][graph]") {
    // The current owner's backup is final 8 blocks before the previous owner's (nLockTime 92 vs
    // 100); the owner broadcasts it at once (latency 0). Pools with 80% of the hash leave it out;
    // the previous owner's backup wins iff all 8 blocks came from censoring pools: 0.8^8. The
    // world draws the finder of each block and fills its template; the oracle is the power.
    std::string text;
    {
        std::ifstream in(source_file("statechain_backups"));
        std::stringstream s;
        s << in.rdbuf();
        text = s.str();
    }
    text = with(text, "after_blocks = 9900", "after_blocks = 92");
    text = with(text, "after_blocks = 10000", "after_blocks = 100");
    text = with(text, "latency_s = 600.0", "latency_s = 0.0");
    auto p = design_params("statechain_window", text);
    p.world.pools.shares = {0.8, 0.2};
    p.planner.censor_shares = {0.0, 0.8};
    constexpr int n = 1500;
    const auto runs = run_design(p, n, 47);
    CHECK(near("newer backup censored by 80% of hash over 8 blocks",
               runs.mean("backup_previous__censor80__success"), std::pow(0.8, 8), n));
    CHECK(runs.mean("backup_previous__censor0__success") == 0.0);
}

TEST_CASE(
    "graph limits: Babylon - a double-signer's stake is slashed at the slashing rate unless every "
    "watcher is bought",
    "[stat-light][planner][graph]") {
    // Deterministic: the slashing transaction is valid the moment the run starts and the staker's
    // withdrawal only after the 1008-block unbonding, so without censorship the slash confirms in
    // every run and burns exactly slash_rate x stake = 0.001 x 5 BTC; with every watcher bought
    // nothing is slashed and the withdrawal confirms. Independent: the burned value is read from
    // the outputs of the slashing transaction the world confirmed.
    auto p = design_params("babylon", [] {
        std::ifstream in(source_file("babylon"));
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }());
    p.planner.censor_shares = {0.0};
    const auto runs = run_design(p, 20, 53);
    CHECK(runs.mean("withdraw__censor0__success") == 0.0);
    CHECK(runs.min("withdraw__censor0__bonds_slashed_btc") == Approx(0.001 * 5.0));
    CHECK(runs.mean("withdraw__censor0__bonds_slashed_btc") == Approx(0.001 * 5.0));
    // A run whose three watchers are all reachable can be bought out; then no slash confirms.
    CHECK(runs.mean("withdraw__corrupt_watcher3__bonds_slashed_btc") == 0.0);
    CHECK(runs.mean("withdraw__corrupt_watcher3__success") ==
          runs.mean("withdraw__corrupt_watcher3__keys_obtained"));
    CHECK(runs.min("events_processed") > 100);
    CHECK(runs.min("txs_confirmed") > 0);
}

TEST_CASE(
    "graph limits: Ark - the sweep wins only if the user's unroll is kept out of every block of "
    "its margin",
    "[stat-light][planner][graph]") {
    // The user starts unrolling 288 blocks before the 4320-block lifetime ends (latency 600 s).
    // Uncensored, the unroll confirms in every run and the sweep never does; with all of the
    // hash censoring, the sweep confirms in every run. With 50% of the hash, P = 0.5^~288 = 0.
    auto p = design_params("ark", [] {
        std::ifstream in(source_file("ark_round"));
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }());
    p.planner.censor_shares = {0.0, 0.5, 1.0};
    const auto runs = run_design(p, 10, 59);
    CHECK(runs.mean("sweep_round__censor0__success") == 0.0);
    CHECK(runs.mean("sweep_round__censor50__success") == 0.0);
    CHECK(runs.mean("sweep_round__censor100__success") == 1.0);
    CHECK(runs.min("events_processed") > 100);
}

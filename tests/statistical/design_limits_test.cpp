// Closed forms as limit cases of designs run by the attack planner. Each simulated quantity comes
// from transactions a block confirmed in the world (the adversary's spend, the rotation, the
// slashes), never from the formula it is compared with; the formulas are written out here and
// call nothing in models/. Tolerances: z = 3.29 from each test's own number of runs, fixed seeds.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>

#include "tests/statistical/replications.hpp"
#include "tests/support/design_runs.hpp"

namespace {

using l2sim_test::design_params;
using l2sim_test::run_design;
using l2sim_test::with;

double binomial_tail(int n, int k, double a) {
    double tail = 0.0;
    for (int j = k; j <= n; ++j) {
        const double log_choose = std::lgamma(n + 1.0) - std::lgamma(j + 1.0) - std::lgamma(n - j + 1.0);
        tail += std::exp(log_choose + j * std::log(a) + (n - j) * std::log1p(-a));
    }
    return tail;
}

bool near(const char* what, double sim, double exact, int runs) {
    double hw = 0.0;
    const bool ok = l2sim_test::within_binomial(sim, exact, runs, &hw);
    std::printf("%-60s closed %.5f  simulated %.5f  CI half %.5f\n", what, exact, sim, hw);
    return ok;
}

const std::string two_classes = R"toml([design]
name = "two_classes"
[keys]
cheap = { count = 3, held_by = "cheap" }
dear  = { count = 4, held_by = "dear" }
[agents.cheap]
availability = 1.0
corruption_cost_btc = { law = "fixed", median = 1.0 }
[agents.dear]
availability = 1.0
corruption_cost_btc = { law = "fixed", median = 10.0 }
[outputs.vault]
policy = "thresh(4, cheap[*], dear[*])"
value_btc = 100.0
)toml";

}  // namespace

TEST_CASE("design limits: k of n with heterogeneous costs is the sum of the k cheapest", "[stat-light][planner]") {
    // Deterministic: fixed prices, every holder reachable. The planner enumerates every mix of
    // the two classes from the policy's paths; each plan's price is paid for keys that then sign
    // a spend the world confirms. Sum of the 4 cheapest of {1, 1, 1, 10, 10, 10, 10} = 13.
    const auto runs = run_design(design_params("two_classes", two_classes), 20, 3);
    CHECK(runs.mean("vault__cheap3_dear1__keys_btc") == 13.0);
    CHECK(runs.mean("vault__cheap2_dear2__keys_btc") == 22.0);
    CHECK(runs.mean("vault__cheap1_dear3__keys_btc") == 31.0);
    CHECK(runs.mean("vault__dear4__keys_btc") == 40.0);
    CHECK(runs.min("vault__cheap3_dear1__success") == 1.0);
    CHECK(runs.min("txs_confirmed") > 0.0);
}

TEST_CASE("design limits: k of n with availability a succeeds with P(Bin(n, a) >= k)", "[stat-light][planner]") {
    // Each holder is reached with its own uniform draw; the theft needs 5 signatures, signed and
    // confirmed in the world. The oracle is the binomial tail, summed here.
    const std::string text = with(with(with(two_classes, "availability = 1.0", "availability = 0.6"),
                                       "count = 3, held_by = \"cheap\"", "count = 9, held_by = \"cheap\""),
                                  "thresh(4, cheap[*], dear[*])", "thresh(5, cheap[*])");
    constexpr int n = 1500;
    const auto runs = run_design(design_params("availability", text), n, 5);
    CHECK(near("5 of 9 signers reachable at a = 0.6", runs.mean("vault__cheap5__success"), binomial_tail(9, 5, 0.6), n));
}

TEST_CASE("design limits: a failure group hands over its members together", "[stat-light][planner]") {
    // No holder takes a bribe (availability 0): the theft succeeds exactly when the group of 5 of
    // the 9 signers failed, with its probability 0.3. Independent failures would need all 5 of
    // 5 drawn separately (0.3^5 = 0.0024): the correlated group makes it 0.3.
    const std::string text = with(with(with(two_classes, "availability = 1.0", "availability = 0.0"),
                                       "count = 3, held_by = \"cheap\"", "count = 9, held_by = \"cheap\""),
                                  "[outputs.vault]\npolicy = \"thresh(4, cheap[*], dear[*])\"",
                                  "[failure_groups.hsm]\nmembers = [\"cheap[0..4]\"]\nprobability = 0.3\ncost_btc = 7.0\n"
                                  "[outputs.vault]\npolicy = \"thresh(5, cheap[*])\"");
    constexpr int n = 1500;
    const auto runs = run_design(design_params("failure_group", text), n, 9);
    CHECK(near("a 5-key failure group failing with p = 0.3", runs.mean("vault__cheap5__success"), 0.3, n));
    CHECK(runs.mean("vault__cheap5__keys_btc") == Approx(7.0 * runs.mean("vault__cheap5__success")));
}

TEST_CASE("design limits: bonds of the signers a theft shows are slashed in full", "[stat-light][planner]") {
    // The slashing watcher reads the theft's witness once a block confirms it and takes each
    // signer's bond before the bond's 100-block unlock: the slashed amount is 4 x 50 BTC in every
    // run, decided by slashing transactions confirming, not by a formula.
    std::string text = with(two_classes, "corruption_cost_btc = { law = \"fixed\", median = 1.0 }",
                            "corruption_cost_btc = { law = \"fixed\", median = 1.0 }\nbond_btc = 50.0");
    text = with(text, "corruption_cost_btc = { law = \"fixed\", median = 10.0 }",
                "corruption_cost_btc = { law = \"fixed\", median = 10.0 }\nbond_btc = 50.0");
    text += "[watchers.enforcer]\nreacts = \"slash\"\nlatency_s = 60.0\n[bonds]\nunbond_blocks = 100\n";
    const auto runs = run_design(design_params("bonds", text), 20, 4);
    CHECK(runs.min("vault__cheap3_dear1__bonds_slashed_btc") == 200.0);
    CHECK(runs.mean("vault__cheap3_dear1__bonds_slashed_btc") == 200.0);
}

TEST_CASE("design limits: censoring the rotation for w blocks with share s succeeds with s^w",
          "[stat-light][planner]") {
    // The federation (reacting at once: latency 0) broadcasts the rotation 8 blocks before the 2-of-3 path opens; pools holding
    // 80% of the hash leave it out. The theft wins iff every one of the 8 blocks was found by a
    // censoring pool: 0.8^8. The simulation decides it by which pool the world drew for each
    // block and what that pool's template held; the oracle is the power, written here.
    const std::string text = R"toml([design]
name = "rotated"
[keys]
f = { count = 5, held_by = "k" }
e = { count = 3, held_by = "k" }
[agents.k]
corruption_cost_btc = { law = "fixed", median = 1.0 }
[outputs.peg]
policy = "or(thresh(4, f[*]), and(thresh(2, e[*]), older(20)))"
value_btc = 10.0
rotate_before_blocks = 8
[watchers.federation]
reacts = "rotate"
latency_s = 0.0
fee_rate_sat_vb = 10.0
)toml";
    auto p = design_params("rotated", text);
    p.world.pools.shares = {0.8, 0.2};
    p.planner.censor_shares = {0.0, 0.8};
    constexpr int n = 1500;
    const auto runs = run_design(p, n, 13);
    CHECK(near("rotation censored by 80% of hash over 8 blocks", runs.mean("peg__e2_wait20_censor80__success"),
               std::pow(0.8, 8), n));
    CHECK(runs.mean("peg__e2_wait20_censor0__success") == 0.0);  // nobody censors: the rotation confirms first
    CHECK(runs.mean("peg__f4__success") == 1.0);
}

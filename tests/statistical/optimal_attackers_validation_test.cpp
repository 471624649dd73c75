// Optimal attackers against their exact values. Optimal selfish mining: the simulated share comes
// from playing the MDP's policy against the stochastic block race in the event engine (Poisson
// block finds, the block tree, honest chain selection with first-seen ties and gamma), while the
// oracle is the MDP's linear-algebra value (stationary distribution of the policy's chain, Eigen
// SparseLU) and never enters the simulation. Tolerance: z = 3.29 standard errors of the mean of
// the per-run shares. [stat-light]: a few short runs for `make test`; [.statistical]: full size.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <tuple>

#include "models/attacks/closed_forms.hpp"
#include "models/attacks/optimal_double_spend.hpp"
#include "models/attacks/optimal_selfish_mdp.hpp"
#include "replications.hpp"

namespace cf = models::attacks::closed_forms;
using l2sim_test::column;
using l2sim_test::replicate;
using l2sim_test::z_999;
using models::bitcoin::BitcoinParams;

namespace {

struct MeanAndHalfWidth {
    double mean, half_width;
};

MeanAndHalfWidth mean_and_half_width(const std::vector<std::vector<double>>& rows, std::size_t c) {
    const double n = static_cast<double>(rows.size());
    double m = 0;
    for (const auto& r : rows) m += r[c];
    m /= n;
    double var = 0;
    for (const auto& r : rows) var += (r[c] - m) * (r[c] - m);
    return {m, z_999 * std::sqrt(var / (n - 1) / n)};
}

void check_optimal_selfish(const std::vector<std::pair<double, double>>& points, int runs, int blocks) {
    std::printf("%-6s %-6s %-12s %-12s %-10s %-10s\n", "alpha", "gamma", "MDP exact", "simulated", "CI half", "SM1");
    for (auto [a, g] : points) {
        BitcoinParams p;
        p.attacker.strategy = "optimal_selfish";
        p.attacker.hash_share = a;
        p.attacker.gamma = g;
        p.run.blocks = blocks;
        const auto s = mean_and_half_width(replicate(p, runs, 2016), column(p, "attacker_revenue_share"));
        const double exact = models::attacks::cached_optimal_selfish_policy(
            a, g, models::attacks::selfish_mdp_max_fork_blocks).revenue_share();
        std::printf("%-6.4f %-6.2f %-12.6f %-12.6f %-10.3g %-10.6f\n", a, g, exact, s.mean, s.half_width,
                    cf::selfish_revenue(a, g));
        CHECK(std::abs(s.mean - exact) <= s.half_width);
    }
}

}  // namespace

TEST_CASE("optimal selfish mining: simulated share matches the MDP value (light)", "[stat-light]") {
    check_optimal_selfish({{1.0 / 3.0, 0.0}, {0.4, 0.5}, {0.45, 0.0}}, 16, 20000);
}

TEST_CASE("optimal selfish mining: simulated share matches the MDP value", "[.statistical]") {
    check_optimal_selfish({{1.0 / 3.0, 0.0}, {0.35, 0.0}, {0.4, 0.5}, {0.45, 0.0}, {0.45, 1.0}}, 64, 100000);
}

TEST_CASE("optimal selfish mining: the test rejects SM1's share where the optimum beats it", "[stat-light]") {
    // Power check: at alpha = 0.45, gamma = 0 the optimum (0.667) is far from SM1 (0.652).
    BitcoinParams p;
    p.attacker.strategy = "optimal_selfish";
    p.attacker.hash_share = 0.45;
    p.run.blocks = 20000;
    const auto s = mean_and_half_width(replicate(p, 16, 2016), column(p, "attacker_revenue_share"));
    CHECK(std::abs(s.mean - cf::selfish_revenue(0.45, 0.0)) > s.half_width);
}

namespace {

// The private-race censor: the simulation runs the race block by block in the event engine (Poisson
// finds, the censor's private branch, honest chain selection, the tx in the honest chain's first
// block) and reads success from where the tx landed in the final main chain; the oracle is the
// negative-binomial / gambler's-ruin sum of closed_forms.hpp. The give-up deficit of 60 moves the
// exact value by at most (a/(1-a))^201 < 4e-11 at these points (alpha <= 0.47).
void check_private_race(const std::vector<std::pair<double, int>>& points, int runs) {
    std::printf("%-6s %-5s %-12s %-12s %-10s %-14s %-12s\n", "alpha", "k", "closed", "simulated", "CI half",
                "fixed window", "feather d=6");
    for (auto [a, k] : points) {
        BitcoinParams p;
        p.attacker.strategy = "censor_private_race";
        p.attacker.hash_share = a;
        p.attacker.censor_window_blocks = k;
        p.attacker.give_up_deficit = 200;
        p.run.blocks = 1000000;
        const double exact = cf::censor_private_race(a, k);
        const auto rows = replicate(p, runs, 4000 + k);
        double sim = 0;
        for (const auto& r : rows) sim += r[column(p, "attack_success")];
        sim /= runs;
        double hw = 0;
        const bool ok = l2sim_test::within_binomial(sim, exact, runs, &hw);
        std::printf("%-6.2f %-5d %-12.6f %-12.6f %-10.3g %-14.6f %-12.3g\n", a, k, exact, sim, hw,
                    cf::censor_private_race_fixed_window(a, k), cf::censored_unconfirmed(a, 6, k));
        CHECK(ok);
    }
}

}  // namespace

TEST_CASE("private-race censor matches its closed form (light)", "[stat-light]") {
    check_private_race({{0.3, 3}, {0.4, 6}, {0.45, 24}}, 3000);
}

TEST_CASE("private-race censor matches its closed form", "[.statistical]") {
    check_private_race({{0.3, 3}, {0.4, 6}, {0.45, 24}, {0.45, 144}, {0.47, 144}}, 20000);
}

TEST_CASE("private-race censor: the test rejects the fixed-window binomial", "[stat-light]") {
    // Power check: the race keeps going after the honest k-th block, so its success exceeds
    // Pr[Binomial(2k-1, a) >= k]; the test must tell the two apart.
    BitcoinParams p;
    p.attacker.strategy = "censor_private_race";
    p.attacker.hash_share = 0.45;
    p.attacker.censor_window_blocks = 24;
    p.attacker.give_up_deficit = 200;
    p.run.blocks = 1000000;
    const int runs = 3000;
    double sim = 0;
    for (const auto& r : replicate(p, runs, 4024)) sim += r[column(p, "attack_success")];
    CHECK_FALSE(l2sim_test::within_binomial(sim / runs, cf::censor_private_race_fixed_window(0.45, 24), runs));
}

namespace {

// The double spend with the optimal give-up rule: the simulation plays the policy in the block
// race (the strategy reads a and h off the block tree after every Poisson block and stops where
// the policy says), the oracle is the absorbing Markov chain of the same policy solved with Eigen.
void check_give_up(const std::vector<std::tuple<double, int, double>>& points, int runs) {
    std::printf("%-5s %-3s %-10s %-12s %-12s %-10s\n", "q", "z", "V (sat)", "Markov", "simulated", "CI half");
    for (auto [q, z, v] : points) {
        BitcoinParams p;
        p.attacker.strategy = "double_spend_optimal";
        p.attacker.hash_share = q;
        p.attacker.double_spend_value_sat = v;
        p.merchant.confirmations = z;
        p.run.blocks = 100000;
        const models::attacks::GiveUpPolicy policy(models::attacks::double_spend_economics(p),
                                                   models::attacks::double_spend_max_blocks);
        const double exact = models::attacks::give_up_policy_value(policy).success_probability;
        double sim = 0;
        for (const auto& r : replicate(p, runs, 900 + z)) sim += r[column(p, "attack_success")];
        sim /= runs;
        double hw = 0;
        const bool ok = l2sim_test::within_binomial(sim, exact, runs, &hw);
        std::printf("%-5.2f %-3d %-10.3g %-12.6f %-12.6f %-10.3g\n", q, z, v, exact, sim, hw);
        CHECK(ok);
    }
}

}  // namespace

TEST_CASE("double spend with optimal give-up matches its Markov chain (light)", "[stat-light]") {
    check_give_up({{0.3, 3, 1e9}, {0.3, 3, 1e10}, {0.4, 6, 1e10}}, 4000);
}

TEST_CASE("double spend with optimal give-up matches its Markov chain", "[.statistical]") {
    check_give_up({{0.3, 3, 1e9}, {0.3, 3, 1e10}, {0.4, 6, 1e10}, {0.25, 2, 1e9}, {0.45, 6, 1e11}}, 40000);
}

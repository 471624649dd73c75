// The Bitcoin model against the published closed forms (shared/reference/closed-forms.md), from
// fixed seeds. Each tolerance is z = 3.29 (two-sided 99.9%) standard errors of the test's own
// sample. Tag [stat-light]: a few points, run by `make test`; [.statistical]: every listed point,
// run by `make validate`. Each suite also shows it can fail: a wrong hypothesis is rejected.
#include <catch2/catch.hpp>

#include <cstdio>

#include "models/attacks/closed_forms.hpp"
#include "replications.hpp"

namespace cf = models::attacks::closed_forms;
using l2sim_test::column;
using l2sim_test::replicate;
using l2sim_test::within_binomial;
using l2sim_test::z_999;
using models::bitcoin::BitcoinParams;

namespace {

double mean_of(const std::vector<std::vector<double>>& rows, std::size_t c) {
    double s = 0;
    for (const auto& r : rows) s += r[c];
    return s / static_cast<double>(rows.size());
}

double double_spend_rate(double q, int z, const char* rule, int runs, std::uint64_t seed) {
    BitcoinParams p;
    p.attacker.strategy = "double_spend";
    p.attacker.hash_share = q;
    p.attacker.success_rule = rule;
    p.attacker.give_up_deficit = 100;
    p.merchant.confirmations = z;
    p.run.blocks = 100000;
    return mean_of(replicate(p, runs, seed), column(p, "attack_success"));
}

void check_double_spend(const std::vector<std::pair<double, int>>& points, int runs) {
    std::printf("%-5s %-3s %-12s %-12s %-10s %-12s\n", "q", "z", "exact", "simulated", "CI half", "Nakamoto");
    for (auto [q, z] : points) {
        const double exact = cf::double_spend_catch_up(q, z);
        const double sim = double_spend_rate(q, z, "catch_up", runs, 100 + z);
        double hw = 0;
        const bool ok = within_binomial(sim, exact, runs, &hw);
        std::printf("%-5.2f %-3d %-12.6g %-12.6g %-10.3g %-12.6g\n", q, z, exact, sim, hw, cf::nakamoto_approximation(q, z));
        CHECK(ok);
    }
}

void check_selfish(const std::vector<double>& alphas, const std::vector<double>& gammas, int runs, int blocks) {
    std::printf("%-6s %-6s %-10s %-10s %-10s\n", "alpha", "gamma", "R exact", "simulated", "CI half");
    for (double a : alphas)
        for (double g : gammas) {
            BitcoinParams p;
            p.attacker.strategy = "selfish";
            p.attacker.hash_share = a;
            p.attacker.gamma = g;
            p.run.blocks = blocks;
            const auto rows = replicate(p, runs, 7);
            const auto c = column(p, "attacker_revenue_share");
            const double m = mean_of(rows, c);
            double var = 0;
            for (const auto& r : rows) var += (r[c] - m) * (r[c] - m);
            const double hw = z_999 * std::sqrt(var / (runs - 1) / runs);
            const double exact = cf::selfish_revenue(a, g);
            std::printf("%-6.2f %-6.2f %-10.5f %-10.5f %-10.3g\n", a, g, exact, m, hw);
            CHECK(std::abs(m - exact) <= hw);
        }
}

std::vector<double> censored_tail(double a, int depth, int runs, int k_max) {
    BitcoinParams p;
    p.attacker.strategy = "censor";
    p.attacker.hash_share = a;
    p.attacker.feather_fork_depth = depth;
    p.attacker.censor_window_blocks = k_max;
    p.run.blocks = 400;
    const auto rows = replicate(p, runs, 13 + depth);
    const auto c = column(p, "censored_tx_confirm_block");
    std::vector<double> tail(k_max + 1, 0.0);
    for (const auto& r : rows)
        for (int k = 0; k <= k_max; ++k) tail[k] += !(r[c] <= k) ? 1.0 / runs : 0.0;  // NaN: never
    return tail;
}

void check_censorship(const std::vector<double>& alphas, const std::vector<int>& depths, int runs, int k_max) {
    std::printf("%-6s %-6s %-3s %-11s %-11s %-10s\n", "alpha", "depth", "k", "closed", "simulated", "CI half");
    for (double a : alphas)
        for (int d : depths) {
            const auto sim = censored_tail(a, d, runs, k_max);
            const auto exact = cf::censored_unconfirmed_curve(a, d, k_max);
            for (int k = 1; k <= k_max; ++k) {
                double hw = 0;
                const bool ok = within_binomial(sim[k], exact[k], runs, &hw);
                std::printf("%-6.2f %-6d %-3d %-11.5g %-11.5g %-10.3g\n", a, d, k, exact[k], sim[k], hw);
                CHECK(ok);
            }
        }
}

void check_stale(int runs, int blocks, int nodes) {
    BitcoinParams p;
    p.network.enabled = true;
    p.network.nodes = nodes;
    p.chain.block_interval_s = 60.0;
    p.run.blocks = blocks;
    const auto rows = replicate(p, runs, 2016);
    double orphans = 0, all = 0, predicted = 0;
    for (const auto& r : rows) {
        const double n = r[column(p, "main_chain_blocks")] + r[column(p, "orphaned_blocks")];
        orphans += r[column(p, "orphaned_blocks")];
        all += n;
        predicted += n * r[column(p, "predicted_stale_rate")];
    }
    predicted /= all;
    double hw = 0;
    const bool ok = within_binomial(orphans / all, predicted, all, &hw);
    std::printf("stale rate: simulated %.5f, 1 - E[exp(-tau/T)] = %.5f, CI half-width %.5f (%g blocks)\n",
                orphans / all, predicted, hw, all);
    CHECK(ok);
    CHECK(predicted > 0.002);  // the check has power only if forks actually happen
}

}  // namespace

TEST_CASE("bitcoin: double-spend success matches P(q, z) at the light points", "[stat-light]") {
    check_double_spend({{0.1, 1}, {0.25, 2}, {0.3, 4}, {0.4, 6}}, 20000);
}

TEST_CASE("bitcoin: double-spend test rejects the wrong rule and Nakamoto's approximation", "[stat-light]") {
    // The overtake rule's rate is not the catch-up closed form, and the simulation is not
    // Nakamoto's approximation: a suite that could not tell these apart would be useless.
    const int runs = 20000;
    CHECK(!within_binomial(double_spend_rate(0.3, 2, "overtake", runs, 5), cf::double_spend_catch_up(0.3, 2), runs));
    CHECK(within_binomial(double_spend_rate(0.3, 2, "overtake", runs, 5), cf::double_spend_overtake(0.3, 2), runs));
    CHECK(!within_binomial(double_spend_rate(0.3, 4, "catch_up", runs, 6), cf::nakamoto_approximation(0.3, 4), runs));
}

TEST_CASE("bitcoin: selfish-mining revenue matches Eyal-Sirer at the light points", "[stat-light]") {
    check_selfish({0.2, 0.35, 0.45}, {0.0, 0.5, 1.0}, 10, 50000);
}

TEST_CASE("bitcoin: selfish mining pays exactly above (1-gamma)/(3-2gamma)", "[stat-light]") {
    for (double g : {0.0, 0.5}) {
        const double t = cf::selfish_threshold(g);
        for (double a : {t - 0.06, t + 0.06}) {
            BitcoinParams p;
            p.attacker.strategy = "selfish";
            p.attacker.hash_share = a;
            p.attacker.gamma = g;
            p.run.blocks = 200000;
            const double r = mean_of(replicate(p, 10, 3), column(p, "attacker_revenue_share"));
            CHECK((r > a) == (a > t));
        }
    }
}

TEST_CASE("bitcoin: censorship without and with feather-forking at the light points", "[stat-light]") {
    check_censorship({0.3, 0.45}, {0, 2}, 20000, 4);
}

TEST_CASE("bitcoin: stale rate matches 1 - E[exp(-tau/T)] (light)", "[stat-light]") { check_stale(4, 2500, 100); }

TEST_CASE("bitcoin: double-spend success at every listed point", "[.statistical]") {
    std::vector<std::pair<double, int>> points;
    for (double q : {0.1, 0.25, 0.3, 0.4})
        for (int z : {1, 2, 4, 6}) points.emplace_back(q, z);
    check_double_spend(points, 100000);
}

TEST_CASE("bitcoin: selfish-mining revenue at every listed point", "[.statistical]") {
    check_selfish({0.1, 0.2, 0.3, 0.35, 0.4, 0.45}, {0.0, 0.5, 1.0}, 20, 100000);
}

TEST_CASE("bitcoin: censorship at every listed point", "[.statistical]") {
    check_censorship({0.2, 0.3, 0.45}, {0, 1, 3}, 100000, 8);
}

TEST_CASE("bitcoin: stale rate at full size", "[.statistical]") { check_stale(32, 10000, 200); }

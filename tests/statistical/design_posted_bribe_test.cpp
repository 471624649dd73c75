// Limit case of posted-offer bribery in the design planner (planner.posted_bribe_btc,
// adversary/corrupt_keys.hpp at_posted_offer): a 3-of-5 vault whose five keyholders belong to
// five classes with their own availability and ask law. Posting one price to all, holder i sells
// with its own chance p_i = availability_i x P(ask_i <= offer), independently, so the theft
// succeeds iff at least 3 of 5 sell: a Poisson-binomial tail, computed here exactly by dynamic
// programming over the holders.
//
// Why the simulation does not reproduce its oracle: the model never computes p_i or a tail. Each
// run draws every holder's reachability (a uniform against its availability) and ask (a lognormal
// sample, or a fixed price) from the run's streams; the planner enumerates the policy's ten
// minimal 3-key paths, buys each path's keys if all three holders sell at the offer, and the bought
// keys sign a spend that must confirm in the world. The oracle takes p_i from the normal CDF of the
// ask law's parameters (erfc) and convolves the five Bernoullis; it shares no code with the draws
// or the planner. A declining holder counted as selling, or a path needing more keys than its
// threshold, moves the frequency outside the interval; a seller paid its own ask instead of the
// offer fails the price check (tests/unit/models/adversary/corrupt_keys_test.cpp pins an ask
// equal to the offer).
// Tolerances: z = 3.29 binomial standard errors of n = 2000 runs, fixed seed.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "tests/statistical/replications.hpp"
#include "tests/support/design_runs.hpp"

namespace {

using l2sim_test::design_params;
using l2sim_test::run_design;
using l2sim_test::within_binomial;

struct Holder {
    const char* name;
    double availability;
    double median_btc;
    double sigma;  ///< 0: a fixed ask
};

const std::vector<Holder> holders{
    {"a", 0.90, 2.0, 0.5}, {"b", 0.80, 4.0, 1.0}, {"c", 1.00, 8.0, 0.8},
    {"d", 0.70, 1.0, 1.5}, {"e", 0.95, 3.0, 0.0},
};

std::string five_holder_vault() {
    std::string keys = "[keys]\n", agents, members;
    for (const auto& h : holders) {
        keys += std::string(h.name) + " = { count = 1, held_by = \"" + h.name + "\" }\n";
        agents += std::string("[agents.") + h.name +
                  "]\navailability = " + std::to_string(h.availability) +
                  "\ncorruption_cost_btc = { law = \"" + (h.sigma > 0.0 ? "lognormal" : "fixed") +
                  "\", median = " + std::to_string(h.median_btc) +
                  (h.sigma > 0.0 ? ", sigma = " + std::to_string(h.sigma) : std::string()) + " }\n";
        members += std::string(members.empty() ? "" : ", ") + h.name + "[*]";
    }
    return "[design]\nname = \"five_holder_vault\"\n" + keys + agents +
           "[outputs.vault]\npolicy = \"thresh(3, " + members + ")\"\nvalue_btc = 100.0\n";
}

/// P(holder sells at `offer`): reachable, and its ask at most the offer.
double sells(const Holder& h, double offer) {
    if (h.sigma == 0.0) return h.median_btc <= offer ? h.availability : 0.0;
    const double z = std::log(offer / h.median_btc) / h.sigma;
    return h.availability * 0.5 * std::erfc(-z / std::sqrt(2.0));
}

/// P(at least k of the independent Bernoulli(p_i) succeed), by the exact recursion over holders.
double poisson_binomial_tail(const std::vector<double>& p, std::size_t k) {
    std::vector<double> count{1.0};  // count[j]: P(j successes among the holders so far)
    for (double pi : p) {
        std::vector<double> next(count.size() + 1, 0.0);
        for (std::size_t j = 0; j < count.size(); ++j) {
            next[j] += count[j] * (1.0 - pi);
            next[j + 1] += count[j] * pi;
        }
        count = next;
    }
    double tail = 0.0;
    for (std::size_t j = k; j < count.size(); ++j) tail += count[j];
    return tail;
}

/// Share of runs in which some 3-key plan on the vault stole it, and the keys' mean price then.
struct Theft {
    double success = 0.0;
    double keys_btc_when_stolen = 0.0;
    bool success_iff_keys = true;
};

Theft any_vault_theft(const l2sim_test::DesignRuns& runs) {
    std::vector<std::size_t> success, keys, obtained;
    for (std::size_t i = 0; i < runs.columns.size(); ++i) {
        const std::string& c = runs.columns[i].name;
        if (c.rfind("vault__", 0) != 0) continue;
        const auto at = c.rfind("__");
        const std::string plan = c.substr(0, at), quantity = c.substr(at + 2);
        if (quantity == "success") {
            success.push_back(i);
            keys.push_back(runs.index(plan + "__keys_btc"));
            obtained.push_back(runs.index(plan + "__keys_obtained"));
        }
    }
    REQUIRE(success.size() == 10);  // C(5, 3) minimal paths
    Theft t;
    double stolen = 0.0;
    for (const auto& row : runs.rows) {
        double won = 0.0, price = 0.0;
        for (std::size_t j = 0; j < success.size(); ++j) {
            if (row[success[j]] != row[obtained[j]]) t.success_iff_keys = false;
            if (row[success[j]] > 0.0 && (won == 0.0 || row[keys[j]] < price)) price = row[keys[j]];
            won = std::max(won, row[success[j]]);
        }
        stolen += won;
        t.keys_btc_when_stolen += won * price;
    }
    t.success = stolen / static_cast<double>(runs.rows.size());
    t.keys_btc_when_stolen /= std::max(stolen, 1.0);
    return t;
}

}  // namespace

TEST_CASE(
    "design limits: a posted bribe to heterogeneous keyholders steals a k-of-n vault with the "
    "Poisson-binomial tail",
    "[stat-light][planner][posted-bribe]") {
    constexpr double offer_btc = 4.0;
    constexpr int n = 2000;
    auto p = design_params("five_holder_vault", five_holder_vault());
    p.planner.posted_bribe_btc = offer_btc;
    const auto runs = run_design(p, n, 71);

    std::vector<double> pi;
    for (const auto& h : holders) pi.push_back(sells(h, offer_btc));
    const double exact = poisson_binomial_tail(pi, 3);
    const auto theft = any_vault_theft(runs);
    double hw = 0.0;
    const bool ok = within_binomial(theft.success, exact, n, &hw);
    double mean_p = 0.0, var = 0.0;
    for (double q : pi) {
        mean_p += q;
        var += q * (1.0 - q);
    }
    std::printf(
        "posted bribe %.1f BTC, 3 of 5 (p_i %.4f %.4f %.4f %.4f %.4f): Poisson-binomial %.5f  "
        "simulated %.5f  CI half %.5f  (n %d)\n",
        offer_btc, pi[0], pi[1], pi[2], pi[3], pi[4], exact, theft.success, hw, n);
    CHECK(ok);
    CHECK(theft.success_iff_keys);
    // Every theft paid the posted price for exactly three keys.
    CHECK(theft.keys_btc_when_stolen == Approx(3.0 * offer_btc));
    // The sellers' count has mean sum p_i, within z = 3.29 of its own standard error.
    const double sellers = runs.mean("keyholders_accepting_posted_bribe");
    const double sellers_hw = l2sim_test::z_999 * std::sqrt(var / n);
    std::printf("sellers per run: expected %.4f  simulated %.4f  half-width %.4f\n", mean_p,
                sellers, sellers_hw);
    CHECK(std::abs(sellers - mean_p) <= sellers_hw);
    CHECK(runs.mean("txs_confirmed") >
          0.0);  // a run whose theft fails confirms nothing: no one else spends
}

TEST_CASE("design planner: the posted bribe moves the theft, and is off by default",
          "[stat-light][planner][posted-bribe]") {
    // Off (0), each holder is paid its own ask, so the theft needs only 3 reachable holders
    // (P = 0.9894 here); at a 4 BTC post it needs 3 sellers (0.69). Same seed, same draws.
    constexpr int n = 300;
    auto p = design_params("five_holder_vault_off", five_holder_vault());
    const auto off = run_design(p, n, 73);
    CHECK_THROWS(off.index("keyholders_accepting_posted_bribe"));
    p.planner.posted_bribe_btc = 4.0;
    const auto on = run_design(p, n, 73);
    std::vector<double> reachable;
    for (const auto& h : holders) reachable.push_back(h.availability);
    const double off_exact = poisson_binomial_tail(reachable, 3);
    const double off_sim = any_vault_theft(off).success;
    const double on_sim = any_vault_theft(on).success;
    std::printf("own asks: %.5f (exact %.5f); posted 4 BTC: %.5f (n %d)\n", off_sim, off_exact,
                on_sim, n);
    CHECK(within_binomial(off_sim, off_exact, n));
    CHECK(on_sim < off_sim - 0.15);
}

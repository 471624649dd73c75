// Selfish attackers on the P2P network (attacker_node.hpp, network_model.cpp) against the exact
// value of the SAME policy at the gamma the network produced.
//
// Why this can disagree: in the network nobody sets gamma. The attacker's node sees an honest block
// only when inv / getdata / block messages bring it there, its published blocks reach honest
// nodes through the same messages, each honest node keeps the first of two equal-height tips
// (ChainView) and mines on it, and the chain's transitions come from message timing and Poisson
// block finds. The measured gamma (honest blocks found during a tie race that extend the
// attacker's branch) is read off the block tree; the oracle is the MDP's linear algebra for the
// policy the attacker plays (selfish_policy_revenue: stationary distribution with Eigen SparseLU),
// evaluated there. Nothing of the oracle enters the simulation.
//
// Each run draws its own topology, and gamma depends on it (mostly on the attacker's region): the
// pooled gamma over runs varies by +-0.1 between runs. So the check is per run: the residual
// e = share - f(gamma_run), f the exact share of the policy at gamma_run = k / n of that run's
// own tie races, and the test is that the mean residual over runs is 0.
// Tolerance, z = 3.29 throughout, from the test's own runs:
// - z standard errors of the mean residual (its spread carries both the share's noise and
//   gamma_run's, since both come from the same runs);
// - f is curved: E[f(gamma_run)] - f(gamma) is at most |f''| / 2 x Var(gamma_run), the binomial
//   variance gamma (1 - gamma) / n of the run's own tie count (f'' by central differences), added;
// - honest stale blocks: the MDP has none; a stale honest block is honest work lost, which raises
//   the attacker's share by at most share x (1 - share) x the honest stale rate. That rate is the
//   run's own predicted_stale_rate (1 - E[exp(-tau/T)] over honest blocks, about 0.1% at 600 s
//   blocks and 100 nodes), added on the upper side.
// What the MDP leaves out and is not in the tolerance: the attacker learns of an honest block a
// propagation delay (about 1-2 s) after it is found, so with probability about delay / 600 s the
// order of two finds differs from what the attacker sees. The checks below are how we know it
// stays inside the interval at these sample sizes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "models/attacks/optimal_selfish_mdp.hpp"
#include "replications.hpp"

using l2sim_test::column;
using l2sim_test::replicate;
using l2sim_test::z_999;
using models::attacks::SelfishPolicy;
using models::bitcoin::BitcoinParams;

namespace {

BitcoinParams p2p_selfish(const char* strategy, double alpha, double policy_gamma, double peers,
                          int blocks) {
    BitcoinParams p;
    p.attacker.strategy = strategy;
    p.attacker.hash_share = alpha;
    p.attacker.gamma = policy_gamma;
    p.network.enabled = true;
    p.network.nodes = 100;
    p.network.topology = "simblock";
    p.network.attacker_peer_fraction = peers;
    p.run.blocks = blocks;
    return p;
}

struct NetworkSample {
    double share, share_hw;            // mean attacker_revenue_share and its z half-width
    double gamma, gamma_se;            // pooled gamma and its standard error
    double honest_stale;               // mean predicted_stale_rate
    double ties;                       // tie races in all runs
    std::vector<double> shares, ties_per_run, on_attacker_per_run;
};

NetworkSample sample(const BitcoinParams& p, int runs, std::uint64_t seed) {
    const auto rows = replicate(p, runs, seed);
    const auto cs = column(p, "attacker_revenue_share"), cn = column(p, "tie_race_honest_blocks"),
               ck = column(p, "tie_race_blocks_on_attacker"), cst = column(p, "predicted_stale_rate");
    const double r = runs;
    NetworkSample s{};
    double n = 0, k = 0;
    for (const auto& row : rows) {
        s.shares.push_back(row[cs]);
        s.ties_per_run.push_back(row[cn]);
        s.on_attacker_per_run.push_back(row[ck]);
        s.share += row[cs] / r;
        s.honest_stale += row[cst] / r;
        n += row[cn];
        k += row[ck];
    }
    s.ties = n;
    s.gamma = k / n;
    double var = 0, resid = 0;
    for (const auto& row : rows) {
        var += (row[cs] - s.share) * (row[cs] - s.share) / (r - 1);
        resid += std::pow(row[ck] - s.gamma * row[cn], 2);
    }
    s.share_hw = z_999 * std::sqrt(var / r);
    const double mean_n = n / r;
    s.gamma_se = std::sqrt(resid / (r * (r - 1))) / mean_n;  // ratio estimator (Cochran 1977, 6.9)
    return s;
}

/// The simulated share against the exact share of `policy` at each run's measured gamma (or at
/// `forced_gamma` when >= 0, for the power check); returns the verdict and prints the row.
bool matches_exact(const char* label, const SelfishPolicy& policy, double alpha,
                   const NetworkSample& s, double forced_gamma = -1.0) {
    using models::attacks::selfish_policy_revenue;
    const auto f = [&](double g) {
        return selfish_policy_revenue(policy, alpha, std::clamp(g, 0.0, 1.0));
    };
    const std::size_t runs = s.shares.size();
    const double r = static_cast<double>(runs), h = 0.02;
    // f'' at the pooled gamma: it changes little over the runs' spread (printed jensen term).
    const double g0 = std::clamp(s.gamma, h, 1.0 - h);
    const double curvature = std::abs(f(g0 + h) - 2 * f(g0) + f(g0 - h)) / (h * h);
    double mean = 0, exact = 0, jensen = 0;
    std::vector<double> e(runs);
    for (std::size_t i = 0; i < runs; ++i) {
        const double n = s.ties_per_run[i];
        const double g = forced_gamma >= 0 ? forced_gamma : s.on_attacker_per_run[i] / n;
        if (forced_gamma < 0) jensen += 0.5 * curvature * g * (1 - g) / n / r;
        exact += f(g) / r;
        e[i] = s.shares[i] - f(g);
        mean += e[i] / r;
    }
    double var = 0;
    for (double x : e) var += (x - mean) * (x - mean) / (r - 1);
    const double hw = z_999 * std::sqrt(var / r);
    const double stale = s.share * (1 - s.share) * s.honest_stale;
    std::printf("%-22s alpha %.2f  pooled gamma %.4f +- %.4f (%.0f ties)  simulated %.5f +- %.5f  exact "
                "at each run's gamma %.5f  residual %+.5f +- %.5f  jensen %.1e stale %.1e\n",
                label, alpha, s.gamma, z_999 * s.gamma_se, s.ties, s.share, s.share_hw, exact, mean, hw, jensen,
                stale);
    return mean >= -hw - jensen && mean <= hw + jensen + stale;
}

void check_optimal_on_network(double alpha, double policy_gamma, double peers, int runs, int blocks,
                              std::uint64_t seed) {
    const auto p = p2p_selfish("optimal_selfish", alpha, policy_gamma, peers, blocks);
    const auto s = sample(p, runs, seed);
    const auto& policy = models::attacks::cached_optimal_selfish_policy(
        alpha, policy_gamma, models::attacks::selfish_mdp_max_fork_blocks);
    CHECK(matches_exact("optimal_selfish on P2P", policy, alpha, s));
}

}  // namespace

TEST_CASE("selfish on P2P: optimal policy's share matches its exact value at the measured gamma (light)",
          "[stat-light]") {
    check_optimal_on_network(0.4, 0.5, 1.0, 16, 5000, 2016);
}

TEST_CASE("selfish on P2P: optimal policy's share matches its exact value at the measured gamma",
          "[.statistical]") {
    check_optimal_on_network(0.35, 0.0, 0.1, 32, 20000, 2017);
    check_optimal_on_network(0.4, 0.5, 1.0, 32, 20000, 2018);
    check_optimal_on_network(0.45, 0.2, 0.25, 32, 20000, 2019);
}

TEST_CASE("selfish on P2P: the check rejects the race world's gamma = 0 where the network's is not",
          "[stat-light]") {
    // Power: with the attacker linked to every node, the measured gamma is far from 0, and the
    // same interval must exclude the share the policy would get at gamma = 0.
    const auto p = p2p_selfish("optimal_selfish", 0.4, 0.5, 1.0, 5000);
    const auto s = sample(p, 16, 2016);
    const auto& policy = models::attacks::cached_optimal_selfish_policy(
        0.4, 0.5, models::attacks::selfish_mdp_max_fork_blocks);
    CHECK_FALSE(matches_exact("(gamma forced to 0)", policy, 0.4, s, 0.0));
}

TEST_CASE("selfish on P2P: the attacker's peer count moves gamma", "[stat-light]") {
    // network.attacker_peer_fraction: one or two peers vs every node. More peers carry the
    // attacker's block to more honest hash before the honest rival reaches it.
    const auto few = sample(p2p_selfish("optimal_selfish", 0.4, 0.5, 0.02, 3000), 8, 77);
    const auto all = sample(p2p_selfish("optimal_selfish", 0.4, 0.5, 1.0, 3000), 8, 77);
    std::printf("gamma with 2%% of nodes as peers %.4f +- %.4f, with all %.4f +- %.4f\n", few.gamma,
                z_999 * few.gamma_se, all.gamma, z_999 * all.gamma_se);
    CHECK(all.gamma - few.gamma > z_999 * std::hypot(few.gamma_se, all.gamma_se));
}

TEST_CASE("selfish on P2P: the optimal policy beats SM1 on the same network", "[stat-light]") {
    // Common random numbers: same seed, so the same topologies and the same block finders and
    // times; only the strategy differs. The MDP says the optimum beats SM1 here (printed). The
    // optimal policy is solved at gamma = 0.3, near what this network gives (about 0.35); the one
    // solved at 0.5 also wins but with a paired spread too wide for 16 runs.
    const double alpha = 0.4, peers = 1.0;
    const int runs = 16, blocks = 5000;
    const auto opt = sample(p2p_selfish("optimal_selfish", alpha, 0.3, peers, blocks), runs, 2020);
    const auto sm1 = sample(p2p_selfish("selfish", alpha, 0.3, peers, blocks), runs, 2020);
    double d = 0, dd = 0;
    for (int i = 0; i < runs; ++i) d += (opt.shares[i] - sm1.shares[i]) / runs;
    for (int i = 0; i < runs; ++i) dd += std::pow(opt.shares[i] - sm1.shares[i] - d, 2) / (runs - 1);
    const double hw = z_999 * std::sqrt(dd / runs);
    const int t = models::attacks::selfish_mdp_max_fork_blocks;
    const auto& optimal = models::attacks::cached_optimal_selfish_policy(alpha, 0.3, t);
    const double g = opt.gamma;
    std::printf("alpha %.2f gamma %.4f: optimal %.5f (MDP %.5f), SM1 %.5f (MDP %.5f), paired "
                "difference %.5f +- %.5f\n",
                alpha, g, opt.share, models::attacks::selfish_policy_revenue(optimal, alpha, g),
                sm1.share,
                models::attacks::selfish_policy_revenue(models::attacks::sm1_policy(t), alpha, g), d,
                hw);
    CHECK(d > hw);
}

// Limit case of propagation inside the world: the stale-block rate of two pools on two nodes
// joined by one link against the closed form of closed-forms.md ("Stale blocks and
// propagation"): with blocks Poisson of rate 1/T and a block reaching the other pool after tau,
// a block by pool i meets a competitor with probability 1 - exp(-lambda_j tau / T).
//
// Why this can disagree: the world never evaluates that formula. Blocks are found by the mining
// process, carried over the link as engine events (header, getdata, block: three messages of
// latency_s), each pool mines on the tip ITS node saw first, and a block ends up orphaned only
// when the block tree's longest chain later leaves it behind. A wrong hop delay, a node that
// adopted a block of equal height, or a reorg that failed to switch would all move the rate.
// The formula neglects a second fork during the one being resolved (O(p^2), 6e-4 here, below
// the tolerance); z = 3.29 with the binomial error of each run's own block count.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>

#include "models/bitcoin/world/world.hpp"
#include "tests/statistical/replications.hpp"

namespace btc = models::bitcoin;

namespace {

struct NoAgents {
    std::size_t size() const { return 0; }
    double latency_s(std::size_t) const { return 0.0; }
    void on_start(btc::World&) {}
    void on_block(std::size_t, btc::Height, btc::World&) {}
    void on_wake(std::size_t, std::uint32_t, btc::World&) {}
    bool done(const btc::World&) const { return false; }
};

void stale_rate_matches(double share_a, std::int64_t blocks, std::uint64_t seed) {
    btc::WorldParams p;
    p.block_interval_s = 60.0;
    p.horizon_blocks = blocks;
    p.pools.shares = {share_a, 1.0 - share_a};
    p.demand.arrival_vb_per_s = 0.0;
    p.propagation.enabled = true;
    p.propagation.topology = "random_regular";
    p.propagation.nodes = 2;
    p.propagation.degree = 1;
    p.propagation.latency_s = 1.0;
    p.propagation.bandwidth_bps = 1e12;  // transfer time 196 B * 8 / 1e12 s: negligible
    btc::World world(p, sim::StreamFactory(seed, 0));
    NoAgents agents;
    world.run(agents);
    const double tau_s = 3.0 * p.propagation.latency_s;
    const double b = 1.0 - share_a, x = tau_s / p.block_interval_s;
    const double expected = share_a * (1.0 - std::exp(-b * x)) + b * (1.0 - std::exp(-share_a * x));
    const double n = static_cast<double>(world.stats().blocks);
    const double measured = static_cast<double>(world.orphaned_blocks()) / n;
    double half = 0.0;
    const bool ok = l2sim_test::within_binomial(measured, expected, n, &half);
    std::printf(
        "stale rate, shares %.2f/%.2f, tau %.1f s, T %.0f s, %.0f blocks: %.5f vs %.5f +- %.5f\n",
        share_a, b, tau_s, p.block_interval_s, n, measured, expected, half);
    CHECK(world.stats().blocks == static_cast<std::uint64_t>(blocks));
    CHECK(ok);
}

}  // namespace

TEST_CASE("World with propagation: stale rate of two pools against the closed form (light)",
          "[stat-light][world][propagation]") {
    stale_rate_matches(0.5, 6'000, 1301);
    stale_rate_matches(0.8, 6'000, 1302);
}

TEST_CASE("World with propagation: stale rate of two pools against the closed form",
          "[.statistical][world][propagation]") {
    stale_rate_matches(0.5, 40'000, 1311);
    stale_rate_matches(0.8, 40'000, 1312);
}

// The transaction-level world against the closed forms its miners' primitives are built to
// reach (censorship over a window, the myopic timelocked-bribery condition). Every simulated value
// here comes from transactions in blocks: the honest claim and the adversary's spend enter the
// mempool, pools drawn by hash share build templates from it (leaving out what their orders or a
// bribe tell them to), and the outcome is which spend a block confirmed. The closed forms are only
// oracles. Tolerances are z = 3.29 standard errors of each test's own sample, from fixed seeds.
// [stat-light]: a few thousand runs per point, run by `make test`; [.statistical]: fuller samples
// and the checks that a wrong exponent is rejected, run by `make validate`.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "models/layer2/dispute/dispute_model.hpp"
#include "models/layer2/dispute/dispute_setup.hpp"
#include "replications.hpp"

namespace btc = models::bitcoin;
using l2sim_test::replicate;
using l2sim_test::within_binomial;
using models::layer2::DisputeModel;

namespace {

std::size_t dispute_column(const DisputeModel::Params& p, const std::string& name) {
    return l2sim_test::column<DisputeModel>(p, name);
}

double mean_of(const std::vector<std::vector<double>>& rows, std::size_t c) {
    double s = 0;
    for (const auto& r : rows) s += r[c];
    return s / static_cast<double>(rows.size());
}

/// A quiet world: no background demand, no congestion, the honest claim at 10 sat/vB (it always
/// fits), both parties reacting at once, a horizon past the window.
DisputeModel::Params quiet(std::vector<double> shares, int claim_delay, int window) {
    DisputeModel::Params p;
    p.world.pools.shares = std::move(shares);
    p.world.demand.arrival_vb_per_s = 0.0;
    p.world.horizon_blocks = window + 3;
    p.dispute.claim_delay_blocks = claim_delay;
    p.dispute.window_blocks = window;
    p.claimant.latency_s = 0.0;
    p.claimant.fee_rate_sat_vb = 10.0;
    p.claimant.fee_policy = "fixed";
    p.adversary.sweep.latency_s = 0.0;
    return p;
}

/// Blocks in which only the honest claim can confirm. The contested output confirms at height 0;
/// the claim's older(claim_delay) is met in a block at height >= claim_delay, and the first block
/// is height 1 (the claimant broadcasts at the start when its path is valid in block 1). The
/// adversary's older(window) is met at height window: it broadcasts its spend once block window-1
/// is seen, replacing the pending claim (BIP125), so block `window` confirms the adversary.
int only_claim_blocks(int claim_delay, int window) {
    return window - std::max(claim_delay, 1);
}

struct CensorPoint {
    std::vector<double> shares;
    double alpha;  ///< the censoring set's share: the largest pools first, exactly alpha
    int claim_delay;
    int window;
};

std::vector<double> censor_rates(const CensorPoint& c, int runs, std::uint64_t seed,
                                 double* controlled) {
    auto p = quiet(c.shares, c.claim_delay, c.window);
    p.adversary.censor.hash_share = c.alpha;
    const auto rows = replicate<DisputeModel>(p, runs, seed);
    *controlled = rows.front()[dispute_column(p, "censor_hash_share")];
    return {mean_of(rows, dispute_column(p, "attack_success")),
            mean_of(rows, dispute_column(p, "claim_confirmed"))};
}

const std::vector<CensorPoint> censor_points{
    {{0.6, 0.4}, 0.6, 0, 4},
    {{0.5, 0.3, 0.2}, 0.8, 2, 6},
    {{0.3, 0.25, 0.25, 0.2}, 0.3, 1, 3},
};

// Why the simulation cannot simply reproduce alpha^k: nothing computes a probability. Each run
// draws block finders by hash share; a controlled pool's template leaves out every spend of the
// contested output except the adversary's; an honest pool's template takes the claim from the
// mempool; at height `window` the adversary's spend (which replaced the claim under BIP125) is
// the only candidate. k is set by the policy's CSVs, the consensus check at block connect, the
// agents' reactions and the mempool's replacement rule; an off-by-one anywhere moves the rate to
// alpha^(k±1), which the fuller run rejects.
void check_censorship(int runs, bool reject_neighbours) {
    std::printf("%-22s %-6s %-3s %-10s %-10s %-10s\n", "shares", "alpha", "k", "alpha^k",
                "simulated", "CI half");
    std::uint64_t seed = 41;
    for (const auto& c : censor_points) {
        const int k = only_claim_blocks(c.claim_delay, c.window);
        const double exact = std::pow(c.alpha, k);
        double controlled = 0;
        const auto rates = censor_rates(c, runs, seed++, &controlled);
        double hw = 0;
        const bool ok = within_binomial(rates[0], exact, runs, &hw);
        std::string shares;
        for (double s : c.shares) shares += std::to_string(s).substr(0, 4) + " ";
        std::printf("%-22s %-6.2f %-3d %-10.5f %-10.5f %-10.5f\n", shares.c_str(), c.alpha, k,
                    exact, rates[0], hw);
        CHECK(controlled == Approx(c.alpha).epsilon(1e-12));
        CHECK(ok);
        CHECK(rates[0] + rates[1] == Approx(1.0));  // one spend or the other, every run
        if (reject_neighbours) {
            CHECK_FALSE(within_binomial(rates[0], std::pow(c.alpha, k + 1), runs));
            CHECK_FALSE(within_binomial(rates[0], std::pow(c.alpha, k - 1), runs));
        }
    }
}

/// The fee of the honest claim, the fee a myopic pool gives up by leaving it out (no demand).
btc::Sat claim_fee(int claim_delay, int window) {
    const auto d = models::layer2::make_dispute(btc::Outpoint{1, 0}, btc::from_btc(1.0),
                                                static_cast<std::uint32_t>(claim_delay),
                                                static_cast<std::uint32_t>(window));
    const auto tx =
        models::layer2::make_claim(2, d, true, static_cast<btc::Height>(std::max(claim_delay, 1)),
                                   [](btc::Weight w) { return btc::FeeRate{10.0}.fee_for(w); });
    REQUIRE(!tx.inputs.empty());
    return tx.fee;
}

struct BribePoint {
    std::vector<double> shares;  ///< normalised already; the last is lambda_min
    int claim_delay;
    int window;
};

const std::vector<BribePoint> bribe_points{
    {{0.5, 0.3, 0.2}, 0, 4},
    {{0.6, 0.25, 0.15}, 2, 5},
    {{0.4, 0.35, 0.25}, 0, 3},
};

double bribe_success(const BribePoint& b, std::int64_t bribe_sat, int runs, std::uint64_t seed) {
    auto p = quiet(b.shares, b.claim_delay, b.window);
    p.world.pools.bribe_rule = "myopic";
    p.adversary.sweep.bribe_btc = static_cast<double>(bribe_sat) / 1e8;
    const auto rows = replicate<DisputeModel>(p, runs, seed);
    return mean_of(rows, dispute_column(p, "attack_success"));
}

// Why the simulation cannot simply reproduce the condition: each pool that finds a block builds
// its template twice, with and without the claim, and leaves the claim out when its share of the
// bribe beats the fees that template gives up; the fee given up is whatever the mempool holds (here
// exactly the claim's fee f, with no demand), the bribe is the adversary's spend's own fee, and
// which pools censor is found block by block, never from b > f / lambda_min. Just above the
// threshold every pool censors in every block (deterministic); just below, the smallest pool
// includes the claim when it finds a block, so success is (share of the others)^k.
void check_bribery(int runs) {
    std::printf("%-20s %-3s %-8s %-10s %-10s %-10s %-10s %-10s\n", "shares", "k", "f sat", "b* sat",
                "above", "closed", "below", "CI half");
    std::uint64_t seed = 71;
    for (const auto& b : bribe_points) {
        const int k = only_claim_blocks(b.claim_delay, b.window);
        const std::int64_t f = claim_fee(b.claim_delay, b.window).value;
        const double lambda_min = b.shares.back();
        const auto threshold =
            static_cast<std::int64_t>(std::floor(static_cast<double>(f) / lambda_min));
        const double above = bribe_success(b, threshold + 1, runs, seed++);
        const double below = bribe_success(b, threshold - 1, runs, seed++);
        const double exact_below = std::pow(1.0 - lambda_min, k);
        double hw = 0;
        const bool ok = within_binomial(below, exact_below, runs, &hw);
        std::string shares;
        for (double s : b.shares) shares += std::to_string(s).substr(0, 4) + " ";
        std::printf("%-20s %-3d %-8lld %-10lld %-10.5f %-10.5f %-10.5f %-10.5f\n", shares.c_str(),
                    k, static_cast<long long>(f), static_cast<long long>(threshold), above,
                    exact_below, below, hw);
        CHECK(above == 1.0);
        CHECK(ok);
    }
}

}  // namespace

TEST_CASE("World limits: censorship over a window is alpha^k (light)", "[stat-light][world]") {
    check_censorship(10000, false);
}

TEST_CASE("World limits: censorship over a window is alpha^k", "[.statistical][world]") {
    check_censorship(40000, true);
}

TEST_CASE("World limits: a censor with all the hash always wins, with none never",
          "[unit][world]") {
    // Deterministic ends of alpha^k: every block's finder censors, or none does.
    auto all = quiet({1.0}, 0, 4);
    all.adversary.censor.hash_share = 1.0;
    for (const auto& row : replicate<DisputeModel>(all, 50, 3)) {
        CHECK(row[dispute_column(all, "attack_success")] == 1.0);
        CHECK(row[dispute_column(all, "sweep_confirm_height")] ==
              4.0);  // the first block its path allows
    }
    auto none = quiet({0.5, 0.5}, 2, 6);
    for (const auto& row : replicate<DisputeModel>(none, 50, 4)) {
        CHECK(row[dispute_column(none, "attack_success")] == 0.0);
        CHECK(row[dispute_column(none, "claim_confirm_height")] ==
              2.0);  // the first block its CSV allows
    }
}

TEST_CASE("World limits: myopic timelocked bribery, b > f / lambda_min (light)",
          "[stat-light][world]") {
    check_bribery(5000);
}

TEST_CASE("World limits: myopic timelocked bribery, b > f / lambda_min", "[.statistical][world]") {
    check_bribery(20000);
}

TEST_CASE("World limits: pools that ignore bribes never take one", "[unit][world]") {
    auto p = quiet({0.5, 0.3, 0.2}, 0, 4);
    p.world.pools.bribe_rule = "ignore";
    p.adversary.sweep.bribe_btc = 0.5;  // a hundred times any threshold here
    for (const auto& row : replicate<DisputeModel>(p, 50, 5))
        CHECK(row[dispute_column(p, "attack_success")] == 0.0);
}

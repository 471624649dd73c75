// Censorship by forks in the transaction-level world against the race world's closed forms:
// feather-forking (Miller 2013; censored_unconfirmed(alpha, depth, k)) and the private race over
// the window (censor_private_race(alpha, k)), both in models/attacks/closed_forms.hpp. The
// simulated quantity is P(the honest claim is not confirmed within the k blocks in which only it
// can confirm), read from the final chain's `claim_confirm_height`.
//
// Why the simulation cannot simply reproduce its oracle: nothing here computes a probability or
// counts abstract blocks. Blocks carry real transactions: the claim is a spend checked against
// its policy's CSV at connect, taken from the mempool by honest pools' templates (Core's order)
// and left out by the coalition's; the coalition's pools choose their parent block in the world's
// block tree (the parent of a block that confirmed the claim, or their private tip), honest pools
// mine on the longest published chain, first seen; a reorg disconnects blocks, restores the coins
// from undo data and returns their transactions to the mempool (Core's
// MaybeUpdateMempoolForReorg), whence the claim re-enters the next honest template; the private
// chain's templates are built from the mempool as it stands at the private tip; at the window's
// end the adversary's own spend replaces the pending claim under BIP125. An error in any of
// these (a claim not returned by a reorg, a tie taken by the later block, a depth counted one
// off, a race published a block early) moves the rate off the closed form, which the fuller run
// checks against the neighbouring depth or window.
// [stat-light]: 4,000 runs per point (make test); [.statistical]: 20,000 (make validate).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "models/attacks/closed_forms.hpp"
#include "models/layer2/dispute/dispute_model.hpp"
#include "replications.hpp"

using l2sim_test::replicate;
using l2sim_test::within_binomial;
using models::layer2::DisputeModel;
namespace cf = models::attacks::closed_forms;

namespace {

std::size_t dispute_column(const DisputeModel::Params& p, const std::string& name) {
    const auto cols = DisputeModel::outcome_columns(p);
    for (std::size_t i = 0; i < cols.size(); ++i)
        if (cols[i].name == name) return i;
    throw std::runtime_error("no dispute column " + name);
}

struct ForkPoint {
    std::vector<double> shares;  ///< the largest pools first; the coalition takes exactly alpha
    double alpha;
    int claim_delay;
    int window;
    int depth;  ///< feather-fork depth (unused by the private race)
};

/// A quiet world (no background demand, no congestion), both parties reacting at once, the claim
/// at a fixed 10 sat/vB, and a horizon far past the window: a run ends once the dispute is
/// decided and no fork can still change it.
DisputeModel::Params forked(const ForkPoint& f, const std::string& strategy) {
    DisputeModel::Params p;
    p.world.pools.shares = f.shares;
    p.world.demand.arrival_vb_per_s = 0.0;
    p.world.horizon_blocks = 100'000;
    p.dispute.claim_delay_blocks = f.claim_delay;
    p.dispute.window_blocks = f.window;
    p.claimant.latency_s = 0.0;
    p.claimant.fee_rate_sat_vb = 10.0;
    p.claimant.fee_policy = "fixed";
    p.adversary.sweep.latency_s = 0.0;
    p.adversary.censor.hash_share = f.alpha;
    p.adversary.censor.strategy = strategy;
    p.adversary.censor.feather_fork_depth_blocks = f.depth;
    return p;
}

/// Blocks in which only the claim can confirm (heights max(delay, 1) .. window - 1).
int only_claim_blocks(const ForkPoint& f) {
    return f.window - std::max(f.claim_delay, 1);
}

struct Measured {
    double unconfirmed;  ///< claim not confirmed within the k blocks
    double orphaned;     ///< mean orphaned blocks per run
    double controlled;   ///< the coalition's hash share, as the run recorded it
};

Measured measure(const DisputeModel::Params& p, int k_last_height, int runs, std::uint64_t seed) {
    const auto rows = replicate<DisputeModel>(p, runs, seed);
    const std::size_t h = dispute_column(p, "claim_confirm_height"),
                      o = dispute_column(p, "orphaned_blocks");
    const std::size_t c = dispute_column(p, "censor_hash_share");
    double miss = 0, orphaned = 0;
    for (const auto& r : rows) {
        miss += std::isnan(r[h]) || r[h] > k_last_height ? 1.0 : 0.0;
        orphaned += r[o];
    }
    return {miss / runs, orphaned / runs, rows.front()[c]};
}

const std::vector<ForkPoint> feather_points{
    {{0.3, 0.25, 0.25, 0.2}, 0.3, 0, 4, 2},
    {{0.4, 0.35, 0.25}, 0.4, 1, 5, 3},
    {{0.25, 0.25, 0.5}, 0.5, 2, 5, 1},
};

const std::vector<ForkPoint> race_points{
    {{0.3, 0.25, 0.25, 0.2}, 0.3, 0, 4, 0},
    {{0.4, 0.35, 0.25}, 0.4, 1, 5, 0},
    {{0.45, 0.3, 0.25}, 0.45, 2, 4, 0},
};

void check_feather_fork(int runs, bool reject_neighbours) {
    std::printf("feather-fork: %-6s %-5s %-3s %-10s %-10s %-10s %-9s\n", "alpha", "depth", "k",
                "closed", "simulated", "CI half", "orphans");
    std::uint64_t seed = 501;
    for (const auto& f : feather_points) {
        const int k = only_claim_blocks(f);
        const double exact = cf::censored_unconfirmed(f.alpha, f.depth, k);
        const auto m = measure(forked(f, "feather_fork"), f.window - 1, runs, seed++);
        double hw = 0;
        const bool ok = within_binomial(m.unconfirmed, exact, runs, &hw);
        std::printf("feather-fork: %-6.2f %-5d %-3d %-10.5f %-10.5f %-10.5f %-9.3f\n", f.alpha,
                    f.depth, k, exact, m.unconfirmed, hw, m.orphaned);
        CHECK(m.controlled == Approx(f.alpha).epsilon(1e-12));
        CHECK(ok);
        CHECK(m.orphaned > 0.0);  // the coalition did orphan blocks
        if (reject_neighbours) {
            CHECK_FALSE(within_binomial(m.unconfirmed,
                                        cf::censored_unconfirmed(f.alpha, f.depth - 1, k), runs));
            CHECK_FALSE(
                within_binomial(m.unconfirmed, cf::censored_unconfirmed(f.alpha, 0, k), runs));
        }
    }
}

void check_private_race(int runs, bool reject_neighbours) {
    std::printf("private race: %-6s %-3s %-10s %-10s %-10s %-9s\n", "alpha", "k", "closed",
                "simulated", "CI half", "orphans");
    std::uint64_t seed = 601;
    for (const auto& f : race_points) {
        const int k = only_claim_blocks(f);
        const double exact = cf::censor_private_race(f.alpha, k);
        const auto m = measure(forked(f, "private_race"), f.window - 1, runs, seed++);
        double hw = 0;
        const bool ok = within_binomial(m.unconfirmed, exact, runs, &hw);
        std::printf("private race: %-6.2f %-3d %-10.5f %-10.5f %-10.5f %-9.3f\n", f.alpha, k, exact,
                    m.unconfirmed, hw, m.orphaned);
        CHECK(m.controlled == Approx(f.alpha).epsilon(1e-12));
        CHECK(ok);
        if (reject_neighbours) {
            CHECK_FALSE(
                within_binomial(m.unconfirmed, cf::censor_private_race(f.alpha, k + 1), runs));
            CHECK_FALSE(
                within_binomial(m.unconfirmed, cf::censor_private_race(f.alpha, k - 1), runs));
        }
    }
}

}  // namespace

TEST_CASE("World forks: feather-forking reaches censored_unconfirmed(alpha, depth, k) (light)",
          "[stat-light][world][forks]") {
    check_feather_fork(4000, false);
}

TEST_CASE("World forks: feather-forking reaches censored_unconfirmed(alpha, depth, k)",
          "[.statistical][world][forks]") {
    check_feather_fork(20000, true);
}

TEST_CASE("World forks: a private race reaches censor_private_race(alpha, k) (light)",
          "[stat-light][world][forks]") {
    check_private_race(4000, false);
}

TEST_CASE("World forks: a private race reaches censor_private_race(alpha, k)",
          "[.statistical][world][forks]") {
    check_private_race(20000, true);
}

TEST_CASE("World forks: the strongest censor plays the fork strategy its closed forms favour",
          "[unit][world][forks]") {
    // alpha 0.3, depth 2, k = 3: the private race (0.233) beats feather-forking (0.113); alpha 0.5
    // is a majority, for which only feather-forking is offered. Same seeds: identical runs.
    const ForkPoint minority{{0.3, 0.25, 0.25, 0.2}, 0.3, 0, 4, 2};
    const ForkPoint majority{{0.25, 0.25, 0.5}, 0.5, 2, 5, 1};
    const auto rows = [](const ForkPoint& f, const std::string& s) {
        return replicate<DisputeModel>(forked(f, s), 200, 77);
    };
    const auto same = [](const std::vector<std::vector<double>>& a,
                         const std::vector<std::vector<double>>& b) {
        if (a.size() != b.size()) return false;
        for (std::size_t r = 0; r < a.size(); ++r)
            if (!std::equal(
                    a[r].begin(), a[r].end(), b[r].begin(), b[r].end(),
                    [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); }))
                return false;
        return true;
    };
    CHECK(same(rows(minority, "strongest"), rows(minority, "private_race")));
    CHECK_FALSE(same(rows(minority, "strongest"), rows(minority, "feather_fork")));
    CHECK(same(rows(majority, "strongest"), rows(majority, "feather_fork")));
}

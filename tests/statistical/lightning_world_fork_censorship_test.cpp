// Censorship of the justice transaction by forks, in the `lightning` model, against the race
// world's closed forms (models/attacks/closed_forms.hpp): a feather-forking coalition (Miller 2013;
// censored_unconfirmed(alpha, depth, k)) and a private race over the to_self_delay window
// (censor_private_race(alpha, k)), each with a minority and a majority coalition. The simulated
// quantity is `attack_success`: the thief's older(to_self_delay) sweep of its revoked to_local
// confirmed in the final chain.
//
// Why the simulation cannot simply reproduce its oracle: nothing in the `lightning` model computes
// a probability or knows k. The thief broadcasts a revoked commitment built from BOLT 3 policies;
// the window's start is the height at which that commitment happens to confirm, and the censor
// learns it only by seeing the block (LightningAgents::open_censor_window_if_due); the tower's
// justice enters the mempool after it sees that block; the thief's sweep becomes valid only when
// the consensus check of older(d) passes at connect and must replace a pending justice under
// BIP125. The coalition's pools pick their parents in the world's block tree (the parent of a
// block that confirmed the justice, or their private tip); a reorg returns the justice to the
// mempool, where the next honest template takes it again. k = d - 1 is therefore a consequence of
// CSV semantics, agent reaction order and replacement; an off-by-one anywhere (window opened at
// the wrong height, a sweep one block early, a justice not returned by a reorg) moves the rate to
// the neighbouring k or depth, which the [.statistical] run rejects.
// Tolerances: z = 3.29 standard errors of each point's own number of runs (binomial), fixed seeds.
// [stat-light]: 2,000 runs per point (make test); [.statistical]: 20,000 (make validate).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "models/attacks/closed_forms.hpp"
#include "models/layer2/lightning/lightning_world_model.hpp"
#include "replications.hpp"

using l2sim_test::replicate;
using l2sim_test::within_binomial;
using models::layer2::lightning::LightningWorldModel;
using Params = LightningWorldModel::Params;
namespace cf = models::attacks::closed_forms;

namespace {

std::size_t col(const Params& p, const std::string& name) {
    const auto cols = LightningWorldModel::outcome_columns(p);
    for (std::size_t i = 0; i < cols.size(); ++i)
        if (cols[i].name == name) return i;
    throw std::runtime_error("no lightning column " + name);
}

struct ForkPoint {
    std::vector<double> shares;  ///< the coalition takes the largest pools first: exactly alpha
    double alpha;
    int to_self_delay;
    int depth;  ///< feather-fork depth (unused by the private race)
};

/// A quiet world (no background demand): the revoked commitment confirms in block 1, the tower
/// reacts at once with a presigned 10 sat/vB justice, the horizon is far past the window (a run
/// ends when the dispute is decided, buried, and no fork can still change it).
Params forked(const ForkPoint& f, const std::string& strategy) {
    Params p;
    p.world.pools.shares = f.shares;
    p.world.demand.arrival_vb_per_s = 0.0;
    p.world.horizon_blocks = 100'000;
    p.channel.contested = "revoked_state";
    p.channel.implementation = "cln";
    p.channel.to_self_delay_blocks = f.to_self_delay;
    p.channel.dispute_start_blocks = 0;
    p.tower.latency_s = 0.0;
    p.tower.fee_rate_sat_vb = 10.0;
    p.adversary.censor.hash_share = f.alpha;
    p.adversary.censor.strategy = strategy;
    p.adversary.censor.feather_fork_depth_blocks = f.depth;
    return p;
}

struct Measured {
    double success;
    double orphaned;
    double controlled;
};

Measured measure(const Params& p, int runs, std::uint64_t seed) {
    const auto rows = replicate<LightningWorldModel>(p, runs, seed);
    double s = 0, o = 0;
    for (const auto& r : rows) {
        s += r[col(p, "attack_success")];
        o += r[col(p, "orphaned_blocks")];
    }
    return {s / runs, o / runs, rows.front()[col(p, "censor_hash_share")]};
}

// Blocks in which only the justice can confirm: 2 .. d (the commitment at h_c = 1, the sweep
// valid from 1 + d), as in lightning_world_validation_test.cpp.
int justice_blocks(int d) {
    return d - 1;
}

const std::vector<ForkPoint> feather_points{
    {{0.3, 0.25, 0.25, 0.2}, 0.3, 4, 2},  // minority
    {{0.6, 0.4}, 0.6, 4, 1},              // majority
};

const std::vector<ForkPoint> race_points{
    {{0.4, 0.35, 0.25}, 0.4, 5, 0},  // minority
};

void check_feather_fork(int runs, bool reject_neighbours) {
    std::uint64_t seed = 901;
    for (const auto& f : feather_points) {
        const int k = justice_blocks(f.to_self_delay);
        const double exact = cf::censored_unconfirmed(f.alpha, f.depth, k);
        const auto m = measure(forked(f, "feather_fork"), runs, seed++);
        double hw = 0;
        const bool ok = within_binomial(m.success, exact, runs, &hw);
        std::printf(
            "lightning feather-fork: alpha %.2f depth %d to_self_delay %d (k %d): closed %.5f "
            "simulated %.5f CI half %.5f (%d runs), orphans/run %.3f\n",
            f.alpha, f.depth, f.to_self_delay, k, exact, m.success, hw, runs, m.orphaned);
        CHECK(m.controlled == Approx(f.alpha).epsilon(1e-12));
        CHECK(ok);
        CHECK(m.orphaned > 0.0);
        if (reject_neighbours) {
            CHECK_FALSE(within_binomial(m.success, cf::censored_unconfirmed(f.alpha, 0, k), runs));
            CHECK_FALSE(within_binomial(m.success,
                                        cf::censored_unconfirmed(f.alpha, f.depth, k + 1), runs));
        }
    }
}

void check_private_race(int runs, bool reject_neighbours) {
    std::uint64_t seed = 951;
    for (const auto& f : race_points) {
        const int k = justice_blocks(f.to_self_delay);
        const double exact = cf::censor_private_race(f.alpha, k);
        const auto m = measure(forked(f, "private_race"), runs, seed++);
        double hw = 0;
        const bool ok = within_binomial(m.success, exact, runs, &hw);
        std::printf(
            "lightning private race: alpha %.2f to_self_delay %d (k %d): closed %.5f simulated "
            "%.5f CI half %.5f (%d runs), orphans/run %.3f\n",
            f.alpha, f.to_self_delay, k, exact, m.success, hw, runs, m.orphaned);
        CHECK(m.controlled == Approx(f.alpha).epsilon(1e-12));
        CHECK(ok);
        if (reject_neighbours) {
            CHECK_FALSE(within_binomial(m.success, cf::censor_private_race(f.alpha, k + 1), runs));
            CHECK_FALSE(within_binomial(m.success, cf::censor_private_race(f.alpha, k - 1), runs));
        }
    }
}

}  // namespace

TEST_CASE("Lightning world: feather-forking the justice reaches censored_unconfirmed (light)",
          "[stat-light][lightning-world][forks]") {
    check_feather_fork(2000, false);
}

TEST_CASE("Lightning world: feather-forking the justice reaches censored_unconfirmed",
          "[.statistical][lightning-world][forks]") {
    check_feather_fork(20000, true);
}

TEST_CASE("Lightning world: a private race over to_self_delay reaches censor_private_race (light)",
          "[stat-light][lightning-world][forks]") {
    check_private_race(2000, false);
}

TEST_CASE("Lightning world: a private race over to_self_delay reaches censor_private_race",
          "[.statistical][lightning-world][forks]") {
    check_private_race(20000, true);
}

// A majority coalition racing privately never gives up (adversary/censor.cpp) and a walk with
// up-probability above 1/2 catches up with probability 1: the closed form is 1 and every run must
// end with the thief's sweep confirmed, however many honest blocks the race had to overtake.
// Independent for the same reason as above: the win is a published private chain that reorgs the
// justice out, followed by the sweep's confirmation, not a draw.
TEST_CASE("Lightning world: a majority private race always steals", "[unit][lightning-world]") {
    const ForkPoint f{{0.6, 0.4}, 0.6, 6, 0};
    const int runs = 200;
    const auto m = measure(forked(f, "private_race"), runs, 971);
    std::printf(
        "lightning private race, majority alpha 0.6, to_self_delay 6: success %.5f "
        "(closed %.5f), orphans/run %.3f\n",
        m.success, cf::censor_private_race(0.6, justice_blocks(6)), m.orphaned);
    CHECK(cf::censor_private_race(0.6, justice_blocks(6)) == 1.0);
    CHECK(m.success == 1.0);
}

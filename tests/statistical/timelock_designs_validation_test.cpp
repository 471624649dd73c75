// The timelock-window designs (BitVM2, rollup, Babylon, Ark, statechain) against the closed forms derived for their main attacks (README):
// all-n collusion (BitVM2 committee) and k-of-n tails, censorship over a challenge window,
// slashed stake, and the Ark mass-exit capacity. z = 3.29 binomial standard errors, fixed seeds.
#include <catch2/catch.hpp>

#include <cstdio>

#include "models/attacks/closed_forms.hpp"
#include "models/attacks/strongest_censor.hpp"
#include "models/layer2/timelock_designs/timelock_closed_forms.hpp"
#include "models/layer2/layer2_model.hpp"
#include "replications.hpp"

using models::layer2::Layer2Model;
using models::layer2::Layer2Params;
namespace d3 = models::layer2::timelock_forms;
namespace cf = models::attacks::closed_forms;

namespace {

Layer2Params design(const char* d, const char* attack) {
    Layer2Params p;
    p.layer2.design = d;
    p.layer2.attack = attack;
    return p;
}

void check(const char* what, const Layer2Params& p, double exact, int runs, std::uint64_t seed) {
    CHECK(l2sim_test::success_matches<Layer2Model>(what, p, exact, runs, seed));
}

}  // namespace

TEST_CASE("bitvm2: all-n committee collusion is the product of acceptances", "[stat-light]") {
    auto p = design("bitvm2", "committee_collusion");
    for (double offer : {100.0, 150.0, 250.0}) {
        p.attack.bribe_per_signer_btc = offer;
        check("bitvm2 10-of-10 committee collusion", p, d3::keys_tail(p.peg, 10, 10, offer), 20000, 81);
    }
}

TEST_CASE("bitvm2: censoring every challenge over the window", "[stat-light]") {
    auto p = design("bitvm2", "censor_majority");
    p.bitvm2.preset = "custom";
    p.bitvm2.challenge_window_blocks = 10;
    for (double a : {0.45, 0.55}) {
        p.attack.hash_share = a;
        check("bitvm2 challenge window 10, majority censor", p, models::attacks::strongest_censor(a, 10, 10).success(), 20000, 82);
    }
    p.layer2.attack = "censor_feather_fork";
    p.attack.feather_fork_depth = 2;
    p.attack.hash_share = 0.35;
    check("bitvm2 challenge window 10, feather-fork depth 2", p, models::attacks::strongest_censor(0.35, 2, 10).success(), 20000, 83);
}

TEST_CASE("rollup and statechain: k-of-n parts and the backup race", "[stat-light]") {
    auto p = design("rollup", "da_withholding");
    p.rollup.data_availability = "committee";
    p.attack.bribe_per_signer_btc = 60.0;
    check("rollup DA committee 5-of-7", p, d3::keys_tail(p.peg, 7, 5, 60.0), 20000, 84);
    p.layer2.attack = "malicious_upgrade";
    check("rollup upgrade keys 6-of-9, no delay", p, d3::keys_tail(p.peg, 9, 6, 60.0), 20000, 85);
    p.rollup.upgrade_delay_days = 30.0;  // users exit first: the upgrade steals nothing
    check("rollup upgrade keys 6-of-9, 30-day delay", p, 0.0, 20000, 85);
    auto s = design("statechain", "backup_censor");
    s.statechain.decrement_blocks = 8;
    s.attack.hash_share = 0.5;
    check("statechain backup race, 8 blocks, alpha 0.5", s, models::attacks::strongest_censor(0.5, 8, 8).success(), 20000, 86);
}

TEST_CASE("babylon: double-signing costs exactly the slashed stake", "[stat-light]") {
    auto p = design("babylon", "double_sign");
    for (double share : {0.2, 1.0 / 3.0, 0.5}) {
        p.attack.stake_share = share;
        const auto o = l2sim_test::replicate<Layer2Model>(p, 1, 87)[0];
        CHECK(o[0] == (share >= 1.0 / 3.0 ? 1.0 : 0.0));
        CHECK(o[14] == Approx(share >= 1.0 / 3.0 ? 0.001 * share * 57000.0 : 0.0));  // stake_slashed_btc
    }
    p.layer2.attack = "escape_slash";
    p.attack.stake_share = 0.34;
    p.staking.unbonding_blocks = 12;
    for (double a : {0.5, 0.6}) {
        p.attack.hash_share = a;
        check("babylon escape: censor the slashing tx, unbonding 12", p, models::attacks::strongest_censor(a, 12, 12).success(), 20000, 88);
    }
}

TEST_CASE("ark: mass exit strands exactly the users beyond the capacity bound", "[stat-light]") {
    auto p = design("ark", "mass_exit");
    p.market.competing_share_sd = 0.0;
    for (bool bump : {false, true})
        for (std::int64_t users : {1'000'000, 1'440'000, 1'500'000, 2'000'000, 3'000'000}) {
            p.ark.users = users;
            p.ark.users_bump = bump;
            const auto o = l2sim_test::replicate<Layer2Model>(p, 1, 89)[0];
            const double stranded = o[2] / p.ark.vtxo_btc;  // value_stolen_btc
            const double bound = static_cast<double>(users) - d3::ark_exits(p);
            std::printf("ark mass exit, bump %d, %7lld users: bound %.0f stranded, simulated %.0f\n", bump,
                        static_cast<long long>(users), bound, stranded);
            CHECK(stranded == Approx(bound).margin(0.5));
        }
}

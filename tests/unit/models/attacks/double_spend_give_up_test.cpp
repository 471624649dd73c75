// The double-spend race with an optimal give-up rule: backward induction and the absorbing Markov
// chain (Eigen) agree, the truncation does not bind, each economic parameter moves the outcome,
// and with nothing to lose the attacker never gives up (the fixed-deficit race's limit).
#include <catch2/catch.hpp>

#include <cstdio>

#include "models/attacks/closed_forms.hpp"
#include "models/attacks/double_spend_give_up.hpp"
#include "models/attacks/optimal_double_spend.hpp"

using namespace models::attacks;

namespace {

DoubleSpendEconomics base() {
    // q = 0.3, z = 3, own hash, V = 10 BTC, R = 3.125 BTC, no rent, 600 s blocks.
    return {0.3, 3, false, false, 1e9, 312'500'000.0, 0.0, 600.0};
}

GiveUpPolicyValue value(const DoubleSpendEconomics& e) { return give_up_policy_value(GiveUpPolicy(e, 300)); }

}  // namespace

TEST_CASE("optimal give-up: backward induction equals the Markov chain value", "[unit][double-spend-give-up]") {
    for (double v : {1e8, 1e9, 1e10}) {
        auto e = base();
        e.value_sat = v;
        const GiveUpPolicy p(e, 300);
        const auto x = give_up_policy_value(p);
        std::printf("V %.0e sat: success %.6f payoff %.6g (induction %.6g) blocks %.4f\n", v, x.success_probability,
                    x.expected_payoff_sat, p.optimal_payoff_sat(), x.expected_blocks);
        CHECK(x.expected_payoff_sat == Approx(p.optimal_payoff_sat()).epsilon(1e-9).margin(1e-3));
    }
}

TEST_CASE("optimal give-up: the truncation does not bind", "[unit][double-spend-give-up]") {
    auto e = base();
    e.value_sat = 1e10;
    const double v200 = GiveUpPolicy(e, 200).optimal_payoff_sat(), v300 = GiveUpPolicy(e, 300).optimal_payoff_sat();
    CHECK(v300 == Approx(v200).epsilon(1e-12));
}

TEST_CASE("optimal give-up: every economic parameter changes the outcome", "[unit][double-spend-give-up]") {
    const double s0 = value(base()).success_probability;
    auto more_value = base();
    more_value.value_sat = 1e10;
    CHECK(value(more_value).success_probability > s0);  // double_spend_value_sat
    auto dearer_blocks = base();
    dearer_blocks.block_reward_sat = 1e9;
    CHECK(value(dearer_blocks).success_probability < s0);  // block_reward_sat
    auto rent = base();
    rent.rent_sat_per_s = 3e4;  // 1.8e7 sat per 600 s block
    CHECK(value(rent).success_probability < s0);  // hash_rent_sat_per_s
    auto rented = base();
    rented.rented = true;
    CHECK(value(rented).success_probability > s0);  // rented: an abandoned branch forgoes nothing
    auto slower = rent;
    slower.block_event_s = 1200.0;
    CHECK(value(slower).success_probability < value(rent).success_probability);  // chain.block_interval_s
}

TEST_CASE("optimal give-up: with nothing at stake it never gives up", "[unit][double-spend-give-up]") {
    // Rented hash at zero rent: continuing never costs, so the race runs to the truncation and the
    // success probability is the catch-up closed form (Grunspan and Perez-Marco 2017) up to the
    // truncated tail.
    auto e = base();
    e.rented = true;
    const auto x = value(e);
    CHECK(x.success_probability == Approx(closed_forms::double_spend_catch_up(0.3, 3)).margin(1e-9));
}

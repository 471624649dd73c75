// Non-myopic timelocked bribery against the myopic rule, through transactions in blocks.
// Nadahalli, Khabbazian and Wattenhofer ("Timelocked Bribing", FC 2021, §4) give the myopic
// condition: a pool of share lambda leaves the victim's transaction (fee f) out of the block it is
// building when lambda x b > f, so every pool censors iff b > f / lambda_min. A non-myopic pool
// (mining/template_policy.hpp) also weighs that the bribe is paid only if every block before it
// becomes minable leaves the victim out: pool i censors iff lambda_i x b x S^t > f, S the share
// of the censoring set (a fixed point) and t the blocks left after this one. So:
// - with t = 0 (the last block before the bribe is minable) both rules are the paper's condition;
// - when every pool censors (b > f / lambda_min) S = 1 and both rules censor in every block;
// - when the weakest pool does not censor (f / lambda_2 < b <= f / lambda_min), the myopic pools
//   that do keep censoring whatever the window, while a non-myopic pool gives up early in a long
//   window, since S^t makes the bribe unlikely to be paid. This is where the rules must differ.
// Why the world cannot simply reproduce these numbers: nothing evaluates them. Each block's finder
// is drawn by share, builds its template twice (with and without the claim) from the mempool, and
// reads the fee given up from the two templates; the bribe is the adversary's own spend's fee;
// blocks_left comes from the block's height and the spend's CSV; at the window's end the
// adversary's spend replaces the claim under BIP125. An off-by-one in the blocks left, or a fee
// read from the wrong template, moves the rates below (the deterministic 0 first of all).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "models/bitcoin/mining/template_policy.hpp"
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

/// The honest claim's fee at 10 sat/vB: with no background demand, exactly the fee a pool gives
/// up by leaving it out.
std::int64_t claim_fee_sat() {
    const auto d = models::layer2::make_dispute(btc::Outpoint{1, 0}, btc::from_btc(1.0), 0, 4);
    const auto tx = models::layer2::make_claim(
        2, d, true, 1, [](btc::Weight w) { return btc::FeeRate{10.0}.fee_for(w); });
    REQUIRE(!tx.inputs.empty());
    return tx.fee.value;
}

double success(const std::string& rule, std::int64_t bribe_sat, int window, int runs,
               std::uint64_t seed) {
    DisputeModel::Params p;
    p.world.pools.shares = {0.5, 0.3, 0.2};
    p.world.pools.bribe_rule = rule;
    p.world.demand.arrival_vb_per_s = 0.0;
    p.world.horizon_blocks = window + 3;
    p.dispute.window_blocks = window;
    p.claimant.latency_s = 0.0;
    p.claimant.fee_rate_sat_vb = 10.0;
    p.adversary.sweep.latency_s = 0.0;
    p.adversary.sweep.bribe_btc = static_cast<double>(bribe_sat) / 1e8;
    double s = 0;
    for (const auto& row : replicate<DisputeModel>(p, runs, seed))
        s += row[dispute_column(p, "attack_success")];
    return s / runs;
}

}  // namespace

TEST_CASE(
    "Bribery rules: with no block left to look ahead, non-myopic is the paper's myopic condition",
    "[unit][world][bribery]") {
    // Exact, on the rule itself: t = 0 makes S^t = 1, so pool i censors iff lambda_i b > f.
    const std::vector<double> shares{0.5, 0.3, 0.2};
    const double f = 1330.0;
    for (double b : {2000.0, 2661.0, 4000.0, 4434.0, 6000.0, 6651.0, 20000.0}) {
        const auto nm = btc::non_myopic_censors(shares, b, f, 0);
        for (std::size_t i = 0; i < shares.size(); ++i) {
            INFO("b " << b << " pool " << i);
            // The myopic censors all stay: removing pools only shrinks S, and S^0 = 1.
            CHECK(nm[i] == (shares[i] * b > f));
        }
    }
}

TEST_CASE(
    "Bribery rules: non-myopic pools differ from myopic ones where the look-ahead bites (light)",
    "[stat-light][world][bribery]") {
    const std::int64_t f = claim_fee_sat();
    const int runs = 4000;
    // b between f / 0.3 and f / 0.2: the 0.2 pool never censors, the 0.5 and 0.3 pools do when
    // myopic.
    const std::int64_t b = 6000;
    REQUIRE(0.3 * b > f);
    REQUIRE(0.2 * b <= f);

    // Window 4 (claim valid from height 1, k = 3 blocks, t = 2, 1, 0). Myopic: the 0.8 set censors
    // every block, success 0.8^3. Non-myopic at t = 2: 0.3 x 6000 x 0.8^2 < f, so the 0.3 pool
    // drops, then 0.5 x 6000 x 0.5^2 < f: nobody censors block 1 and the claim confirms there.
    const double myopic_long = success("myopic", b, 4, runs, 901);
    const double non_myopic_long = success("non_myopic", b, 4, runs, 901);
    double hw = 0;
    const bool ok = within_binomial(myopic_long, std::pow(0.8, 3), runs, &hw);
    std::printf(
        "window 4: myopic %.5f (0.8^3 = %.5f, half-width %.5f), non-myopic %.5f (exact 0)\n",
        myopic_long, std::pow(0.8, 3), hw, non_myopic_long);
    CHECK(ok);
    CHECK(non_myopic_long == 0.0);

    // Window 3 (k = 2, t = 1, 0): 0.3 x 6000 x 0.8 > f, so both rules keep the 0.8 set: 0.8^2.
    const double myopic_short = success("myopic", b, 3, runs, 902);
    const double non_myopic_short = success("non_myopic", b, 3, runs, 902);
    std::printf("window 3: myopic %.5f, non-myopic %.5f (both 0.8^2 = 0.64)\n", myopic_short,
                non_myopic_short);
    CHECK(within_binomial(myopic_short, 0.64, runs));
    CHECK(within_binomial(non_myopic_short, 0.64, runs));
    CHECK(myopic_short == non_myopic_short);  // same seeds, same censoring set in every block

    // b > f / lambda_min: every pool censors under both rules (S = 1), deterministically.
    const auto above = static_cast<std::int64_t>(std::floor(static_cast<double>(f) / 0.2)) + 1;
    CHECK(success("myopic", above, 4, 500, 903) == 1.0);
    CHECK(success("non_myopic", above, 4, 500, 903) == 1.0);
}

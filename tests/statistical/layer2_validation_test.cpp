// Layer2 designs against the closed forms derived for them (README, "Layer2 designs"): Poisson-
// binomial tails for k-of-n corruption with heterogeneous costs, the drivechain ACK walk, and the
// merged-mining race (the Bitcoin double-spend race with the give-up deficit, Markov chain).
// Tolerance z = 3.29 binomial standard errors of each test's own sample, fixed seeds.
#include <catch2/catch.hpp>

#include <cstdio>

#include "models/attacks/markov_exact.hpp"
#include "models/layer2/federation.hpp"
#include "models/layer2/layer2_closed_forms.hpp"
#include "models/layer2/layer2_model.hpp"
#include "replications.hpp"
#include "sim/random/distributions.hpp"

#include <algorithm>
#include <cmath>

using l2sim_test::within_binomial;
using models::layer2::Layer2Model;
using models::layer2::Layer2Params;
namespace cf = models::layer2::closed_forms;

namespace {

double success_rate(const Layer2Params& p, int runs, std::uint64_t seed) {
    return l2sim_test::mean_outcome<Layer2Model>(p, runs, seed);
}

void check(const char* what, const Layer2Params& p, double exact, int runs, std::uint64_t seed) {
    CHECK(l2sim_test::success_matches<Layer2Model>(what, p, exact, runs, seed));
}

}  // namespace

TEST_CASE("layer2: k-of-n bribery matches the Poisson-binomial tails", "[stat-light]") {
    for (const char* preset : {"liquid", "rootstock", "tbtc"})
        for (const char* attack : {"bribe_theft", "freeze", "halt_emergency"})
            for (double offer : {50.0, 120.0}) {
                Layer2Params p;
                p.layer2.design = "custody_peg";
                p.layer2.attack = attack;
                p.peg.preset = preset;
                p.peg.availability = 0.95;
                p.attack.bribe_per_signer_btc = offer;
                char label[96];
                std::snprintf(label, sizeof label, "peg %s %s offer %g BTC", preset, attack, offer);
                check(label, p, cf::peg_bribery_success(p.peg, attack, offer), 20000, 31);
            }
}

TEST_CASE("layer2: the bribery test rejects a homogeneous-cost binomial", "[stat-light]") {
    // Treating the keyholders as identical (all at the median) gives a different tail: the
    // heterogeneity is visible at this sample size, so the test above can fail.
    Layer2Params p;
    p.layer2.design = "custody_peg";
    p.layer2.attack = "bribe_theft";
    p.attack.bribe_per_signer_btc = 80.0;
    auto flat = p.peg;
    flat.signer_cost_spread = 1.0;
    CHECK(!within_binomial(success_rate(p, 20000, 32), cf::peg_bribery_success(flat, "bribe_theft", 80.0), 20000));
}

TEST_CASE("layer2: discriminating bribes cost the k cheapest keyholders", "[stat-light]") {
    Layer2Params p;
    p.layer2.design = "custody_peg";
    p.layer2.attack = "bribe_theft";
    p.attack.bribe_per_signer_btc = 1e9;  // everyone online accepts
    p.peg.availability = 1.0;
    sim::RunInput in;
    in.master_seed = 5;
    const auto o = Layer2Model::run(p, in).outcomes;
    sim::RngStream keys(5, 0, 11);  // the same stream the model uses for its keyholders
    std::vector<double> costs;
    for (int i = 0; i < 15; ++i) {
        costs.push_back(sim::random::lognormal(keys, std::log(models::layer2::median_cost_btc(p.peg, i, 15)), 1.0));
        sim::random::bernoulli(keys, 1.0);
    }
    std::sort(costs.begin(), costs.end());
    double cheapest = 0;
    for (int i = 0; i < 11; ++i) cheapest += costs[static_cast<std::size_t>(i)];
    CHECK(o[12] == Approx(cheapest));  // key_bribes_btc
    CHECK(o[13] == 11);                // keys_corrupted
}

TEST_CASE("layer2: drivechain ACK walk matches the binomial tail and the walk's DP", "[stat-light]") {
    Layer2Params p;
    p.layer2.design = "drivechain";
    p.drivechain.ack_required = 600;
    p.drivechain.window_blocks = 1200;
    for (double a : {0.49, 0.5, 0.52}) {
        p.layer2.attack = "theft";
        p.attack.hash_share = a;
        p.drivechain.honest_mode = "abstain";
        check("drivechain theft, honest abstain", p, cf::drivechain_theft(a, 600, 1200, false), 20000, 41);
    }
    for (double a : {0.74, 0.75, 0.76}) {
        p.attack.hash_share = a;
        p.drivechain.honest_mode = "downvote";
        check("drivechain theft, honest downvote", p, cf::drivechain_theft(a, 600, 1200, true), 20000, 42);
    }
    p.layer2.attack = "freeze";
    for (double b : {0.24, 0.25, 0.26}) {
        p.attack.hash_share = b;
        check("drivechain freeze by a downvoting minority", p, cf::drivechain_freeze(b, 600, 1200), 20000, 43);
    }
}

TEST_CASE("layer2: merged-mining reorg matches the race with the give-up deficit", "[stat-light]") {
    Layer2Params p;
    p.layer2.design = "merged_mining";
    p.layer2.attack = "rental_reorg";
    p.merged.confirmations = 30;
    p.attack.give_up_deficit = 15;
    for (double q : {0.45, 0.5, 0.55, 0.6}) {
        p.attack.hash_share = q;
        check("merged-mining rental reorg, z = 30", p, models::attacks::double_spend_markov(q, 30, 15, true), 20000, 51);
    }
}

TEST_CASE("layer2: the L1 baseline is the Bitcoin double-spend race", "[stat-light]") {
    Layer2Params p;
    for (double q : {0.3, 0.45, 0.55}) {
        p.attack.hash_share = q;
        check("L1 payment, 6 confirmations", p, models::attacks::double_spend_markov(q, 6, 20, true), 20000, 61);
    }
}

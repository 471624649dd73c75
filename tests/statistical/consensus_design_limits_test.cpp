// Closed forms as limit cases of the consensus designs (BIP300's ACK walk, the merged-mining
// peg-out race), run by the attack planner as pools in a world. Each simulated quantity comes from
// transactions a block confirmed (the bundle's payout) or from the world's block tree (the
// sidechain reorg), never from the formula: the formulas are written out here and call nothing
// in models/. Tolerances: z = 3.29 from each test's own number of runs, fixed seeds.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <vector>

#include "tests/statistical/replications.hpp"
#include "tests/support/design_runs.hpp"
#include "tests/support/merged_mining_design.hpp"

namespace {

using l2sim_test::design_params;
using l2sim_test::run_design;
using l2sim_test::with;

bool near(const char* what, double sim, double exact, int runs) {
    double hw = 0.0;
    const bool ok = l2sim_test::within_binomial(sim, exact, runs, &hw);
    std::printf("%-64s closed %.5f  simulated %.5f  CI half %.5f\n", what, exact, sim, hw);
    return ok;
}

/// The ACK walk: the proposal is the first ACK; each of the next window - 1 blocks adds one
/// with probability a, else 0 before step `switch_at` (abstain) and -1 from then on (alarm),
/// never below zero. P(the score reaches `need` within the window), by dynamic programming.
double ack_walk(double a, int need, int window, int switch_at) {
    std::vector<double> p(static_cast<std::size_t>(need) + 1, 0.0), next(p.size());
    p[1] = 1.0;
    double reached = need <= 1 ? 1.0 : 0.0;
    for (int step = 2; step <= window && need > 1; ++step) {
        const bool alarm = step > switch_at;
        std::fill(next.begin(), next.end(), 0.0);
        for (int s = 0; s < need; ++s) {
            const double m = p[static_cast<std::size_t>(s)];
            if (m == 0.0) continue;
            next[static_cast<std::size_t>(s + 1)] += m * a;
            const int down = alarm ? std::max(0, s - 1) : s;
            next[static_cast<std::size_t>(down)] += m * (1.0 - a);
        }
        reached += next[static_cast<std::size_t>(need)];
        next[static_cast<std::size_t>(need)] = 0.0;
        p.swap(next);
    }
    return reached;
}

/// Rosenfeld (2014), strictly-longer ("overtake") rule: the attacker holds m blocks when the
/// merchant's payment has z confirmations (negative binomial), then needs to lead by one.
double overtake(double q, int z) {
    const double p = 1.0 - q;
    double total = 0.0;
    for (int m = 0; m < 2000; ++m) {
        const double log_nb = std::lgamma(m + z) - std::lgamma(m + 1.0) - std::lgamma(z) + z * std::log(p) + m * std::log(q);
        const double catch_up = m > z ? 1.0 : std::pow(q / p, z - m + 1);
        total += std::exp(log_nb) * catch_up;
    }
    return total;
}

const std::string escrow = R"toml([design]
name = "escrow_limit"
[keys]
rule = { count = 1, held_by = "rule" }
[agents.rule]
availability = 0.0
corruption_cost_btc = { law = "fixed", median = 1.0 }
[outputs.escrow]
policy = "pk(rule[0])"
value_btc = 50.0
[hashrate_escrow]
output = "escrow"
ack_required = 60
window_blocks = 110
honest_vote = "abstain"
alarm_share = 0.0
alarm_after_blocks = 0
)toml";

models::layer2::planner::DesignAttackModel::Params escrow_params(const std::string& name, const std::string& text,
                                                                 double a) {
    auto p = design_params(name, text);
    p.world.pools.shares = {a, 1.0 - a};
    p.consensus.escrow_hash_shares = {a};
    return p;
}

const std::string merged = l2sim_test::merged_mining_design("merged_limit", 4, 2.0);

}  // namespace

TEST_CASE("consensus limits: BIP300 ACK walk with abstaining honest pools is a binomial tail",
          "[stat-light][planner]") {
    // Why not circular: the ACKs are the blocks the adversary's pool found in the world's mining
    // process (which pool finds each block), counted by the escrow agent from the chain; success
    // is the bundle's payout confirming. The oracle is the walk over Bernoulli(a) steps.
    constexpr int n = 1500;
    const auto runs = run_design(escrow_params("escrow_abstain", escrow, 0.55), n, 21);
    CHECK(near("BIP300 walk a=0.55, 60 ACKs in 110 blocks, abstain", runs.mean("escrow__acks55__success"),
               ack_walk(0.55, 60, 110, 1 << 30), n));
    CHECK(runs.mean("txs_confirmed") > 0.0);
    CHECK(runs.min("events_processed") > 100.0);
    // The voting pools are existing miners (a cartel): their hash is owned, never rented.
    CHECK(runs.mean("escrow__acks55__hash_share_s") == 0.0);
    CHECK(runs.mean("escrow__acks55__owned_hash_share_s") > 0.0);
}

TEST_CASE("consensus limits: BIP300 ACK walk with alarming honest pools (floor at zero)", "[stat-light][planner]") {
    // As above; every honest block takes one ACK away. The oracle is the reflected walk's DP.
    constexpr int n = 1500;
    const std::string text = with(escrow, "honest_vote = \"abstain\"", "honest_vote = \"alarm\"");
    const auto runs = run_design(escrow_params("escrow_alarm", with(text, "ack_required = 60", "ack_required = 40"), 0.7), n, 22);
    CHECK(near("BIP300 walk a=0.70, 40 ACKs in 110 blocks, alarm", runs.mean("escrow__acks70__success"),
               ack_walk(0.7, 40, 110, 1), n));
}

TEST_CASE("consensus limits: honest pools switch to the alarm after they see the bundle", "[stat-light][planner]") {
    // All the honest hash alarms from 30 blocks after the proposal on: the walk abstains for its
    // first 30 steps and alarms afterwards. The switch is each honest pool's policy, applied to
    // the blocks it finds; the oracle is the DP with a switch time.
    constexpr int n = 1500;
    const std::string text = with(with(with(escrow, "alarm_share = 0.0", "alarm_share = 1.0"), "alarm_after_blocks = 0",
                                       "alarm_after_blocks = 30"),
                                  "ack_required = 60", "ack_required = 45");
    const auto runs = run_design(escrow_params("escrow_switch", text, 0.65), n, 23);
    CHECK(near("BIP300 walk a=0.65, 45 ACKs in 110 blocks, alarm after 30", runs.mean("escrow__acks65__success"),
               ack_walk(0.65, 45, 110, 30), n));
}

TEST_CASE("consensus limits: the merged-mining peg-out race is Rosenfeld's overtake", "[stat-light][planner]") {
    // Why not circular: the sidechain is a second world whose pools are the merge-mining Bitcoin
    // pools plus the rented hash; the reorg is the world's private race in its block tree, and
    // success is a reorg deep enough to disconnect the paid peg-out. The oracle is the negative
    // binomial race at q = rented / (merged + rented). The give-up at 20 behind lowers it by at
    // most (q/p)^21 < 1e-6. (A cartel plan is also enumerated: with one merge-mining pool it is
    // all the merged hash, never lets the peg-out confirm, and stops at once.)
    constexpr int n = 1500;
    auto p = design_params("merged_race", merged);
    p.world.pools.shares = {0.8, 0.2};
    p.consensus.pegout_hash_shares = {0.4};
    const auto runs = run_design(p, n, 24);
    CHECK(near("peg-out reorg, rented 0.4 vs merged 0.8 (q=1/3), z=4", runs.mean("pegout__rented40__success"),
               overtake(0.4 / 1.2, 4), n));
    // Every run ends with the peg-out confirmed on the chain (again, after a published reorg).
    CHECK(runs.min("txs_confirmed") > 0.0);
}

// Limit cases of the presigned-graph planner's forking censors (graph_planner.feather_fork_depths_
// blocks and graph_planner.private_race; planner/graph_plan.hpp, graph_run.cpp): BitVM2's Take-1
// and Take-2 run against challengers whose Challenge and Disprove the adversary's pools keep out
// of the chain for the window, by feather-forking (Miller 2013) and by a private chain. The
// oracles are the race world's closed forms (models/attacks/closed_forms.hpp):
// censored_unconfirmed(alpha, depth, k) and censor_private_race(alpha, k), and alpha^k for plain
// withholding, at a share (alpha = 0.4) where the three differ by many half-widths.
//
// Why the simulation does not reproduce its oracle: nothing in the design model computes a
// probability or knows k. The adversary broadcasts Kickoff (and Assert) built from the design's
// policies; the window is the gap between the block in which Kickoff (Assert) happens to confirm
// and the first block in which Take-1 (Take-2) passes the BIP68 check of its older(5) (older(4))
// at connect, so k = 4 (3) follows from CSV semantics and the order agents react in. The
// challengers broadcast as soon as their response is valid; the coalition's pools choose parents
// in the world's block tree (the parent of a block that confirmed a response, or their private
// tip), a reorg returns the response to the mempool, and the theft must then replace it under
// BIP125 and confirm. The outcome is which spend of the contested connector the final chain holds.
// The closed forms come from the race world's combinatorics (Catalan races, a negative binomial
// and gambler's ruin), which no part of the design model calls; the planner reads only the
// private racer's give-up deficit, chosen so that giving up moves success by at most 1e-6. An
// off-by-one (window opened a block late, Take-1 a block early, a response not returned by a
// reorg) moves each rate to the neighbouring k, which the [.statistical] run rejects.
// Tolerances: z = 3.29 binomial standard errors of each point's own n (all plans share the runs'
// keyholder draws but each runs in its own world), fixed seed. [stat-light]: n = 2000 per plan
// (make test); [.statistical]: n = 20,000 (make validate).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "models/attacks/closed_forms.hpp"
#include "tests/statistical/replications.hpp"
#include "tests/support/design_runs.hpp"

namespace {

namespace cf = models::attacks::closed_forms;
using l2sim_test::design_params;
using l2sim_test::run_design;
using l2sim_test::with;
using l2sim_test::within_binomial;

bool near(const char* what, double sim, double exact, int runs) {
    double hw = 0.0;
    const bool ok = within_binomial(sim, exact, runs, &hw);
    std::printf("%-58s closed %.5f  simulated %.5f  CI half %.5f  (n %d)\n", what, exact, sim, hw,
                runs);
    return ok;
}

/// designs/bitvm2.toml with its windows cut to older(5) and older(4) so a run is a few blocks,
/// every challenger reachable and reacting at once, and a fixed 10 sat/vB bid: a response the
/// theft replaced (50 sat/vB) is not re-bid, as the closed forms' race ends with the window.
std::string short_window_bitvm2() {
    std::ifstream in(std::string(L2SIM_SOURCE_DIR) + "/designs/bitvm2.toml");
    std::stringstream s;
    s << in.rdbuf();
    std::string text = s.str();
    text = with(text, "older(432)", "older(5)");
    text = with(text, "older(2016)", "older(4)");
    text = with(text, "[agents.challenger]\navailability = 0.99",
                "[agents.challenger]\navailability = 1.0");
    text = with(text, "latency_s = 60.0", "latency_s = 0.0");
    text = with(text, "fee_policy = \"bump\"", "fee_policy = \"fixed\"");
    return text;
}

/// Runs the four censoring plans of each theft `n` times and checks each against its closed form;
/// with `reject_neighbours`, also that the neighbouring windows k - 1 and k + 1 lie outside.
void check_windows(int n, bool reject_neighbours) {
    constexpr double alpha = 0.4;
    auto p = design_params("bitvm2_fork_censor", short_window_bitvm2());
    p.world.pools.shares = {0.4, 0.3, 0.3};  // the censor takes the largest pool: exactly alpha
    p.planner.censor_shares = {alpha};
    p.graph_planner.feather_fork_depths_blocks = {1.0, 2.0};
    p.graph_planner.private_race = true;
    const auto runs = run_design(p, n, 61);

    struct Window {
        const char* steal;
        int k;  ///< blocks in which only the response can confirm: older(L) - 1
    };
    for (const Window w : {Window{"take1", 4}, Window{"take2", 3}}) {
        const std::string at = std::string(w.steal) + "__";
        const double withhold = runs.mean(at + "censor40__success");
        const double ff1 = runs.mean(at + "feather_fork1_censor40__success");
        const double ff2 = runs.mean(at + "feather_fork2_censor40__success");
        const double race = runs.mean(at + "private_race_censor40__success");
        const std::string label = std::string(w.steal) + " k " + std::to_string(w.k) + ": ";
        CHECK(near((label + "withhold, alpha^k").c_str(), withhold, std::pow(alpha, w.k), n));
        CHECK(near((label + "feather fork depth 1").c_str(), ff1,
                   cf::censored_unconfirmed(alpha, 1, w.k), n));
        CHECK(near((label + "feather fork depth 2").c_str(), ff2,
                   cf::censored_unconfirmed(alpha, 2, w.k), n));
        CHECK(near((label + "private race").c_str(), race, cf::censor_private_race(alpha, w.k), n));
        // The new keys move the outcome: each fork plan is outside withholding's interval, and
        // the depth moves feather-forking outside the other depth's.
        CHECK_FALSE(within_binomial(ff1, std::pow(alpha, w.k), n));
        CHECK_FALSE(within_binomial(race, std::pow(alpha, w.k), n));
        CHECK_FALSE(within_binomial(ff2, cf::censored_unconfirmed(alpha, 1, w.k), n));
        if (reject_neighbours)
            for (int k : {w.k - 1, w.k + 1}) {
                CHECK_FALSE(within_binomial(withhold, std::pow(alpha, k), n));
                CHECK_FALSE(within_binomial(ff1, cf::censored_unconfirmed(alpha, 1, k), n));
                CHECK_FALSE(within_binomial(ff2, cf::censored_unconfirmed(alpha, 2, k), n));
                CHECK_FALSE(within_binomial(race, cf::censor_private_race(alpha, k), n));
            }
    }
    CHECK(runs.min("txs_confirmed") > 0);
}

}  // namespace

TEST_CASE(
    "graph limits: BitVM2's windows censored by feather fork and private race reach the race "
    "world's closed forms (light)",
    "[stat-light][planner][graph][graph-fork-censor]") {
    check_windows(2000, false);
}

TEST_CASE(
    "graph limits: BitVM2's windows censored by feather fork and private race reach the race "
    "world's closed forms, and not the neighbouring windows'",
    "[.statistical][planner][graph][graph-fork-censor]") {
    check_windows(20000, true);
}

TEST_CASE("graph planner: forking censors are opt-in; the default plans and columns are unchanged",
          "[unit][planner][graph][graph-fork-censor]") {
    using M = models::layer2::planner::DesignAttackModel;
    auto p = design_params("bitvm2_fork_default", short_window_bitvm2());
    p.planner.censor_shares = {0.0, 0.4};
    const auto plain = M::outcome_columns(p);
    for (const auto& c : plain) {
        CHECK(c.name.find("feather_fork") == std::string::npos);
        CHECK(c.name.find("private_race") == std::string::npos);
    }
    p.graph_planner.feather_fork_depths_blocks = {3.0};
    p.graph_planner.private_race = true;
    const auto forked = M::outcome_columns(p);
    // Per theft (Take-1, Take-2): one feather-fork and one race plan at the share above 0, none
    // at 0.
    const auto per_plan = models::layer2::planner::PlanOutcome::columns("x", "").size();
    CHECK(forked.size() == plain.size() + 2 * 2 * per_plan);
    const l2sim_test::DesignRuns names{forked, {}};
    CHECK_NOTHROW(names.index("take1__feather_fork3_censor40__success"));
    CHECK_NOTHROW(names.index("take2__private_race_censor40__success"));
    CHECK_THROWS(names.index("take1__feather_fork3_censor0__success"));
    // Today's columns keep their names and order: the fork plans follow them per theft.
    std::size_t j = 0;
    for (const auto& c : forked)
        if (j < plain.size() && c.name == plain[j].name) ++j;
    CHECK(j == plain.size());
}

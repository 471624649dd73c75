// A censorship plan executed by bribing the pools (planner.bribe_btc) instead of controlling
// them, at the myopic limit of Nadahalli, Khabbazian and Wattenhofer ("Timelocked Bribing", FC
// 2021, §4): a pool of share lambda leaves out the honest spend (fee f) when lambda x b > f, so
// every pool censors iff b > f / lambda_min. Below that, only the smallest pool includes the
// rotation, which then escapes the k-block window unless that pool finds none of its blocks:
// P(theft) = (1 - lambda_min)^k; just above, no pool includes it and the theft always confirms.
// Why not circular: nothing evaluates the formula. Each block's finder is drawn by share and
// builds its template twice from the mempool (with and without the rotation), reading the fee it
// gives up from the two templates and comparing it with its share of the offered bribe
// (World::exclusions); the rotation is the federation's own transaction, the theft the
// adversary's, which pays the bribe as fee only when it confirms. f is read from the rotation the
// federation would build, not from the rule. Tolerance: z = 3.29 from the runs, fixed seeds.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <string>

#include "models/layer2/design/design_reader.hpp"
#include "models/layer2/planner/stage.hpp"
#include "tests/statistical/replications.hpp"
#include "tests/support/design_runs.hpp"

namespace {

namespace btc = models::bitcoin;
namespace planner = models::layer2::planner;

// A coin the federation re-spends 10 blocks before its recovery path (one bought emergency key
// after 40 blocks) opens; the federation pays a fixed 10 sat/vB and reacts at once.
const std::string federation = R"toml([design]
name = "bribe_limit"
[keys]
op = { count = 1, held_by = "operator" }
emergency = { count = 1, held_by = "emergency_keyholder" }
[agents.operator]
availability = 1.0
corruption_cost_btc = { law = "fixed", median = 1000000.0 }
[agents.emergency_keyholder]
availability = 1.0
corruption_cost_btc = { law = "fixed", median = 1.0 }
[outputs.coin]
policy = "or(pk(op[0]), and(pk(emergency[0]), older(40)))"
value_btc = 5.0
rotate_before_blocks = 10
[watchers.federation]
reacts = "rotate"
latency_s = 0.0
fee_rate_sat_vb = 10.0
fee_policy = "fixed"
)toml";
constexpr int window = 10;
constexpr double lambda_min = 0.2;

/// The fee of the federation's rotation: with no background demand, what a pool gives up by
/// leaving it out of its block.
double rotation_fee_sat(const std::string& file) {
    const auto d = models::layer2::design::read_design(file);
    planner::Plan plan;
    plan.output = 0;
    plan.older_blocks = 40;
    plan.rotation_to_censor = true;
    const planner::Stage s = planner::make_stage(d, plan, {}, {}, 1, 2);
    const btc::KeyId op = d.symbols.group("op")->front();
    const auto tx = planner::spend_along(3, s.coin, s.coin_out, s.assets({op}, s.rotate_h), s.policy,
                                         [](btc::Weight w) { return btc::FeeRate{10.0}.fee_for(w); });
    REQUIRE(!tx.inputs.empty());
    return static_cast<double>(tx.fee.value);
}

}  // namespace

TEST_CASE("pool bribes: a timelocked bribe censors the rotation iff it beats f / lambda_min", "[stat-light][planner]") {
    auto p = l2sim_test::design_params("bribe_limit", federation);
    p.world.pools.shares = {0.5, 0.3, lambda_min};
    p.world.pools.bribe_rule = "myopic";
    p.planner.censor_shares = {0.0};
    const double f = rotation_fee_sat(p.design.file);
    const std::string plan = "coin__emergency1_wait40_bribe";
    constexpr int n = 2000;

    p.planner.bribe_btc = 0.99 * f / lambda_min * 1e-8;
    const auto below = l2sim_test::run_design(p, n, 41);
    double hw = 0.0;
    const double exact = std::pow(1.0 - lambda_min, window);
    const double sim = below.mean(plan + "__success");
    const bool ok = l2sim_test::within_binomial(sim, exact, n, &hw);
    std::printf("%-64s closed %.5f  simulated %.5f  CI half %.5f\n", "bribe 0.99 f/lambda_min: (1 - lambda_min)^10", exact,
                sim, hw);
    CHECK(ok);

    p.planner.bribe_btc = 1.01 * f / lambda_min * 1e-8;
    const auto above = l2sim_test::run_design(p, n, 42);
    std::printf("%-64s closed %.5f  simulated %.5f\n", "bribe 1.01 f/lambda_min: every pool censors", 1.0,
                above.mean(plan + "__success"));
    CHECK(above.mean(plan + "__success") == 1.0);
    // The bribe is paid to a miner exactly when the theft confirmed, and no hash is rented.
    const double bribe_sat = std::round(1.01 * f / lambda_min);
    CHECK(std::abs(above.min(plan + "__miner_bribes_sat") - bribe_sat) <= 1.0);
    CHECK(above.mean(plan + "__hash_share_s") == 0.0);
    for (const auto& row : below.rows) {
        const double paid = row[below.index(plan + "__miner_bribes_sat")];
        const bool won = row[below.index(plan + "__success")] > 0.5;
        CHECK(std::abs(paid - (won ? std::round(0.99 * f / lambda_min) : 0.0)) <= 1.0);
    }
}

TEST_CASE("pool bribes: pools that ignore bribes never censor", "[stat-light][planner]") {
    // The same bribe far above the limit, with bribe_rule = ignore: every rotation confirms in the
    // window's first block (the federation broadcasts before it), so the theft never does.
    auto p = l2sim_test::design_params("bribe_ignored", federation);
    p.world.pools.shares = {0.5, 0.3, lambda_min};
    p.planner.censor_shares = {0.0};
    p.planner.bribe_btc = 1.0;
    const auto runs = l2sim_test::run_design(p, 200, 43);
    CHECK(runs.mean("coin__emergency1_wait40_bribe__success") == 0.0);
    CHECK(runs.mean("coin__emergency1_wait40_bribe__miner_bribes_sat") == 0.0);
}

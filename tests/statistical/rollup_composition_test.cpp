// Composed designs (a rollup = data availability + bridge + upgrade path) under the attack
// planner. Each simulated quantity comes from what blocks confirmed in the world (the theft, the
// users' exits, the data batch), never from the oracle it is compared with; the oracles are
// written out here and call nothing in models/. Tolerance: z = 3.29 from the test's own number of
// runs, fixed seeds.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "models/layer2/design/design_reader.hpp"
#include "models/layer2/planner/plan_outcome.hpp"
#include "tests/statistical/replications.hpp"
#include "tests/support/design_runs.hpp"

namespace {

using l2sim_test::design_params;
using l2sim_test::run_design;
using l2sim_test::with;

std::string source(const std::string& relative) {
    return std::string(L2SIM_SOURCE_DIR) + "/" + relative;
}

std::string read_text(const std::string& relative) {
    std::ifstream in(source(relative));
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("rollup composition: each part's columns are its standalone run's, run for run", "[stat-light][planner]") {
    // Same seed, same run indices: a part draws its keyholders and its worlds from the run's own
    // streams, so the composed design's `<part>__<plan>__...` columns must equal the part file's
    // own `<plan>__...` columns exactly, in every run and for every quantity.
    constexpr int n = 12;
    constexpr std::uint64_t seed = 31;
    auto composed_p = design_params("unused_composed", "");
    composed_p.design.file = source("designs/rollup_committee_da_federation_instant.toml");
    const auto composed = run_design(composed_p, n, seed);
    int compared = 0;
    for (const auto& [part, file] : std::vector<std::pair<std::string, std::string>>{
             {"da", "designs/rollup_parts/committee_da.toml"},
             {"bridge", "designs/rollup_parts/federation_bridge.toml"},
             {"upgrade", "designs/rollup_parts/upgrade_instant.toml"}}) {
        auto p = composed_p;
        p.design.file = source(file);
        const auto alone = run_design(p, n, seed);
        for (const auto& c : alone.columns) {
            if (c.name.find("__") == std::string::npos) continue;  // plans and world totals are summed over parts
            const std::size_t i = alone.index(c.name), j = composed.index(part + "__" + c.name);
            for (int r = 0; r < n; ++r) CHECK(composed.rows[r][j] == alone.rows[r][i]);
            ++compared;
        }
    }
    // 4 plans (da 1, bridge 1 + its deposit reorg, upgrade 1), each with PlanOutcome's quantities
    CHECK(compared == 4 * static_cast<int>(models::layer2::planner::PlanOutcome::columns("p", "").size()));
    CHECK(composed.min("txs_confirmed") > 0.0);
}

TEST_CASE("rollup composition: the instant upgrade costs exactly its keys' corruption", "[stat-light][planner]") {
    // Limit case: the 4-of-6 instant upgrade with every keyholder reachable at a fixed price of
    // 25 BTC. No delay: nobody can leave, no hash or bond is involved, and the theft confirms in
    // the world; its price is 4 x 25 = 100 BTC in every run, exactly (the only other cost is the
    // theft's own fee, a few thousand sat). The part is written inline, so this also reads an
    // inline part.
    std::string part = read_text("designs/rollup_parts/upgrade_instant.toml");
    part = with(part, "availability = 0.99", "availability = 1.0");
    part = with(part, "{ law = \"lognormal\", median = 50.0, sigma = 1.0 }", "{ law = \"fixed\", median = 25.0 }");
    // Inline: every table of the part file moves under [parts.upgrade].
    std::string inline_part;
    std::istringstream lines(part);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("[", 0) == 0) line = "[parts.upgrade." + line.substr(1);
        inline_part += line + "\n";
    }
    const std::string text = "[design]\nname = \"instant_only\"\n" + inline_part;
    const auto runs = run_design(design_params("instant_only", text), 20, 5);
    CHECK(runs.min("upgrade__bridge_funds__upgrader4__success") == 1.0);
    CHECK(runs.min("upgrade__bridge_funds__upgrader4__keys_btc") == 100.0);
    CHECK(runs.mean("upgrade__bridge_funds__upgrader4__keys_btc") == 100.0);
    CHECK(runs.mean("upgrade__bridge_funds__upgrader4__hash_share_s") == 0.0);
    CHECK(runs.mean("upgrade__bridge_funds__upgrader4__bonds_slashed_btc") == 0.0);
    CHECK(runs.mean("upgrade__bridge_funds__upgrader4__loot_btc") == 1000.0);
    CHECK(runs.mean("upgrade__bridge_funds__upgrader4__block_space_sat") < 1e5);
}

TEST_CASE("rollup composition: users exit during the upgrade delay as block space allows", "[stat-light][planner]") {
    // Exact exit capacity. The upgrade is announced in block 1000 and opens at 1004 (older(4)):
    // blocks 1001, 1002 and 1003 come before the upgrade's block. The exits are broadcast at once
    // (latency 0) and nothing else competes for blocks (no background demand; the theft bids
    // above the exits and waits for 1004). A block holds 3,996,000 WU of transactions (Core's
    // DEFAULT_BLOCK_MAX_WEIGHT); one exit of V vB weighs 4V WU. By hand:
    //   V = 1000 vB: floor(3,996,000 / 4,000) = 999 per block, 3 x 999 = 2,997 of 5,000 exit,
    //                the upgrade takes (5,000 - 2,997) / 5,000 x 1,000 BTC = 400.6 BTC;
    //   V = 2000 vB: floor(3,996,000 / 8,000) = 499 per block, 1,497 exit, it takes 700.6 BTC.
    // The simulation decides it by which exits the templates took, block by block.
    const std::string base = R"toml([design]
name = "delay_window"
[keys]
upgrader = { count = 2, held_by = "k" }
[agents.k]
corruption_cost_btc = { law = "fixed", median = 1.0 }
[outputs.bridge_funds]
policy = "and(thresh(2, upgrader[*]), older(4))"
value_btc = 1000.0
exit_coins = 5000
exit_vbytes = 1000
[watchers.users]
reacts = "exit"
latency_s = 0.0
fee_rate_sat_vb = 10.0
)toml";
    const auto runs = run_design(design_params("delay_window", base), 10, 7);
    CHECK(runs.min("bridge_funds__upgrader2_wait4__success") == 1.0);
    CHECK(runs.min("bridge_funds__upgrader2_wait4__loot_btc") == Approx(400.6).epsilon(1e-12));
    CHECK(runs.mean("bridge_funds__upgrader2_wait4__loot_btc") == Approx(400.6).epsilon(1e-12));
    const auto bigger = run_design(design_params("delay_window_2000", with(base, "exit_vbytes = 1000", "exit_vbytes = 2000")), 10, 7);
    CHECK(bigger.mean("bridge_funds__upgrader2_wait4__loot_btc") == Approx(700.6).epsilon(1e-12));
    // Competing demand priced below the exits does not take their room: background transactions
    // arriving at 3000 vB/s (above capacity) all at 50 sat/vB (no spread, no fee-level swings)
    // against exits at 100 sat/vB leave 999 exits per block, and the upgrade (bidding 1000 sat/vB
    // so that it, not the 2003 exits still waiting, takes block 1004) again takes 400.6 BTC. At
    // 10 sat/vB the exits are outbid and more is left to take; users who react only after the
    // upgrade's block (latency 10^6 s) leave nothing to chance: it takes all 1000 BTC.
    auto busy = design_params("delay_window_busy", with(base, "fee_rate_sat_vb = 10.0", "fee_rate_sat_vb = 100.0"));
    busy.world.demand.arrival_vb_per_s = 3000.0;
    busy.world.demand.fee_rate_median_sat_vb = 50.0;
    busy.world.demand.fee_rate_sigma = 0.0;
    busy.world.demand.level_sd = 0.0;
    busy.planner.theft_fee_rate_sat_vb = 1000.0;
    const auto outbidding = run_design(busy, 10, 7);
    CHECK(outbidding.min("bridge_funds__upgrader2_wait4__loot_btc") == Approx(400.6).epsilon(1e-12));
    CHECK(outbidding.mean("bridge_funds__upgrader2_wait4__loot_btc") == Approx(400.6).epsilon(1e-12));
    auto cheap = busy;
    cheap.design.file = l2sim_test::write_design("delay_window_busy_cheap", base);
    const auto outbid = run_design(cheap, 10, 7);
    CHECK(outbid.mean("bridge_funds__upgrader2_wait4__loot_btc") > 450.0);
    const auto late = run_design(design_params("delay_window_late", with(base, "latency_s = 0.0", "latency_s = 1000000.0")), 10, 7);
    CHECK(late.mean("bridge_funds__upgrader2_wait4__loot_btc") == 1000.0);
    // Few enough users all leave in time: the upgrade takes nothing and fails.
    const auto few = run_design(design_params("delay_window_few", with(base, "exit_coins = 5000", "exit_coins = 2000")), 10, 7);
    CHECK(few.mean("bridge_funds__upgrader2_wait4__success") == 0.0);
    CHECK(few.mean("bridge_funds__upgrader2_wait4__loot_btc") == 0.0);
}

TEST_CASE("rollup composition: censoring Bitcoin DA for w blocks with share s succeeds with s^w", "[stat-light][planner]") {
    // The Bitcoin-DA part with an 8-block window: the withheld update settles 16 blocks after it
    // confirmed, and the publishers (reacting at once, at a fixed 10 sat/vB that the theft's 50
    // sat/vB replaces at the window's end) post the data in the 8 blocks before; pools with 80%
    // of the hash leave it out. The theft wins iff
    // every one of the 8 blocks was found by a censoring pool: 0.8^8. Independent of the oracle:
    // the world draws which pool finds each block and each pool's template decides what enters;
    // the oracle is a power written here.
    std::string text = read_text("designs/rollup_parts/bitcoin_da.toml");
    text = with(text, "older(144)", "older(16)");
    text = with(text, "rotate_before_blocks = 144", "rotate_before_blocks = 8");
    text = with(text, "latency_s = 60.0", "latency_s = 0.0");
    text = with(text, "fee_policy = \"bump\"", "fee_policy = \"fixed\"");
    auto p = design_params("bitcoin_da_window8", text);
    p.world.pools.shares = {0.8, 0.2};
    p.planner.censor_shares = {0.8};
    p.planner.race_hash_shares = {0.3};
    constexpr int n = 1500;
    const auto runs = run_design(p, n, 19);
    const double sim = runs.mean("rollup_state__sequencer1_wait16_censor80__success");
    const double exact = std::pow(0.8, 8);
    double hw = 0.0;
    const bool ok = l2sim_test::within_binomial(sim, exact, n, &hw);
    std::printf("%-60s closed %.5f  simulated %.5f  CI half %.5f\n", "Bitcoin DA censored by 80% over 8 blocks", exact, sim,
                hw);
    CHECK(ok);
}

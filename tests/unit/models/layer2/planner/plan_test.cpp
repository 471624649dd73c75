// Plan enumeration: the bridge team's policy yields exactly its minimal paths, collapsed to key
// counts per group, with one censoring variant per share for the rotated timelock path, and a
// reorg plan per racing share for its deposits.
#include <catch2/catch.hpp>

#include <algorithm>

#include "models/layer2/design/design_reader.hpp"
#include "models/layer2/planner/plan.hpp"

using namespace models::layer2;

TEST_CASE("planner: the bridge team's design has its five paths' plans", "[unit][planner]") {
    const auto d = design::read_design(std::string(L2SIM_SOURCE_DIR) + "/designs/bonded_federation_8of12.toml");
    planner::PlannerParams p;
    p.censor_shares = {0.0, 0.5, 1.0};
    p.race_hash_shares = {0.3};
    const auto plans = planner::enumerate_plans(d, p);
    std::vector<std::string> ids;
    for (const auto& plan : plans) ids.push_back(plan.id);
    CHECK(ids == std::vector<std::string>{"peg__signer8", "peg__emergency3_wait2016_censor0",
                                          "peg__emergency3_wait2016_censor50", "peg__emergency3_wait2016_censor100",
                                          "deposit__reorg6_hash30"});
    CHECK(plans[0].keys_needed.at("signer") == 8);
    CHECK(plans[0].older_blocks == 0);
    CHECK(plans[2].keys_needed.at("emergency") == 3);
    CHECK(plans[2].older_blocks == 2016);
    CHECK(plans[2].rotation_to_censor);
    CHECK(plans[0].loot_btc == 1000.0);
    CHECK(plans[4].loot_btc == 10.0);
}

TEST_CASE("planner: an unrotated timelock path needs no censoring", "[unit][planner]") {
    const auto d = design::read_design_text(R"toml([design]
name = "t"
[keys]
a = { count = 15, held_by = "k" }
b = { count = 3, held_by = "k" }
[agents.k]
corruption_cost_btc = { median = 1.0 }
[outputs.o]
policy = "or(thresh(11, a[*]), and(older(4032), thresh(2, b[*])))"
value_btc = 1.0
)toml", "t.toml");
    const auto plans = planner::enumerate_plans(d, {});
    REQUIRE(plans.size() == 2);  // 1365 + 3 minimal paths collapse to two plans
    CHECK(plans[0].keys_needed.at("a") == 11);
    CHECK(plans[1].keys_needed.at("b") == 2);
    CHECK_FALSE(plans[1].rotation_to_censor);
}

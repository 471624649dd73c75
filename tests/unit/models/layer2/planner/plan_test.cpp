// Plan enumeration: the bridge team's policy yields exactly its minimal paths, collapsed to key
// counts per group, with one censoring variant per share for the rotated timelock path, and a
// reorg plan per racing share for its deposits.
#include <catch2/catch.hpp>

#include <algorithm>

#include <set>
#include <tuple>

#include "models/bitcoin/policy/paths.hpp"
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

TEST_CASE("planner: plans are the policy's minimal paths collapsed to key counts", "[unit][planner]") {
    // Independent enumeration: policy/paths.hpp lists every minimal path key by key; collapsing
    // its paths by key group must give exactly the planner's plans.
    for (const char* policy : {"or(thresh(8, s[*]), and(thresh(3, e[*]), older(2016)))", "thresh(4, s[*], e[*])",
                               "or(and(thresh(2, pk(s[0]), pk(s[1]), pk(e[0])), older(10)), thresh(3, s[*]), and(pk(e[1]), pk(e[2])))"}) {
        const auto d = design::read_design_text(std::string(R"toml([design]
name = "t"
[keys]
s = { count = 12, held_by = "k" }
e = { count = 5, held_by = "k" }
[agents.k]
corruption_cost_btc = { median = 1.0 }
[outputs.o]
policy = ")toml") + policy + "\"\nvalue_btc = 1.0\n", "t.toml");
        std::set<std::tuple<std::map<std::string, std::uint32_t>, std::uint32_t>> from_paths, from_plans;
        for (const auto& path : models::bitcoin::policy::spending_paths(*d.outputs[0].policy).paths) {
            std::map<std::string, std::uint32_t> keys;
            for (auto k : path.keys) ++keys[d.group_of(k).name];
            from_paths.insert({keys, path.older_blocks});
        }
        // Collapsing can make one path dominate another (3 of s vs 2 of s + 1 of e need not): keep
        // only those no other collapsed path needs less than.
        std::set<std::tuple<std::map<std::string, std::uint32_t>, std::uint32_t>> minimal_paths;
        for (const auto& a : from_paths) {
            bool dominated = false;
            for (const auto& b : from_paths) {
                if (a == b) continue;
                bool le = std::get<1>(b) <= std::get<1>(a);
                for (const auto& [g, n] : std::get<0>(b)) le = le && std::get<0>(a).count(g) && std::get<0>(a).at(g) >= n;
                dominated = dominated || le;
            }
            if (!dominated) minimal_paths.insert(a);
        }
        for (const auto& plan : planner::enumerate_plans(d, {})) from_plans.insert({plan.keys_needed, plan.older_blocks});
        CHECK(from_plans == minimal_paths);
    }
}

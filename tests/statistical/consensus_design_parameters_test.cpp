// No dead parameters in the consensus sections: each key of [hashrate_escrow] and
// [merged_mining], and each [consensus] planner key, is varied from a base design with the same
// seeds, and an outcome read by name moves.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "tests/support/design_runs.hpp"
#include "tests/support/merged_mining_design.hpp"

namespace {

using l2sim_test::design_params;
using l2sim_test::run_design;
using l2sim_test::with;
using Params = models::layer2::planner::DesignAttackModel::Params;

constexpr int runs = 60;

const std::string escrow = R"toml([design]
name = "escrow_params"
[keys]
rule = { count = 1, held_by = "rule" }
[agents.rule]
availability = 0.0
corruption_cost_btc = { law = "fixed", median = 1.0 }
[outputs.escrow]
policy = "pk(rule[0])"
value_btc = 50.0
[outputs.second]
policy = "pk(rule[0])"
value_btc = 80.0
[hashrate_escrow]
output = "escrow"
ack_required = 40
window_blocks = 80
honest_vote = "abstain"
alarm_share = 0.5
alarm_after_blocks = 10
)toml";

const std::string merged = l2sim_test::merged_mining_design("merged_params", 3, 2.0);

Params escrow_base(const std::string& name, const std::string& text) {
    auto p = design_params(name, text);
    p.world.pools.shares = {0.3, 0.3, 0.2, 0.2};  // the adversary takes the largest: 0.6
    p.consensus.escrow_hash_shares = {0.6};
    return p;
}

Params merged_base(const std::string& name, const std::string& text) {
    auto p = design_params(name, text);
    p.world.pools.shares = {0.5, 0.3, 0.2};  // merged 0.8: the two largest
    p.consensus.pegout_hash_shares = {0.5};
    return p;
}

bool moves(const char* key, const std::string& col_a, const Params& a, const std::string& col_b, const Params& b) {
    const double x = run_design(a, runs, 31).mean(col_a), y = run_design(b, runs, 31).mean(col_b);
    std::printf("%-40s %-32s %12.4f -> %12.4f\n", key, col_b.c_str(), x, y);
    return x != y;
}

}  // namespace

TEST_CASE("consensus parameters: every [hashrate_escrow] key moves an outcome", "[stat-light][planner]") {
    const auto base = escrow_base("escrow_base", escrow);
    const auto vary = [&](const char* from, const char* to) { return escrow_base("escrow_var", with(escrow, from, to)); };
    const std::string s = "escrow__acks60__success";
    CHECK(moves("hashrate_escrow.output", "escrow__acks60__loot_btc", base, "second__acks60__loot_btc",
                vary("output = \"escrow\"", "output = \"second\"")));
    CHECK(moves("hashrate_escrow.ack_required", s, base, s, vary("ack_required = 40", "ack_required = 46")));
    CHECK(moves("hashrate_escrow.window_blocks", s, base, s, vary("window_blocks = 80", "window_blocks = 60")));
    CHECK(moves("hashrate_escrow.honest_vote", s, base, s, vary("honest_vote = \"abstain\"", "honest_vote = \"alarm\"")));
    CHECK(moves("hashrate_escrow.alarm_share", s, base, s, vary("alarm_share = 0.5", "alarm_share = 1.0")));
    CHECK(moves("hashrate_escrow.alarm_after_blocks", s, base, s, vary("alarm_after_blocks = 10", "alarm_after_blocks = 60")));
    auto shares = base;
    shares.consensus.escrow_hash_shares = {0.3};
    CHECK(moves("consensus.escrow_hash_shares", s, base, "escrow__acks30__success", shares));
}

TEST_CASE("consensus parameters: every [merged_mining] key moves an outcome", "[stat-light][planner]") {
    const auto base = merged_base("merged_base", merged);
    const auto vary = [&](const char* from, const char* to) { return merged_base("merged_var", with(merged, from, to)); };
    const std::string s = "pegout__rented50__success";
    CHECK(moves("merged_mining.merged_share", s, base, s, vary("merged_share = 0.8", "merged_share = 0.5")));
    CHECK(moves("merged_mining.block_interval_s", "pegout__rented50__duration_s", base, "pegout__rented50__duration_s",
                vary("block_interval_s = 30.0", "block_interval_s = 60.0")));
    CHECK(moves("merged_mining.pegout_confirmations", s, base, s, vary("pegout_confirmations = 3", "pegout_confirmations = 8")));
    CHECK(moves("merged_mining.pegout_btc", "pegout__rented50__loot_btc", base, "pegout__rented50__loot_btc",
                vary("pegout_btc = 2.0", "pegout_btc = 3.0")));
    auto shares = base;
    shares.consensus.pegout_hash_shares = {0.2};
    CHECK(moves("consensus.pegout_hash_shares", s, base, "pegout__rented20__success", shares));
}

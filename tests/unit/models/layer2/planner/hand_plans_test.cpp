// Hand-written plans: a plan file is checked against the design (errors name the plans file,
// line, column and key), and a hand plan that restates an enumerated plan gives the same
// outcomes run for run (common random numbers).
#include <catch2/catch.hpp>

#include "models/layer2/design/design_reader.hpp"
#include "models/layer2/planner/hand_plans.hpp"
#include "tests/support/design_runs.hpp"

namespace {

using models::layer2::design::read_design_text;
using models::layer2::planner::read_hand_plans_text;

const std::string design_text = R"toml([design]
name = "hand"
[keys]
signer = { count = 5, held_by = "signer" }
emergency = { count = 3, held_by = "signer" }
[agents.signer]
availability = 1.0
corruption_cost_btc = { law = "fixed", median = 2.0 }
[outputs.peg]
policy = "or(thresh(4, signer[*]), and(thresh(2, emergency[*]), older(20)))"
value_btc = 100.0
rotate_before_blocks = 6
[watchers.federation]
reacts = "rotate"
latency_s = 0.0
)toml";

sim::InputError error_of(const std::string& plans) {
    const auto d = read_design_text(design_text, "d.toml");
    try {
        read_hand_plans_text(plans, "plans.toml", d);
    } catch (const sim::InputError& e) {
        return e;
    }
    FAIL("no error");
    throw;
}

}  // namespace

TEST_CASE("hand plans: a plan file reads into plans", "[unit][planner]") {
    const auto d = read_design_text(design_text, "d.toml");
    const auto plans = read_hand_plans_text(R"toml([[plan]]
name = "bribe2_censor60"
output = "peg"
corrupt = { emergency = 2 }
wait_blocks = 20
censor_share = 0.6
)toml",
                                            "plans.toml", d);
    REQUIRE(plans.size() == 1);
    CHECK(plans[0].id == "hand__bribe2_censor60");
    CHECK(plans[0].keys_needed.at("emergency") == 2);
    CHECK(plans[0].older_blocks == 20);
    CHECK(plans[0].rotation_to_censor);
    CHECK(plans[0].censor_share == 0.6);
}

TEST_CASE("hand plans: bad input names file, line, column and key", "[unit][planner]") {
    {
        const auto e = error_of("[[plan]]\nname = \"a\"\noutput = \"peg\"\ncorrupt = { signer = 3 }\n");
        CHECK(e.pos().file == "plans.toml");
        CHECK(e.pos().line == 1);
        CHECK(e.key() == "plan[0].corrupt");  // 3 of 4 signers open no path
    }
    {
        const auto e = error_of("[[plan]]\nname = \"a\"\noutput = \"peg\"\ncorrupt = { vendor = 3 }\n");
        CHECK(e.pos().line == 4);
        CHECK(e.pos().column == 22);
        CHECK(e.key() == "plan[0].corrupt.vendor");
    }
    {
        const auto e = error_of("[[plan]]\nname = \"a\"\noutput = \"peg\"\ncorrupt = { signer = 4 }\ncensor_share = 0.5\n");
        CHECK(e.pos().line == 5);
        CHECK(e.pos().column == 16);
        CHECK(e.key() == "plan[0].censor_share");  // no wait: no rotation to censor
    }
    {
        const auto e = error_of("[[plan]]\nname = \"a\"\noutput = \"vault\"\n");
        CHECK(e.pos().line == 3);
        CHECK(e.key() == "plan[0].output");
    }
    {
        const auto e = error_of("[[plan]]\nname = \"a\"\noutput = \"peg\"\ncorrupt = { signer = 4 }\ncolour = 1\n");
        CHECK(e.pos().line == 5);
        CHECK(e.pos().column == 1);
        CHECK(e.key() == "plan[0].colour");
    }
    {
        const auto e = error_of("[[plan]]\nname = \"a\"\noutput = \"peg\"\ncorrupt = { signer = 4 }\n"
                                "[[plan]]\nname = \"a\"\noutput = \"peg\"\ncorrupt = { signer = 5 }\n");
        CHECK(e.pos().line == 5);
        CHECK(e.key() == "plan[1].name");
    }
}

TEST_CASE("hand plans: restating an enumerated plan gives the same outcomes", "[unit][planner]") {
    auto p = l2sim_test::design_params("hand_plans", design_text);
    p.planner.censor_shares = {0.6};
    p.world.pools.shares = {0.6, 0.4};
    p.hand_plans.file = l2sim_test::write_design("hand_plans_file", R"toml([[plan]]
name = "same"
output = "peg"
corrupt = { emergency = 2 }
wait_blocks = 20
censor_share = 0.6
)toml");
    const auto runs = l2sim_test::run_design(p, 40, 9);
    double moved = 0.0;
    for (const auto& row : runs.rows) {
        CHECK(row[runs.index("hand__same__success")] == row[runs.index("peg__emergency2_wait20_censor60__success")]);
        CHECK(row[runs.index("hand__same__keys_btc")] == row[runs.index("peg__emergency2_wait20_censor60__keys_btc")]);
        moved += row[runs.index("hand__same__success")];
    }
    CHECK(moved > 0.0);  // some runs succeed and some do not: the comparison is not vacuous
    CHECK(moved < 40.0);
}

TEST_CASE("hand plans: censor_blocks censors exactly that many blocks", "[unit][planner]") {
    // Every pool is controlled and leaves the rotation out of the run's first N blocks; the run
    // starts the block before the rotation is due and the path opens 6 blocks later. N = 6 keeps
    // the rotation out of all six blocks before the path opens, so the theft (which replaces the
    // pending rotation under BIP125 once valid) confirms in every run; N = 5 lets the sixth block
    // confirm the rotation in every run. Exact: no run may differ.
    {
        const auto e = error_of("[[plan]]\nname = \"a\"\noutput = \"peg\"\ncorrupt = { emergency = 2 }\n"
                                "wait_blocks = 20\ncensor_blocks = 5\n");
        CHECK(e.pos().line == 6);
        CHECK(e.pos().column == 17);
        CHECK(e.key() == "plan[0].censor_blocks");  // nothing censors
    }
    const auto plans_with = [](int n) {
        return "[[plan]]\nname = \"censor" + std::to_string(n) +
               "\"\noutput = \"peg\"\ncorrupt = { emergency = 2 }\nwait_blocks = 20\ncensor_share = 1.0\ncensor_blocks = " +
               std::to_string(n) + "\n";
    };
    const auto d = read_design_text(design_text, "d.toml");
    CHECK(read_hand_plans_text(plans_with(6), "plans.toml", d).at(0).censor_blocks == 6);
    auto p = l2sim_test::design_params("hand_censor_blocks", design_text);
    p.world.pools.shares = {0.6, 0.4};
    p.planner.censor_shares = {0.0};
    p.hand_plans.file = l2sim_test::write_design("hand_censor_blocks_file", plans_with(6) + plans_with(5));
    constexpr int n = 60;
    const auto runs = l2sim_test::run_design(p, n, 12);
    for (const auto& row : runs.rows) {
        CHECK(row[runs.index("hand__censor6__success")] == 1.0);
        CHECK(row[runs.index("hand__censor5__success")] == 0.0);
        // The controlled hash is paid for the censored blocks only.
        CHECK(row[runs.index("hand__censor5__hash_share_s")] < row[runs.index("hand__censor5__duration_s")]);
    }
}

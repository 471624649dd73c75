// The consensus sections of a design file ([hashrate_escrow], [merged_mining]): the shipped files
// read as written, and bad input is an InputError at the design file's line and column naming
// the dotted key.
#include <catch2/catch.hpp>

#include "models/layer2/design/design_reader.hpp"

namespace {

using models::layer2::design::read_design;
using models::layer2::design::read_design_text;

const std::string escrow = R"toml([design]
name = "escrow"
[keys]
rule = { count = 1, held_by = "rule" }
[agents.rule]
availability = 0.0
corruption_cost_btc = { law = "fixed", median = 1.0 }
[outputs.escrow]
policy = "pk(rule[0])"
value_btc = 5.0
[hashrate_escrow]
output = "escrow"
ack_required = 10
window_blocks = 20
)toml";

sim::InputError error_of(const std::string& text) {
    try {
        read_design_text(text, "bad.toml");
    } catch (const sim::InputError& e) {
        return e;
    }
    FAIL("no error");
    throw;
}

}  // namespace

TEST_CASE("consensus sections: the shipped files read as written", "[unit][design]") {
    const auto dc = read_design(std::string(L2SIM_SOURCE_DIR) + "/designs/drivechain.toml");
    REQUIRE(dc.consensus.hashrate_escrow);
    CHECK(dc.consensus.hashrate_escrow->ack_required == 13150);
    CHECK(dc.consensus.hashrate_escrow->window_blocks == 26300);
    CHECK(dc.consensus.hashrate_escrow->output == "escrow");
    const auto mm = read_design(std::string(L2SIM_SOURCE_DIR) + "/designs/merged_mining.toml");
    REQUIRE(mm.consensus.merged_mining);
    CHECK(mm.consensus.merged_mining->pegout_confirmations == 4000);
    CHECK(mm.consensus.merged_mining->block_interval_s == 30.0);
    const auto rsk = read_design(std::string(L2SIM_SOURCE_DIR) + "/designs/rootstock.toml");
    CHECK(rsk.consensus.merged_mining);
    CHECK(rsk.symbols.group("pegnatory")->size() == 9);
    CHECK(read_design_text(escrow, "ok.toml").consensus.hashrate_escrow->ack_required == 10);
}

TEST_CASE("consensus sections: bad input names file, line, column and key", "[unit][design]") {
    {
        const auto e = error_of(escrow + "colour = 1\n");
        CHECK(e.pos().line == 15);
        CHECK(e.pos().column == 1);
        CHECK(e.key() == "hashrate_escrow.colour");
    }
    {
        const auto e = error_of(escrow + "honest_vote = \"maybe\"\n");
        CHECK(e.pos().line == 15);
        CHECK(e.pos().column == 15);
        CHECK(e.key() == "hashrate_escrow.honest_vote");
    }
    {
        auto text = escrow;
        text.replace(text.find("ack_required = 10"), 17, "ack_required = 30");
        const auto e = error_of(text);
        CHECK(e.pos().line == 13);
        CHECK(e.key() == "hashrate_escrow.ack_required");
    }
    {
        auto text = escrow;
        text.replace(text.find("pk(rule[0])"), 11, "and(pk(rule[0]), older(5))");
        const auto e = error_of(text);
        CHECK(e.pos().line == 12);
        CHECK(e.key() == "hashrate_escrow.output");
    }
    {
        auto text = escrow;
        text.replace(text.find("output = \"escrow\""), 17, "output = \"vault\"");
        const auto e = error_of(text);
        CHECK(e.pos().line == 12);
        CHECK(e.key() == "hashrate_escrow.output");
    }
    {
        const auto e = error_of(escrow + "[merged_mining]\nmerged_share = 1.5\npegout_btc = 1.0\n");
        CHECK(e.pos().line == 16);
        CHECK(e.pos().column == 16);
        CHECK(e.key() == "merged_mining.merged_share");
    }
    {
        const auto e = error_of(escrow + "[merged_mining]\nmerged_share = 0.5\n");
        CHECK(e.key() == "merged_mining.pegout_btc");
    }
}

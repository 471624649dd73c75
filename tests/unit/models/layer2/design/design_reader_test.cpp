// The design file reader: the bridge team's file reads as written, and each kind of bad input is
// an InputError at the design file's line and column naming the key.
#include <catch2/catch.hpp>

#include "models/layer2/design/design_reader.hpp"

namespace {

using models::layer2::design::read_design;
using models::layer2::design::read_design_text;

const std::string minimal = R"toml([design]
name = "tiny"
[keys]
signer = { count = 3, held_by = "signer" }
[agents.signer]
availability = 0.9
corruption_cost_btc = { law = "fixed", median = 10.0 }
[outputs.vault]
policy = "thresh(2, signer[*])"
value_btc = 5.0
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

TEST_CASE("design reader: the bridge team's design reads as written", "[unit][design]") {
    const auto d = read_design(std::string(L2SIM_SOURCE_DIR) + "/designs/bonded_federation_8of12.toml");
    CHECK(d.name == "bonded_federation_8of12");
    REQUIRE(d.key_groups.size() == 2);
    CHECK(d.symbols.group("signer")->size() == 12);
    CHECK(d.symbols.group("emergency")->size() == 5);
    CHECK(d.agents.at("signer").bond_btc == 50.0);
    REQUIRE(d.outputs.size() == 1);
    CHECK(d.outputs[0].rotate_before_blocks == 144);
    REQUIRE(d.deposit);
    CHECK(d.deposit->credit_after_confirmations == 6);
    CHECK(d.watcher("rotate") != nullptr);
    CHECK(d.watcher("slash") != nullptr);
    CHECK(d.bonds.unbond_blocks == 144);
}

TEST_CASE("design reader: a minimal design has defaults for what it leaves out", "[unit][design]") {
    const auto d = read_design_text(minimal, "tiny.toml");
    CHECK(d.agents.at("signer").corruption_cost.law == "fixed");
    CHECK(d.agents.at("signer").bond_btc == 0.0);
    CHECK(d.watchers.empty());
    CHECK_FALSE(d.deposit);
}

TEST_CASE("design reader: bad input names file, line, column and key", "[unit][design]") {
    SECTION("unknown key") {
        const auto e = error_of(minimal + "colour = \"red\"\n");
        CHECK(e.pos().line == 11);
        CHECK(e.pos().column == 1);
        CHECK(e.key() == "outputs.vault.colour");
    }
    SECTION("value out of range") {
        const auto e = error_of(std::string(minimal).replace(minimal.find("0.9"), 3, "1.5"));
        CHECK(e.pos().line == 6);
        CHECK(e.pos().column == 16);
        CHECK(e.key() == "agents.signer.availability");
    }
    SECTION("a policy naming an undeclared key points into the policy text") {
        const auto e = error_of(std::string(minimal).replace(minimal.find("signer[*])"), 10, "oracle)"));
        CHECK(e.pos().line == 9);
        CHECK(e.pos().column > 10);
        CHECK(e.key() == "outputs.vault.policy");
    }
    SECTION("a key group held by an agent class nobody declared") {
        const auto e = error_of(std::string(minimal).replace(minimal.find("held_by = \"signer\""), 18,
                                                             "held_by = \"ghost\""));
        CHECK(e.pos().line == 4);
        CHECK(e.key() == "keys.signer.held_by");
    }
    SECTION("wrong type") {
        const auto e = error_of(std::string(minimal).replace(minimal.find("5.0"), 3, "\"five\""));
        CHECK(e.pos().line == 10);
        CHECK(e.key() == "outputs.vault.value_btc");
    }
    SECTION("TOML syntax") {
        const auto e = error_of(minimal + "[outputs\n");
        CHECK(e.pos().line == 11);
        CHECK(std::string(e.what()).rfind("bad.toml:11:", 0) == 0);
    }
    SECTION("a missing file is an error about the whole file") {
        try {
            read_design("/nonexistent/design.toml");
            FAIL("no error");
        } catch (const sim::InputError& e) {
            CHECK(e.pos().line == 0);
        }
    }
}

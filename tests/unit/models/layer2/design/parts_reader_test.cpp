// Composed designs: a rollup file reads as its three parts, parts of parts flatten with their
// prefixes, and a part file is found from the repository's root whatever the working directory.
// (The bad composed files are in tests/designs_bad/, checked by graph_reader_test.cpp.)
#include <catch2/catch.hpp>

#include "models/layer2/design/design_reader.hpp"
#include "models/layer2/design/parts_reader.hpp"

namespace {

using models::layer2::design::part_leaves;
using models::layer2::design::read_design;
using models::layer2::design::read_design_text;

}  // namespace

TEST_CASE("parts reader: a rollup is its data availability, bridge and upgrade path", "[unit][design]") {
    const auto d = read_design(std::string(L2SIM_SOURCE_DIR) + "/designs/rollup_bitcoin_da_bitvm2_timelocked.toml");
    CHECK(d.name == "rollup_bitcoin_da_bitvm2_timelocked");
    REQUIRE(d.parts.size() == 3);
    // In the order of the parts' names: bridge, da, upgrade.
    CHECK(d.parts[0].name == "bridge");
    CHECK(d.parts[0].design->name == "bitvm2");
    CHECK(d.parts[1].design->name == "bitcoin_da");
    CHECK(d.parts[2].design->outputs.at(0).exit_coins == 2000);
    CHECK(d.parts[2].design->outputs.at(0).exit_vbytes == 250);
    CHECK(d.parts[2].design->watcher("exit") != nullptr);
    CHECK(d.outputs.empty());
    const auto leaves = part_leaves(d);
    REQUIRE(leaves.size() == 3);
    CHECK(leaves[1].prefix == "da__");
    CHECK(leaves[2].prefix == "upgrade__");
}

TEST_CASE("parts reader: parts of parts flatten with both prefixes; a plain design is its own leaf", "[unit][design]") {
    const std::string text = std::string(R"toml([design]
name = "outer"
[parts.l2.design]
name = "inner_composed"
[parts.l2.parts.da]
file = "designs/rollup_parts/committee_da.toml"
[parts.l2.parts.upgrade]
file = "designs/rollup_parts/upgrade_instant.toml"
[parts.bridge]
file = "designs/rollup_parts/federation_bridge.toml"
)toml");
    // Read as if the file sat in designs/: part files are found from the repository's root.
    const auto d = read_design_text(text, std::string(L2SIM_SOURCE_DIR) + "/designs/nested.toml");
    const auto leaves = part_leaves(d);
    REQUIRE(leaves.size() == 3);
    CHECK(leaves[0].prefix == "bridge__");
    CHECK(leaves[1].prefix == "l2__da__");
    CHECK(leaves[1].design->name == "committee_da");
    CHECK(leaves[2].prefix == "l2__upgrade__");
    const auto plain = read_design(std::string(L2SIM_SOURCE_DIR) + "/designs/liquid.toml");
    REQUIRE(part_leaves(plain).size() == 1);
    CHECK(part_leaves(plain)[0].prefix.empty());
}

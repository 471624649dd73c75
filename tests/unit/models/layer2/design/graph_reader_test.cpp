// The presigned-graph part of the design file: the shipped graph designs read as written, and each
// bad design in tests/designs_bad/ fails with an InputError at the line, column and key its
// header names (`# expect-key:`, `# expect-at: line:col`, `# expect-message:` a substring).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "models/layer2/design/design_reader.hpp"
#include "models/layer2/planner/graph_plan.hpp"

namespace {

using models::layer2::design::read_design;

std::string header(const std::string& text, const std::string& tag) {
    const auto at = text.find("# " + tag + ": ");
    if (at == std::string::npos) return "";
    const auto start = at + tag.size() + 4;
    return text.substr(start, text.find('\n', start) - start);
}

std::size_t tx_index(const models::layer2::design::Design& d, const std::string& name) {
    for (std::size_t i = 0; i < d.graph.txs.size(); ++i)
        if (d.graph.txs[i].name == name) return i;
    FAIL("no tx " + name);
    return 0;
}

}  // namespace

TEST_CASE("graph reader: BitVM2's graph reads in spending order with its locks and roles",
          "[unit][design][graph]") {
    const auto d = read_design(std::string(L2SIM_SOURCE_DIR) + "/designs/bitvm2.toml");
    REQUIRE(d.graph.txs.size() == 6);
    CHECK(d.graph.txs[0].name == "kickoff");
    const auto& take1 = d.graph.txs[tx_index(d, "take1")];
    CHECK(take1.steals);
    REQUIRE(take1.spends.size() == 2);
    CHECK(take1.spends[0].tx == -1);  // the peg (the deposit), a design output
    CHECK(take1.spends[1].tx == static_cast<int>(tx_index(d, "kickoff")));
    CHECK(d.graph.txs[tx_index(d, "challenge")].broadcast_by ==
          std::vector<std::string>{"challenger"});
    CHECK(d.graph.txs[tx_index(d, "disprove")].outputs[0].slashed);
    CHECK(d.graph.responders.at("challenger").fee_policy == "bump");
}

TEST_CASE("graph reader: every shipped graph design reads", "[unit][design][graph]") {
    for (const char* f :
         {"bitvm2", "clementine", "goat_bitvm2", "ark_round", "statechain_backups", "babylon"}) {
        INFO(f);
        const auto d = read_design(std::string(L2SIM_SOURCE_DIR) + "/designs/" + f + ".toml");
        CHECK_FALSE(d.graph.empty());
        CHECK_FALSE(d.sources.empty());
    }
    const auto s = read_design(std::string(L2SIM_SOURCE_DIR) + "/designs/statechain_backups.toml");
    CHECK(s.graph.txs[tx_index(s, "backup_current")].after_blocks == 9900);
    CHECK(s.graph.txs[tx_index(s, "backup_previous")].after_blocks == 10000);
}

TEST_CASE("graph plans: paths walk back from each theft; responses spend what the path spends",
          "[unit][planner][graph]") {
    using namespace models::layer2::planner;
    const auto d = read_design(std::string(L2SIM_SOURCE_DIR) + "/designs/bitvm2.toml");
    const auto take2 = tx_index(d, "take2");
    CHECK(path_to(d, take2) ==
          std::vector<std::size_t>{tx_index(d, "kickoff"), tx_index(d, "assert"), take2});
    CHECK(responses_to(d, path_to(d, take2)) == std::vector<std::size_t>{tx_index(d, "disprove")});
    const auto take1 = tx_index(d, "take1");
    CHECK(responses_to(d, path_to(d, take1)) == std::vector<std::size_t>{tx_index(d, "challenge")});
    GraphPlannerParams p;
    p.congest_fee_rates_sat_vb = {20.0};
    const auto plans = enumerate_graph_plans(d, {0.0, 1.0}, p);
    // Per theft: corrupt every challenger, censor 0 and 100, congest at 20.
    REQUIRE(plans.size() == 8);
    CHECK(plans[0].id == "take1__corrupt_challenger5");
    CHECK(plans[0].keys_needed.at("challenger") == 5);
    CHECK(plans[0].keys_needed.at("operator") == 1);
    CHECK(plans[2].id == "take1__censor100");
    CHECK(plans[3].id == "take1__congest20");
    CHECK(plans[0].loot_btc == Approx(10.0));
}

TEST_CASE("graph reader: each bad design names file, line, column and key",
          "[unit][design][graph]") {
    const auto dir = std::filesystem::path(L2SIM_SOURCE_DIR) / "tests" / "designs_bad";
    int checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".toml") continue;
        std::ifstream in(entry.path());
        std::stringstream s;
        s << in.rdbuf();
        const std::string text = s.str();
        INFO(entry.path().filename().string());
        const std::string at = header(text, "expect-at");
        REQUIRE_FALSE(at.empty());
        try {
            read_design(entry.path().string());
            FAIL("no error");
        } catch (const sim::InputError& e) {
            CHECK(e.key() == header(text, "expect-key"));
            CHECK(std::to_string(e.pos().line) + ":" + std::to_string(e.pos().column) == at);
            CHECK(e.message().find(header(text, "expect-message")) != std::string::npos);
            CHECK(e.pos().file == entry.path().string());
        }
        ++checked;
    }
    CHECK(checked >= 10);
}

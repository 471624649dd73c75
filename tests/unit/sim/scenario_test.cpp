// Scenario keys are validated against their single declaration; sweeps expand as documented.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "models/model_catalog.hpp"
#include "sim/runner/plan.hpp"
#include "sim/scenario/scenario.hpp"

using namespace sim;

namespace {

std::string write_temp(const std::string& name, const std::string& text) {
    const auto path = std::filesystem::temp_directory_path() / name;
    std::ofstream(path) << text;
    return path.string();
}

ModelRegistry registry() {
    ModelRegistry r;
    models::register_all(r);
    return r;
}

const char* base = "[experiment]\nmodel = \"phold\"\nruns = 3\n[phold]\nlps = 10\n";

}  // namespace

TEST_CASE("scenario: an unknown key names line and column and suggests the closest key", "[unit]") {
    const auto reg = registry();
    const auto file = write_temp("l2sim_unknown.toml", std::string(base) + "lsp = 3\n");
    try {
        load_scenario(file, reg);
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK(e.pos().line == 6);
        CHECK(e.pos().column == 1);
        CHECK(std::string(e.what()).find("did you mean 'phold.lps'") != std::string::npos);
    }
}

TEST_CASE("scenario: out-of-range values report range and unit", "[unit]") {
    const auto reg = registry();
    const auto file = write_temp("l2sim_range.toml", std::string(base) + "remote_fraction = 1.5\n");
    try {
        load_scenario(file, reg);
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK(e.pos().line == 6);
        CHECK(e.pos().column == 19);
        CHECK(std::string(e.what()).find("[0, 1]") != std::string::npos);
        CHECK(std::string(e.what()).find("unit: 1") != std::string::npos);
    }
}

TEST_CASE("scenario: --set overrides with the same validation", "[unit]") {
    const auto reg = registry();
    const auto file = write_temp("l2sim_set.toml", base);
    const Scenario s = load_scenario(file, reg, {"phold.lps=77", "experiment.name=abc"});
    CHECK(std::get<std::int64_t>(s.find("phold.lps")->get()) == 77);
    CHECK(s.experiment().name == "abc");
    CHECK_THROWS_AS(load_scenario(file, reg, {"phold.lps=0"}), InputError);
    CHECK_THROWS_AS(load_scenario(file, reg, {"phold.lpz=5"}), InputError);
    CHECK_THROWS_AS(load_scenario(file, reg, {"phold.lps=1.5"}), InputError);
}

TEST_CASE("sweep: grid x zip expands in order and the constraint filters points", "[unit]") {
    const auto reg = registry();
    const auto file = write_temp("l2sim_sweep.toml", std::string(base) + R"(
[sweep]
replications = 2
constraint = "phold.lps * phold.lookahead_s < 15 and phold.remote_fraction != 0.5"
[sweep.grid]
"phold.lps" = [10, 100]
"phold.lookahead_s" = {from = 0.1, to = 0.3, step = 0.1}
[sweep.zip]
"phold.remote_fraction" = [0.5, 1.0]
"phold.mean_delay_s" = [1.0, 2.0]
)");
    const Scenario s = load_scenario(file, reg);
    const Plan plan = make_plan(s, true);
    // grid 2 x 3 = 6, zip 2 -> 12; remote_fraction 0.5 removes half; lps*lookahead < 15 keeps
    // lps=10 (all three) and lps=100 with lookahead 0.1 only.
    REQUIRE(plan.points.size() == 4);
    CHECK(plan.total_runs() == 8);
    CHECK(plan.keys.size() == 4);
    CHECK(plan.input(5).point == 2);
    CHECK(plan.input(5).rep == 1);
    CHECK(std::get<std::int64_t>(plan.points[3][0]) == 100);
    CHECK(plan.params_for(3)->find("phold.lps")->get() == Value{std::int64_t{100}});
}

TEST_CASE("sweep: swept values are validated with file:line:col", "[unit]") {
    const auto reg = registry();
    const auto file = write_temp("l2sim_sweep_bad.toml", std::string(base) + "[sweep.grid]\n\"phold.lps\" = [10, -1]\n");
    try {
        load_scenario(file, reg);
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK(e.pos().line == 7);
        CHECK(e.pos().column == 20);
    }
}

TEST_CASE("sweep: Latin hypercube hits every stratum of every dimension once", "[unit]") {
    const auto lhs = latin_hypercube(50, 3, 9);
    for (std::size_t d = 0; d < 3; ++d) {
        std::vector<int> hits(50, 0);
        for (const auto& row : lhs) ++hits[static_cast<int>(row[d] * 50)];
        for (int h : hits) CHECK(h == 1);
    }
}

TEST_CASE("sweep: common seed mode keys streams by replication", "[unit]") {
    const auto reg = registry();
    const auto file = write_temp("l2sim_common.toml", std::string(base) +
                                 "[sweep]\nreplications = 3\nseed_mode = \"common\"\n[sweep.grid]\n\"phold.lps\" = [10, 20]\n");
    const Plan plan = make_plan(load_scenario(file, reg), true);
    CHECK(plan.input(4).stream_run == 1);
    CHECK(plan.input(1).stream_run == plan.input(4).stream_run);
}

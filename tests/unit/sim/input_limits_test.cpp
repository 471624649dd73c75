// Limits that keep bad input from crashing or exhausting the machine: constraint nesting, number
// conversion, non-finite values, the plan size computed without expansion.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "models/model_catalog.hpp"
#include "sim/runner/plan.hpp"
#include "sim/runner/plan_size.hpp"
#include "sim/scenario/expression.hpp"
#include "sim/scenario/scenario.hpp"

using namespace sim;

namespace {

ModelRegistry registry() {
    ModelRegistry r;
    models::register_all(r);
    return r;
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

bool refused(const std::string& constraint) {
    try {
        Expression::parse(constraint, SourcePos{"f.toml", 4, 14});
    } catch (const InputError&) {
        return true;
    }
    return false;
}

}  // namespace

TEST_CASE("constraint nesting is bounded, not a stack overflow", "[unit]") {
    CHECK(refused(repeat("not ", 100000) + "1"));
    CHECK(refused(repeat("(", 20000) + "1" + repeat(")", 20000)));
    CHECK(refused(repeat("-", 100000) + "1"));
    CHECK(refused(repeat("1+", 100000) + "1"));
    CHECK_FALSE(refused(repeat("not ", 100) + "1"));  // realistic nesting still parses
    CHECK_FALSE(refused(repeat("(", 150) + "1" + repeat(")", 150)));
}

TEST_CASE("constraint numbers out of double range are an input error", "[unit]") {
    CHECK(refused("phold.lps < 1e999"));
    CHECK_FALSE(refused("phold.lps < 1e300"));
    CHECK(refused("phold.lps < ."));
}

TEST_CASE("non-finite values are refused unless the key declares infinity meaningful", "[unit]") {
    double x = 0.0;
    Field f{"a.b", Kind::real, "s", "", positive(), "1.0", [&](const Value& v) { x = std::get<double>(v); }, {}};
    const double inf = std::numeric_limits<double>::infinity();
    CHECK_THROWS_AS(assign(f, Value{inf}, SourcePos{"f.toml", 1, 5}), InputError);
    CHECK_THROWS_AS(assign(f, Value{std::nan("")}, SourcePos{"f.toml", 1, 5}), InputError);
    f.constraint = with_infinity(positive());
    assign(f, Value{inf}, SourcePos{"f.toml", 1, 5});
    CHECK(x == inf);
    CHECK_THROWS_AS(assign(f, Value{std::nan("")}, SourcePos{"f.toml", 1, 5}), InputError);  // nan never
    CHECK_THROWS_AS(assign(f, Value{-inf}, SourcePos{"f.toml", 1, 5}), InputError);          // still (0, inf]
}

TEST_CASE("plan size is computed from the sweep's shape and equals the expansion", "[unit]") {
    const auto models = registry();
    const std::string text =
        "[experiment]\nmodel = \"phold\"\n[sweep]\nreplications = 3\n[sweep.grid]\n\"phold.lps\" = [10, 20, 30]\n"
        "[sweep.zip]\n\"phold.events_per_lp\" = [1, 2]\n\"phold.end_time_s\" = [5.0, 6.0]\n";
    const Scenario s = load_scenario_text("size.toml", text, models);
    const PlanSize n = plan_size(s, true);
    CHECK(n.candidate_points == 6);
    CHECK(n.replications == 3);
    CHECK(make_plan(s, true).total_runs() == 18);
    // experiment.max_runs is the limit: 18 runs pass at 18 and are refused at 17.
    CHECK_NOTHROW(make_plan(load_scenario_text("size.toml", text, models, {"experiment.max_runs=18"}), true));
    CHECK_THROWS_AS(make_plan(load_scenario_text("size.toml", text, models, {"experiment.max_runs=17"}), true),
                    InputError);
}

TEST_CASE("a whole-file error has no line:col; a positioned one has both", "[unit]") {
    CHECK(std::string(InputError(SourcePos{"a.h5", 0, 0}, "", "not a results file").what()) ==
          "a.h5: error: not a results file");
    CHECK(std::string(InputError(SourcePos{"a.toml", 3, 7}, "k", "bad").what()) == "a.toml:3:7: error: key 'k': bad");
    CHECK(std::string(InputError(SourcePos{"a.toml", 1, 1}, std::string(1000, 'x'), "bad").what()).size() < 200);
}

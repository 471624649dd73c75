// No dead parameters in the presigned-graph part of the design format: each key of [graph.<tx>],
// its outputs and [responders.<class>], and the scenario's graph_planner key, is varied from a
// small base design on the same seeds, and an outcome column moves. Printed as a table for the
// closing notes.
#include <catch2/catch.hpp>
#include <cstdio>

#include "tests/support/design_runs.hpp"

namespace {

using l2sim_test::design_params;
using l2sim_test::run_design;
using l2sim_test::with;

const std::string base = R"toml([design]
name = "graph_base"
[keys]
op = { count = 1, held_by = "operator" }
ch = { count = 3, held_by = "challenger" }
[agents.operator]
corruption_cost_btc = { law = "fixed", median = 0.0 }
[agents.challenger]
availability = 1.0
corruption_cost_btc = { law = "fixed", median = 10.0 }
[outputs.vault]
policy = "pk(op[0])"
value_btc = 5.0
[graph.kickoff]
spends = ["vault"]
broadcast_by = "operator"
signatures = ["op[0]"]
outputs.claim = { policy = "or(and(pk(op[0]), older(6)), thresh(1, ch[*]))", value_btc = 4.999 }
outputs.side = { policy = "thresh(1, ch[*])", value_btc = 0.001 }
[graph.challenge]
spends = ["kickoff.claim"]
broadcast_by = "challenger"
signatures = ["ch[*]"]
outputs.refund = { policy = "pk(ch[0])", value_btc = 4.999, slashed = true }
[graph.take]
spends = ["kickoff.claim"]
broadcast_by = "operator"
signatures = ["op[0]"]
steals = true
outputs.loot = { policy = "pk(op[0])", value_btc = 4.999 }
[responders.challenger]
latency_s = 60.0
fee_rate_sat_vb = 5.0
fee_policy = "fixed"
bump_step_sat_vb = 5.0
max_fee_rate_sat_vb = 100.0
start_after_blocks = 0
)toml";

constexpr int runs_per_point = 12;

double outcome(const std::string& text, const std::string& column,
               std::vector<double> congest = {10.0}) {
    auto p = design_params("graph_param", text);
    p.planner.censor_shares = {0.0, 0.8};
    p.graph_planner.congest_fee_rates_sat_vb = std::move(congest);
    return run_design(p, runs_per_point, 61).mean(column);
}

bool moves(const char* key, const std::string& column, const std::string& varied,
           std::vector<double> congest_base = {10.0}, std::vector<double> congest_varied = {10.0},
           const std::string& from = base, const std::string& varied_column = "") {
    const double a = outcome(from, column, congest_base);
    const std::string col_b = varied_column.empty() ? column : varied_column;
    const double b = outcome(varied, col_b, congest_varied);
    std::printf("%-42s %-32s %14.4f -> %14.4f%s\n", key, column.c_str(), a, b,
                varied_column.empty() ? "" : ("  (" + col_b + ")").c_str());
    return a != b;
}

}  // namespace

TEST_CASE("graph parameters: every graph and responder key moves an outcome",
          "[stat-light][planner][graph]") {
    // Graph transactions.
    CHECK(moves(
        "graph.<tx>.spends", "take__censor0__success",
        with(with(base, "value_btc = 4.999, slashed = true", "value_btc = 0.001, slashed = true"),
             "spends = [\"kickoff.claim\"]\nbroadcast_by = \"challenger\"",
             "spends = [\"kickoff.side\"]\nbroadcast_by = \"challenger\""),
        {10.0}, {10.0}, base, "take__unopposed__success"));
    CHECK(moves("graph.<tx>.broadcast_by", "take__censor0__success",
                with(base, "spends = [\"kickoff.claim\"]\nbroadcast_by = \"challenger\"",
                     "spends = [\"kickoff.claim\"]\nbroadcast_by = \"operator\""),
                {10.0}, {10.0}, base, "take__unopposed__success"));
    CHECK(moves("graph.<tx>.signatures", "take__censor0__success",
                with(base, "signatures = [\"op[0]\"]\nsteals = true",
                     "signatures = [\"op[0]\", \"ch[0]\"]\nsteals = true")));
    // The challenge committing to a 10-block relative lock misses Take's 6-block window.
    CHECK(moves("graph.<tx>.older_blocks", "take__censor0__success",
                with(base, "signatures = [\"ch[*]\"]\noutputs.refund",
                     "signatures = [\"ch[*]\"]\nolder_blocks = 10\noutputs.refund")));
    CHECK(moves("graph.<tx>.after_blocks", "take__corrupt_ch3__duration_s",
                with(base, "steals = true", "steals = true\nafter_blocks = 40")));
    CHECK(moves(
        "graph.<tx>.steals", "plans",
        with(base, "outputs.refund = { policy = \"pk(ch[0])\", value_btc = 4.999, slashed = true }",
             "steals = true\noutputs.refund = { policy = \"pk(ch[0])\", value_btc = 4.999, slashed "
             "= true }")));
    CHECK(moves("graph.<tx>.outputs.<o>.policy", "take__censor80__success",
                with(base, "older(6)), thresh(1, ch[*]))\", value_btc = 4.999",
                     "older(30)), thresh(1, ch[*]))\", value_btc = 4.999")));
    CHECK(moves("graph.<tx>.outputs.<o>.value_btc", "take__censor0__loot_btc",
                with(base, "value_btc = 4.999 }\n[responders", "value_btc = 3.0 }\n[responders")));
    CHECK(moves(
        "graph.<tx>.outputs.<o>.slashed", "take__censor0__bonds_slashed_btc",
        with(base, "value_btc = 4.999, slashed = true", "value_btc = 4.999, slashed = false")));
    // Responders.
    CHECK(moves("responders.<c>.latency_s", "take__censor0__success",
                with(base, "latency_s = 60.0", "latency_s = 5000.0")));
    CHECK(moves("responders.<c>.fee_rate_sat_vb", "take__congest10__success",
                with(base, "fee_rate_sat_vb = 5.0", "fee_rate_sat_vb = 20.0")));
    CHECK(moves("responders.<c>.fee_policy", "take__congest10__success",
                with(base, "fee_policy = \"fixed\"", "fee_policy = \"bump\"")));
    const std::string bumping = with(base, "fee_policy = \"fixed\"", "fee_policy = \"bump\"");
    CHECK(moves("responders.<c>.bump_step_sat_vb", "take__congest10__block_space_sat",
                with(bumping, "bump_step_sat_vb = 5.0", "bump_step_sat_vb = 1.0"), {10.0}, {10.0},
                bumping));
    CHECK(moves("responders.<c>.max_fee_rate_sat_vb", "take__congest10__success",
                with(bumping, "max_fee_rate_sat_vb = 100.0", "max_fee_rate_sat_vb = 8.0"), {10.0},
                {10.0}, bumping));
    CHECK(moves("responders.<c>.start_after_blocks", "take__censor0__success",
                with(base, "start_after_blocks = 0", "start_after_blocks = 10")));
    // The scenario's planner key.
    CHECK(moves("graph_planner.congest_fee_rates_sat_vb", "plans", base, {10.0}, {10.0, 50.0}));
}

// A merged-mining peg-out race 300 blocks deep, pinned to the exact outcomes the world gave
// before its reorgs crossed runs of empty blocks in one step (World::move_state_to, BlockTree's
// skip pointers): the speed-up must not change which blocks are found, by whom, or when.
// (Numbers from the parent-by-parent world, l2sim at commit a6c2738, seed 31, runs 0-2.)
#include <catch2/catch.hpp>

#include "tests/support/design_runs.hpp"
#include "tests/support/merged_mining_design.hpp"

namespace {

const std::string merged_300 = l2sim_test::merged_mining_design("merged_race_depth", 300, 10.0);

}  // namespace

TEST_CASE("pegout race at depth 300: outcomes pinned across the world's reorg speed-up", "[planner][world]") {
    auto p = l2sim_test::design_params("merged_race_depth", merged_300);
    p.consensus.pegout_hash_shares = {0.5, 0.9};
    const auto runs = l2sim_test::run_design(p, 3, 31);
    const auto at = [&](int run, const char* column) { return runs.rows.at(static_cast<std::size_t>(run)).at(runs.index(column)); };
    const double blocks[] = {3501, 3317, 3257};
    const double events[] = {4159, 3960, 3894};
    const double cartel_s[] = {85055.632147, 78309.491578, 80030.307542};
    const double rented50_s[] = {1233.862377, 1107.441372, 956.397715};
    const double rented90_s[] = {8870.263096, 9109.742192, 9301.078388};
    for (int r = 0; r < 3; ++r) {
        CHECK(at(r, "blocks") == blocks[r]);
        CHECK(at(r, "events_processed") == events[r]);
        CHECK(at(r, "txs_confirmed") == 3.0);
        CHECK(at(r, "pegout__cartel50__success") == 1.0);
        CHECK(at(r, "pegout__cartel50__duration_s") == cartel_s[r]);
        CHECK(at(r, "pegout__rented50__success") == 0.0);
        CHECK(at(r, "pegout__rented50__duration_s") == rented50_s[r]);
        CHECK(at(r, "pegout__rented90__success") == 1.0);
        CHECK(at(r, "pegout__rented90__duration_s") == rented90_s[r]);
    }
}

TEST_CASE("a cartel's hash is recorded as owned, rented hash as rented", "[planner][world]") {
    // The two are priced differently (a cartel's hardware loss against rent by the second,
    // analysis/l2sim_analysis/plan_pricing.py), so a plan must never record one as the other.
    auto p = l2sim_test::design_params("merged_race_depth", merged_300);
    p.consensus.pegout_hash_shares = {0.5, 0.9};
    const auto runs = l2sim_test::run_design(p, 1, 31);
    const auto at = [&](const char* column) { return runs.rows.at(0).at(runs.index(column)); };
    // The cartel is the merge-mining pools the planner takes, largest first, for half the hash;
    // it races for the whole run.
    CHECK(at("pegout__cartel50__hash_share_s") == 0.0);
    CHECK(at("pegout__cartel50__owned_hash_share_s") / at("pegout__cartel50__duration_s") >= 0.5);
    CHECK(at("pegout__rented90__owned_hash_share_s") == 0.0);
    CHECK(at("pegout__rented90__hash_share_s") == Approx(0.9 * at("pegout__rented90__duration_s")));
}


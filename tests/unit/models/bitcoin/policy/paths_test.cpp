// Path enumeration: every minimal spending path, pruned by height and age.
#include "models/bitcoin/policy/paths.hpp"

#include <catch2/catch.hpp>

#include "models/bitcoin/policy/parse.hpp"

using namespace models::bitcoin;
using namespace models::bitcoin::policy;

TEST_CASE("paths: Liquid's peg lists C(15,11) normal paths and C(3,2) recovery paths", "[unit]") {
    SymbolTable s;
    s.declare_group("functionary", 15);
    s.declare_group("emergency", 3);
    const Policy p =
        *parse("or(thresh(11, functionary[*]), and(older(4032), thresh(2, emergency[*])))", s)
             .policy;
    const PathList all = spending_paths(p);
    CHECK_FALSE(all.truncated);
    CHECK(all.paths.size() == 1365 + 3);
    std::size_t recovery = 0;
    for (const Path& path : all.paths) {
        if (path.older_blocks == 4032) {
            ++recovery;
            CHECK(path.keys.size() == 2);
        } else {
            CHECK(path.keys.size() == 11);
        }
    }
    CHECK(recovery == 3);
    // Before the coin is 4032 blocks old only the functionaries can spend it.
    CHECK(spending_paths_at(p, Moment{900'000, 0, 4031}).paths.size() == 1365);
    CHECK(spending_paths_at(p, Moment{900'000, 0, 4032}).paths.size() == 1368);
}

TEST_CASE("paths: a to_local output has a revocation path and a delayed path", "[unit]") {
    const Policy p = any_of({pk(1), all_of({older(144), pk(2)})});
    const PathList list = spending_paths(p);
    REQUIRE(list.paths.size() == 2);
    CHECK(list.paths[0].keys == std::vector<KeyId>{1});
    CHECK(list.paths[0].older_blocks == 0);
    CHECK(list.paths[1].keys == std::vector<KeyId>{2});
    CHECK(list.paths[1].older_blocks == 144);
    CHECK(spending_paths_at(p, Moment{10, 0, 143}).paths.size() == 1);
}

TEST_CASE("paths: only minimal paths are listed", "[unit]") {
    // {1} suffices, so {1, 2} is not minimal; an earlier after() makes a later one redundant.
    CHECK(spending_paths(any_of({pk(1), all_of({pk(1), pk(2)})})).paths.size() == 1);
    const PathList locks =
        spending_paths(any_of({all_of({pk(1), after(10)}), all_of({pk(1), after(20)})}));
    REQUIRE(locks.paths.size() == 1);
    CHECK(locks.paths[0].after == 10);
    // A height and a time after() cannot be combined (BIP65): that branch has no path.
    CHECK(spending_paths(all_of({after(10), after(600'000'000)})).paths.empty());
    // after() prunes by height: met from block n + 1.
    const Policy htlc = any_of({all_of({pk(1), sha256(0)}), all_of({pk(2), after(800)})});
    CHECK(spending_paths_at(htlc, Moment{800, 0, 0}).paths.size() == 1);
    CHECK(spending_paths_at(htlc, Moment{801, 0, 0}).paths.size() == 2);
}

TEST_CASE("paths: the enumeration stops at max_paths and says so", "[unit]") {
    std::vector<Policy> keys;
    for (KeyId k = 0; k < 20; ++k) keys.push_back(pk(k));
    const PathList list = spending_paths(thresh(10, keys), WitnessModel::p2wsh(), 1000);
    CHECK(list.truncated);
    CHECK(list.paths.size() <= 1000);
}

// The limit case "Ark exit capacity": with blocks of fixed room (3,996,000 WU = 999,000 vB,
// Bitcoin Core's DEFAULT_BLOCK_MAX_WEIGHT) and no competing demand, the users who complete their
// exit before the round expires are the window's block space divided by the per-user exit
// vbytes. The oracle below is hand-computed from the numbers; the simulation never sees it: users
// broadcast their branches level by level and their claims once the CSV has passed, pools fill
// each block by feerate from the mempool, and the count is read from which claims confirmed below
// the expiry height. Deterministic (no background demand, one fixed seed), so equality is exact.
#include <catch2/catch.hpp>

#include "tests/support/mass_exit_runs.hpp"

using namespace mass_exit_test;

namespace {

/// Claims of 99,900 vB: exactly 10 fill a block (10 x 399,600 WU = 3,996,000 WU).
constexpr int claims_per_block = 999'000 / 99'900;

}  // namespace

TEST_CASE("ark exit capacity: the window's block space over the per-user claim vbytes",
          "[unit][mass_exit]") {
    // 64 users under a radix-4 tree (3 levels of 200-vB transactions); the failure comes with
    // the round just confirmed (age 0), so the window is the whole lifetime L. The root
    // confirms in block 1, level 1 in block 2, the 16 leaf nodes in block 3; claims may confirm
    // from height 3 + d (CSV d = 2) up to L - 1 (the sweep opens at L): L - 5 blocks of 10.
    Tree t;
    t.exit_delay_blocks = 2;

    SECTION("a window of 20 blocks: 15 x 10 claims of room for 64 users, all exit") {
        t.lifetime_blocks = 20;
        auto p = quiet(write_design(t, "cap_all"));
        const auto o = run(p);
        CHECK(o.at("ark_users") == 64);
        CHECK(o.at("ark_exited") == std::min(64, claims_per_block * (20 - 3 - 2)));
        CHECK(o.at("ark_value_lost_share") == 0.0);
    }
    SECTION("a window of 10 blocks: 5 x 10 = 50 claims fit, 14 users are lost") {
        t.lifetime_blocks = 10;
        auto p = quiet(write_design(t, "cap_lost"));
        const auto o = run(p);
        CHECK(o.at("ark_exited") == claims_per_block * (10 - 3 - 2));
        CHECK(o.at("ark_exited") == 50);
        CHECK(o.at("ark_value_lost_btc") == Approx(14 * 0.1));
        CHECK(o.at("ark_value_lost_share") == Approx(14.0 / 64.0));
    }
    SECTION("tree transactions as large as the claims: 16 users, 5 nodes, 2 windows") {
        // Root in block 1; the 4 leaf nodes (99,900 vB each, 4 fit) in block 2; claims from
        // block 2 + d = 4. Lifetime 5: only block 4 -> 10 of 16 exit; lifetime 6: blocks 4, 5 ->
        // all 16 (room for 20).
        t.users = 16;
        t.node_vbytes = 99'900;
        t.lifetime_blocks = 5;
        CHECK(run(quiet(write_design(t, "cap_nodes5"))).at("ark_exited") == 10);
        t.lifetime_blocks = 6;
        CHECK(run(quiet(write_design(t, "cap_nodes6"))).at("ark_exited") == 16);
    }
}

// No dead parameters: each setting of MempoolOptions and TemplateRequest moves an outcome here
// (rule sets, limits and constants themselves are exercised in rules/ and the other tests).
#include <catch2/catch.hpp>

#include "models/bitcoin/mempool/block_template.hpp"
#include "models/bitcoin/mempool/mempool.hpp"
#include "tests/unit/models/bitcoin/mempool/tx_builder.hpp"

using namespace models::bitcoin;
using namespace models::bitcoin::mempool;
using namespace mempool_test;

TEST_CASE("options: v29.1 lowered the minimum relay feerate to 0.1 sat/vB (PR #33106)", "[unit]") {
    const auto half_sat = make_tx(1, {coin(1)}, 50, 100);
    Mempool v28(MempoolOptions::core_v28());
    CHECK(reason_of(v28.submit(half_sat)) == RejectReason::min_relay_fee);
    Mempool v29(MempoolOptions::core_v29_1());
    CHECK(v29.submit(half_sat).accepted());
}

TEST_CASE("options: the incremental relay feerate prices a replacement (rule 4)", "[unit]") {
    for (const double incremental : {1.0, 0.1}) {
        MempoolOptions o;
        o.incremental_relay = FeeRate{incremental};
        Mempool m(o);
        REQUIRE(m.submit(make_tx(1, {coin(1)}, 1'000, 100)).accepted());
        CHECK(m.submit(make_tx(2, {coin(1)}, 1'050, 100)).accepted() == (incremental < 0.5));
    }
}

TEST_CASE("options: custom ancestor and descendant limits (mempool_packages.py node 1)", "[unit]") {
    // Node 1 of mempool_packages.py runs with -limitancestorcount=5 / -limitdescendantcount=10.
    MempoolOptions o;
    o.ancestor_count = 5;
    o.descendant_count = 10;
    Mempool m(o);
    REQUIRE(m.submit(make_tx(1, {coin(1)}, 1'000, 100, 20)).accepted());
    for (TxId id = 2; id <= 5; ++id)
        REQUIRE(m.submit(make_tx(id, {out(id - 1)}, 1'000, 100)).accepted());
    CHECK(reason_of(m.submit(make_tx(6, {out(5)}, 1'000, 100))) ==
          RejectReason::too_many_ancestors);
    for (std::uint32_t i = 1; i <= 5; ++i)
        REQUIRE(m.submit(make_tx(10 + i, {out(1, i)}, 1'000, 100)).accepted());  // 10 below tx 1
    // The carve-out's extra child: one more, not two.
    CHECK(m.submit(make_tx(20, {out(1, 10)}, 1'000, 100)).accepted());
    CHECK(reason_of(m.submit(make_tx(21, {out(1, 11)}, 1'000, 100))) ==
          RejectReason::too_many_descendants);
    o.ancestor_size_vb = 150;
    Mempool small(o);
    REQUIRE(small.submit(make_tx(1, {coin(1)}, 1'000, 100)).accepted());
    CHECK(reason_of(small.submit(make_tx(2, {out(1)}, 1'000, 100))) == RejectReason::ancestor_size);
    o.ancestor_size_vb = 101'000;
    o.descendant_size_vb = 150;
    Mempool narrow(o);
    REQUIRE(narrow.submit(make_tx(1, {coin(1)}, 1'000, 100, 3)).accepted());
    REQUIRE(narrow.submit(make_tx(2, {out(1, 0)}, 1'000, 50)).accepted());
    CHECK(reason_of(narrow.submit(make_tx(3, {out(2)}, 1'000, 50))) ==
          RejectReason::descendant_size);
}

TEST_CASE("options: custom cluster limits (mempool_packages.py -limitclustercount=10)", "[unit]") {
    MempoolOptions o = MempoolOptions::core_v31();
    o.cluster_count = 10;
    Mempool m(o);
    REQUIRE(m.submit(make_tx(1, {coin(1)}, 1'000, 100, 20)).accepted());
    for (std::uint32_t i = 0; i < 9; ++i)
        REQUIRE(m.submit(make_tx(10 + i, {out(1, i)}, 1'000, 100)).accepted());
    CHECK(reason_of(m.submit(make_tx(30, {out(1, 15)}, 1'000, 100))) ==
          RejectReason::cluster_count);
    o.cluster_count = 64;
    o.cluster_size_vb = 150;
    Mempool s(o);
    REQUIRE(s.submit(make_tx(1, {coin(1)}, 1'000, 100)).accepted());
    CHECK(reason_of(s.submit(make_tx(2, {out(1)}, 1'000, 100))) == RejectReason::cluster_size);
}

TEST_CASE("options: the replacement candidate limit", "[unit]") {
    MempoolOptions o;
    o.max_replacement_candidates = 2;
    Mempool m(o);
    REQUIRE(m.submit(make_tx(1, {coin(1)}, 1'000, 100)).accepted());
    REQUIRE(m.submit(make_tx(2, {out(1)}, 1'000, 100)).accepted());
    REQUIRE(m.submit(make_tx(3, {out(2)}, 1'000, 100)).accepted());
    CHECK(reason_of(m.submit(make_tx(4, {coin(1)}, 100'000, 100))) ==
          RejectReason::replacement_too_many);
}

TEST_CASE("options: the rolling fee half-life sets how fast the floor decays", "[unit]") {
    // 12 h later: halved once with the default 12 h half-life (11 -> 5.5); ten times with 1.2 h,
    // which drops it below half the incremental feerate, so only the 1 sat/vB relay floor is left.
    for (const auto& [halflife, expected] : {std::pair{43'200.0, 5.5}, std::pair{4'320.0, 1.0}}) {
        MempoolOptions o;
        o.max_vsize_vb = 300;
        o.rolling_fee_halflife_s = halflife;
        Mempool m(o);
        for (TxId id = 1; id <= 3; ++id)
            REQUIRE(m.submit(make_tx(id, {coin(id)}, 1'000 * static_cast<std::int64_t>(id), 100))
                        .accepted());
        REQUIRE(m.submit(make_tx(4, {coin(4)}, 9'000, 100)).accepted());  // evicts tx 1 (10 sat/vB)
        REQUIRE(m.min_fee_rate().sat_vb == Approx(11.0));
        m.confirm_block(std::span<const Transaction>{}, 1, 43'200.0);  // still full: no speed-up
        CHECK(m.min_fee_rate().sat_vb == Approx(expected));
    }
}

TEST_CASE("options: a template's median time past gates a time-based nLockTime", "[unit]") {
    Mempool m;
    m.confirm_block(std::span<const Transaction>{}, 10, 1'700'000'100.0);
    auto t = make_tx(1, {coin(1)}, 1'000, 100);
    t.lock_time = 1'700'000'000;  // a Unix time (>= 500,000,000)
    REQUIRE(m.submit(t).accepted());
    TemplateRequest r;
    r.height = 11;
    r.median_time_past_s = 1'699'999'999.0;
    CHECK(build_template(m, r).txids.empty());
    r.median_time_past_s = 1'700'000'001.0;
    CHECK(build_template(m, r).txids == std::vector<TxId>{1});
}

// Size limiting: when the mempool is over -maxmempool, the lowest score leaves first (descendant
// score pre-cluster, Core v28 txmempool.cpp TrimToSize; the worst chunk under cluster rules, v31
// txgraph GetWorstMainChunk), and the dynamic minimum becomes the removed feerate plus the
// incremental relay feerate, decaying with a 12 h half-life after blocks (GetMinFee). Cases after
// Core's test/functional/mempool_limit.py (a full mempool raises mempoolminfee; a tx below it is
// refused).
#include <catch2/catch.hpp>

#include "models/bitcoin/mempool/mempool.hpp"
#include "tests/unit/models/bitcoin/mempool/tx_builder.hpp"

using namespace models::bitcoin;
using namespace models::bitcoin::mempool;
using namespace mempool_test;

TEST_CASE("eviction: lowest descendant score leaves, the floor rises (mempool_limit.py)",
          "[unit]") {
    for (auto o : {MempoolOptions::core_v28(), MempoolOptions::core_v31()}) {
        o.max_vsize_vb = 1'000;
        o.min_relay = FeeRate{1.0};
        o.incremental_relay = FeeRate{1.0};
        Mempool m(o);
        // A parent at 1 sat/vB with a child at 10 sat/vB: the package score 5.5 protects the
        // parent.
        REQUIRE(m.submit(make_tx(1, {coin(1)}, 100, 100)).accepted());
        REQUIRE(m.submit(make_tx(2, {out(1)}, 1'000, 100)).accepted());
        for (TxId id = 3; id <= 10; ++id)
            REQUIRE(m.submit(make_tx(id, {coin(id)}, 100 * static_cast<std::int64_t>(id), 100))
                        .accepted());
        CHECK(m.total_vsize_vb() == 1'000);
        const auto r = m.submit(make_tx(11, {coin(11)}, 2'000, 100));  // 20 sat/vB
        REQUIRE(r.accepted());
        CHECK(r.evicted == std::vector<TxId>{3});  // 3 sat/vB is the worst score
        CHECK(m.min_fee_rate().sat_vb == Approx(4.0));
        CHECK(m.submit(make_tx(12, {coin(12)}, 350, 100)).reject->reason ==
              RejectReason::mempool_min_fee);
        // 300 vB more: tx 4, tx 5, then the parent-child pair at 5.5 sat/vB leaves as one.
        const auto r2 = m.submit(make_tx(13, {coin(13)}, 4'500, 300));
        REQUIRE(r2.accepted());
        CHECK(r2.evicted == std::vector<TxId>{4, 5, 1, 2});
        CHECK(m.min_fee_rate().sat_vb == Approx(6.5));
        // Blocks: after 12 h with the mempool more than half full the floor halves to 3.25; a day
        // later it is 0.81, under the incremental feerate, so the floor is the 1 sat/vB relay rate.
        m.confirm_block(std::span<const Transaction>{}, 1, 43'200.0);
        CHECK(m.min_fee_rate().sat_vb == Approx(3.25));
        m.confirm_block(std::span<const Transaction>{}, 2, 3 * 43'200.0);
        CHECK(m.min_fee_rate().sat_vb == Approx(1.0));
    }
}

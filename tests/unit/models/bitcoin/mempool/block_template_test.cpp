// Templates: ancestor-package order (pre-cluster, Core v28 node/miner.cpp addPackageTxs) and chunk
// order (cluster, v31 BlockBuilder), the weight limit, and censorship by exclusion.
#include "models/bitcoin/mempool/block_template.hpp"

#include <catch2/catch.hpp>

#include "models/bitcoin/mempool/mempool.hpp"
#include "tests/unit/models/bitcoin/mempool/tx_builder.hpp"

using namespace models::bitcoin;
using namespace models::bitcoin::mempool;
using namespace mempool_test;

TEST_CASE("template: both orders take a CPFP package before a lone lower feerate", "[unit]") {
    for (const auto& o : {MempoolOptions::core_v28(), MempoolOptions::core_v31()}) {
        Mempool m(o);
        REQUIRE(m.submit(make_tx(1, {coin(1)}, 200, 100)).accepted());    // 2 sat/vB
        REQUIRE(m.submit(make_tx(2, {out(1)}, 3'800, 100)).accepted());   // package 20 sat/vB
        REQUIRE(m.submit(make_tx(3, {coin(3)}, 1'500, 100)).accepted());  // 15 sat/vB
        REQUIRE(m.submit(make_tx(4, {coin(4)}, 2'500, 100)).accepted());  // 25 sat/vB
        const auto t = build_template(m, TemplateRequest{});
        CHECK(t.txids == std::vector<TxId>{4, 1, 2, 3});
        CHECK(t.fees.value == 8'000);
        CHECK(t.weight.wu == 1'600);
    }
}

TEST_CASE("template: exclusion removes a transaction and everything spending it", "[unit]") {
    for (const auto& o : {MempoolOptions::core_v28(), MempoolOptions::core_v31()}) {
        Mempool m(o);
        REQUIRE(m.submit(make_tx(1, {coin(1)}, 1'000, 100)).accepted());
        REQUIRE(m.submit(make_tx(2, {out(1)}, 1'000, 100)).accepted());
        REQUIRE(m.submit(make_tx(3, {coin(3)}, 500, 100)).accepted());
        const std::unordered_set<TxId> censored{1};
        TemplateRequest r;
        r.excluded = &censored;
        CHECK(build_template(m, r).txids == std::vector<TxId>{3});
    }
}

TEST_CASE("template: weight limit and the block minimum feerate", "[unit]") {
    for (const auto& o : {MempoolOptions::core_v28(), MempoolOptions::core_v31()}) {
        Mempool m(o);
        REQUIRE(m.submit(make_tx(1, {coin(1)}, 30'000, 1'000)).accepted());  // 30 sat/vB
        REQUIRE(m.submit(make_tx(2, {coin(2)}, 2'000, 100)).accepted());     // 20 sat/vB
        REQUIRE(m.submit(make_tx(3, {coin(3)}, 100, 100)).accepted());       // 1 sat/vB
        TemplateRequest r;
        r.max_weight = Weight{3'000};  // tx 1 (4,000 WU) does not fit; the others do
        CHECK(build_template(m, r).txids == std::vector<TxId>{2, 3});
        r.min_fee_rate = FeeRate{2.0};
        CHECK(build_template(m, r).txids == std::vector<TxId>{2});
    }
}

TEST_CASE("template: a cluster whose chunk does not fit is skipped whole (cluster rules)",
          "[unit]") {
    Mempool m(MempoolOptions::core_v31());
    REQUIRE(m.submit(make_tx(1, {coin(1)}, 50'000, 1'000)).accepted());  // 50 sat/vB
    REQUIRE(m.submit(make_tx(2, {out(1)}, 100, 100)).accepted());        // its own chunk, 1 sat/vB
    REQUIRE(m.submit(make_tx(3, {coin(3)}, 1'000, 100)).accepted());     // 10 sat/vB
    TemplateRequest r;
    r.max_weight = Weight{1'000};
    CHECK(build_template(m, r).txids == std::vector<TxId>{3});
    r.max_weight = Weight{5'000};
    CHECK(build_template(m, r).txids == std::vector<TxId>{1, 3, 2});
}

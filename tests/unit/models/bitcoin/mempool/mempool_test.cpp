// Mempool core: parents from inputs, conflicts from outpoints, CPFP order, timelocks, block
// confirmation. Ported from the former models/bitcoin/mempool_test.cpp to the transaction type.
#include "models/bitcoin/mempool/mempool.hpp"

#include <catch2/catch.hpp>

#include "models/bitcoin/mempool/block_template.hpp"
#include "tests/unit/models/bitcoin/mempool/tx_builder.hpp"

using namespace models::bitcoin;
using namespace models::bitcoin::mempool;
using namespace mempool_test;

TEST_CASE("mempool: replacement needs higher fees plus its own relay (BIP125 rules 3-4)",
          "[unit]") {
    Mempool m;
    REQUIRE(m.submit(make_tx(1, {coin(77)}, 1000, 200)).accepted());  // 5 sat/vB
    const auto low = m.submit(make_tx(2, {coin(77)}, 1150, 200));     // +150 < 200 sat relay
    REQUIRE(!low.accepted());
    CHECK(low.reject->reason == RejectReason::replacement_insufficient_relay);
    const auto good = m.submit(make_tx(3, {coin(77)}, 1200, 200));
    CHECK(good.accepted());
    CHECK(good.replaced == std::vector<TxId>{1});
    CHECK(!m.contains(1));
    CHECK(m.contains(3));
}

TEST_CASE("mempool: parents come from inputs and a child pays for its parent", "[unit]") {
    Mempool m;
    REQUIRE(m.submit(make_tx(1, {coin(1)}, 400, 200)).accepted());   // 2 sat/vB
    REQUIRE(m.submit(make_tx(2, {out(1)}, 9600, 200)).accepted());   // 48 sat/vB, package 25
    REQUIRE(m.submit(make_tx(3, {coin(3)}, 4000, 200)).accepted());  // 20 sat/vB
    CHECK(m.find(2)->parents == std::vector<TxId>{1});
    CHECK(m.find(1)->children == std::vector<TxId>{2});
    CHECK(m.with_ancestors(2).rate_sat_vb() == Approx(25.0));
    TemplateRequest r;
    CHECK(build_template(m, r).txids == std::vector<TxId>{1, 2, 3});
    r.max_weight = Weight{1600};  // room for the package of two only
    CHECK(build_template(m, r).txids == std::vector<TxId>{1, 2});
    const std::unordered_set<TxId> censored{2};
    r.max_weight = Weight{3'996'000};
    r.excluded = &censored;
    CHECK(build_template(m, r).txids == std::vector<TxId>{3, 1});
}

TEST_CASE("mempool: CLTV and CSV timelocks gate acceptance and templates", "[unit]") {
    Mempool m;
    m.note_confirmed(confirmed_coin + 2, 50);
    auto cltv = make_tx(1, {coin(1)}, 1000, 100);
    cltv.lock_time = 100;
    cltv.inputs[0].sequence = sequence_rbf_max;
    auto csv = make_tx(2, {coin(2)}, 1000, 100);
    csv.inputs[0].sequence = 144;  // BIP68: 144 blocks after the coin's block (50)
    CHECK(m.submit(cltv).reject->reason == RejectReason::non_final);  // tip 0: next block is 1
    m.confirm_block(std::span<const Transaction>{}, 99, 0.0);  // next block 100: not 100 < 100
    CHECK(m.submit(cltv).reject->reason == RejectReason::non_final);
    m.confirm_block(std::span<const Transaction>{}, 100, 0.0);  // IsFinalTx: 100 < 101
    CHECK(m.submit(cltv).accepted());
    CHECK(m.submit(csv).reject->reason == RejectReason::non_final);
    m.confirm_block(std::span<const Transaction>{}, 193, 0.0);
    CHECK(m.submit(csv).accepted());
    TemplateRequest r;
    r.height = 193;  // a template below the CSV height leaves csv out
    CHECK(build_template(m, r).txids == std::vector<TxId>{1});
    r.height = 194;
    const auto block = build_template(m, r);
    CHECK(block.txids.size() == 2);
    m.confirm_block(std::span<const TxId>(block.txids), 194, 0.0);
    CHECK(m.size() == 0);
}

TEST_CASE("mempool: a block confirms, removes conflicts and frees children", "[unit]") {
    Mempool m;
    REQUIRE(m.submit(make_tx(1, {coin(1)}, 1000, 100)).accepted());
    REQUIRE(m.submit(make_tx(2, {out(1)}, 1000, 100)).accepted());
    REQUIRE(m.submit(make_tx(3, {coin(3)}, 1000, 100)).accepted());
    REQUIRE(m.submit(make_tx(4, {out(3)}, 1000, 100)).accepted());
    // A block mines tx 1 and a transaction we never saw that spends coin 3 (a conflict of tx 3).
    const std::vector<Transaction> block{m.find(1)->tx, make_tx(9, {coin(3)}, 500, 100)};
    m.confirm_block(std::span<const Transaction>(block), 1, 600.0);
    CHECK(!m.contains(1));
    CHECK(m.contains(2));
    CHECK(m.find(2)->parents.empty());  // its parent is confirmed now
    CHECK(!m.contains(3));
    CHECK(!m.contains(4));  // descendant of the conflict
    CHECK(m.coin_height(9) == Height{1});
    CHECK(m.total_vsize_vb() == 100);
}

// A block that a reorg takes off the chain gives its transactions back to the mempool (Bitcoin
// Core validation.cpp, Chainstate::MaybeUpdateMempoolForReorg): they are re-accepted without the
// fee floors (bypass_limits), in-mempool spends of their outputs become their children again
// (UpdateTransactionsFromBlock), and one that is no longer final at the lower tip is dropped.
#include <catch2/catch.hpp>

#include "models/bitcoin/mempool/block_template.hpp"
#include "models/bitcoin/mempool/mempool.hpp"
#include "tests/unit/models/bitcoin/mempool/tx_builder.hpp"

using namespace models::bitcoin;
using namespace models::bitcoin::mempool;
using namespace mempool_test;

TEST_CASE("mempool reorg: a disconnected block's transactions return, with their children",
          "[unit][forks]") {
    Mempool m;
    const Transaction parent = make_tx(1, {coin(1)}, 1000, 200);
    REQUIRE(m.submit(parent).accepted());
    m.confirm_block(std::span<const Transaction>(&parent, 1), 1, 600.0);
    CHECK(!m.contains(1));
    CHECK(m.coin_height(1) == Height{1});
    REQUIRE(m.submit(make_tx(2, {out(1)}, 4000, 200)).accepted());  // spends the confirmed output
    CHECK(m.find(2)->parents.empty());

    const auto dropped = m.disconnect_block(std::span<const Transaction>(&parent, 1), 0, 700.0);
    CHECK(dropped.empty());
    CHECK(m.contains(1));
    CHECK(m.tip_height() == 0);
    CHECK(!m.coin_height(1));
    CHECK(m.find(2)->parents == std::vector<TxId>{1});  // linked again: a package of two
    CHECK(m.descendants(1) == std::vector<TxId>{2});
    TemplateRequest r;
    CHECK(build_template(m, r).txids == std::vector<TxId>{1, 2});
}

TEST_CASE("mempool reorg: returning transactions skip the fee floor but not finality",
          "[unit][forks]") {
    Mempool m;
    Transaction cheap = make_tx(1, {coin(1)}, 10, 200);  // 0.05 sat/vB: below the relay floor
    CHECK(!m.submit(cheap).accepted());
    Transaction locked = make_tx(2, {coin(2)}, 1000, 200);
    locked.lock_time = 5;  // final in a block at height 6 or more
    locked.inputs[0].sequence = sequence_rbf_max;
    m.confirm_block(std::span<const Transaction>{}, 5, 0.0);
    REQUIRE(m.submit(locked).accepted());
    const std::vector<Transaction> block{cheap, locked};  // a miner may confirm what relay refuses
    m.confirm_block(std::span<const Transaction>(block), 6, 0.0);

    // Back to tip 4: the next block is 5, where lock_time 5 is not yet final (IsFinalTx).
    const auto dropped = m.disconnect_block(std::span<const Transaction>(block), 4, 0.0);
    CHECK(m.contains(1));  // bypass_limits: no relay-fee floor on the way back
    CHECK(!m.contains(2));
    CHECK(dropped == std::vector<TxId>{2});
}

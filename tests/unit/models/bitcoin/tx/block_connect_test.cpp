// Connecting blocks: a spend chain inside one block, a double spend within a block and across
// blocks, all-or-nothing on a rejection, and a reorg that undoes blocks exactly.
#include "models/bitcoin/tx/block_connect.hpp"

#include <catch2/catch.hpp>

#include "tests/unit/models/bitcoin/tx/spend_fixture.hpp"

using namespace models::bitcoin;
using namespace models::bitcoin::policy;
using tx_test::keys;
using tx_test::OneCoin;

namespace {
Transaction pay_on(const Transaction& parent, TxId id, KeyId signer) {
    Transaction tx;
    tx.id = id;
    tx.inputs.push_back(TxIn{Outpoint{parent.id, 0}, sequence_rbf_max, keys({signer})});
    tx.outputs.push_back(
        TxOut{parent.outputs[0].value - Sat{500}, std::make_shared<const Policy>(pk(signer))});
    tx.fee = Sat{500};
    tx.weight = Weight{500};
    return tx;
}
}  // namespace

TEST_CASE("block connect: a chain of spends in one block; a reorg restores the coin", "[unit]") {
    OneCoin w(pk(1), 100);
    Transaction a = w.spend(keys({1}));  // pays to key 99
    Transaction b = pay_on(a, 3, 99);
    const std::vector<Transaction> block{a, b};
    ConnectResult r = connect_block(w.coins, block, BlockContext{101, 0});
    REQUIRE(r.ok());
    CHECK_FALSE(w.coins.contains(w.coin));
    CHECK_FALSE(w.coins.contains(Outpoint{2, 0}));
    REQUIRE(w.coins.contains(Outpoint{3, 0}));
    CHECK(w.coins.find(Outpoint{3, 0})->confirmed.height == 101);
    disconnect_block(w.coins, *r.undo);
    CHECK(w.coins.size() == 1);
    REQUIRE(w.coins.contains(w.coin));
    CHECK(w.coins.find(w.coin)->confirmed.height == 100);
}

TEST_CASE("block connect: a double spend is rejected within a block and across blocks", "[unit]") {
    OneCoin w(pk(1), 100);
    Transaction a = w.spend(keys({1}));
    Transaction a2 = a;
    a2.id = 7;
    const std::vector<Transaction> both{a, a2};
    ConnectResult bad = connect_block(w.coins, both, BlockContext{101, 0});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.reject->reason == RejectReason::missing_input);
    CHECK(bad.failed_tx == 1);
    // All or nothing: the first transaction's effects were rolled back.
    CHECK(w.coins.size() == 1);
    CHECK(w.coins.contains(w.coin));

    const std::vector<Transaction> first{a};
    ConnectResult r1 = connect_block(w.coins, first, BlockContext{101, 0});
    REQUIRE(r1.ok());
    const std::vector<Transaction> second{a2};
    CHECK(connect_block(w.coins, second, BlockContext{102, 0}).reject->reason ==
          RejectReason::missing_input);
    // After a reorg of block 101 the other spend becomes valid.
    disconnect_block(w.coins, *r1.undo);
    CHECK(connect_block(w.coins, second, BlockContext{101, 0}).ok());
}

TEST_CASE("block connect: a transaction id that already has unspent outputs is refused (BIP30)",
          "[unit]") {
    OneCoin w(pk(1), 100);
    w.coins.add(Outpoint{5, 0},
                Coin{TxOut{Sat{1'000}, std::make_shared<const Policy>(pk(99))}, {}});
    Transaction again = pay_on(w.spend(keys({1})), 1, 99);  // id 1 while (1, 0) is unspent
    again.inputs[0].prevout = Outpoint{5, 0};
    again.outputs[0].value = Sat{500};
    const auto r = connect_block(w.coins, std::vector<Transaction>{again}, BlockContext{102, 0});
    REQUIRE_FALSE(r.ok());
    CHECK(r.reject->reason == RejectReason::output_exists);
    CHECK(w.coins.size() == 2);
}

// Conformance: TRUC (BIP431), cases after Core v28 test/functional/mempool_truc.py
// (TRUC_MAX_VSIZE = 10,000, TRUC_CHILD_MAX_VSIZE = 1,000, one unconfirmed parent, one child).
#include <catch2/catch.hpp>

#include "models/bitcoin/mempool/mempool.hpp"
#include "tests/unit/models/bitcoin/mempool/tx_builder.hpp"

using namespace models::bitcoin;
using namespace models::bitcoin::mempool;
using namespace mempool_test;

TEST_CASE("truc: 10 kvB for a v3 tx, 1 kvB for its child (test_truc_max_vsize)", "[unit]") {
    Mempool m;
    CHECK(reason_of(m.submit(make_v3(1, {coin(1)}, 20'000, 10'001))) ==
          RejectReason::truc_too_large);
    REQUIRE(m.submit(make_v3(2, {coin(2)}, 20'000, 10'000)).accepted());
    CHECK(reason_of(m.submit(make_v3(3, {out(2)}, 5'000, 1'001))) ==
          RejectReason::truc_child_too_large);
    CHECK(m.submit(make_v3(4, {out(2)}, 5'000, 1'000)).accepted());
}

TEST_CASE("truc: v3 and non-v3 do not mix unconfirmed (test_truc_acceptance)", "[unit]") {
    Mempool m;
    REQUIRE(m.submit(make_tx(1, {coin(1)}, 1'000, 100)).accepted());
    REQUIRE(m.submit(make_v3(2, {coin(2)}, 1'000, 100)).accepted());
    CHECK(reason_of(m.submit(make_v3(3, {out(1)}, 1'000, 100))) ==
          RejectReason::truc_spends_non_truc);
    CHECK(reason_of(m.submit(make_tx(4, {out(2)}, 1'000, 100))) ==
          RejectReason::non_truc_spends_truc);
    REQUIRE(m.submit(make_v3(5, {out(2)}, 1'000, 100)).accepted());
    CHECK(reason_of(m.submit(make_v3(6, {out(5)}, 1'000, 100))) ==
          RejectReason::truc_too_many_ancestors);
}

TEST_CASE("truc: always replaceable, without BIP125 signal (test_truc_bip125)", "[unit]") {
    MempoolOptions o;
    o.full_rbf = false;
    Mempool m(o);
    auto v3 = make_v3(1, {coin(1)}, 1'000, 100);
    v3.inputs[0].sequence = sequence_final;
    REQUIRE(m.submit(v3).accepted());
    CHECK(m.submit(make_v3(2, {coin(1)}, 2'000, 100)).accepted());
}

TEST_CASE("truc: sibling eviction (test_truc_sibling_eviction)", "[unit]") {
    Mempool m;
    REQUIRE(m.submit(make_v3(1, {coin(1)}, 1'000, 100)).accepted());    // two outputs
    REQUIRE(m.submit(make_v3(2, {out(1, 0)}, 2'000, 100)).accepted());  // the sibling
    // Lower feerate than the sibling: refused (Core v28 applies rule 6 here).
    CHECK(reason_of(m.submit(make_v3(3, {out(1, 1)}, 1'900, 100))) ==
          RejectReason::replacement_feerate_not_higher);
    // Higher feerate but not paying the sibling's fee plus relay (rules 3-4).
    CHECK(reason_of(m.submit(make_v3(4, {out(1, 1)}, 2'050, 90))) ==
          RejectReason::replacement_insufficient_relay);
    const auto r = m.submit(make_v3(5, {out(1, 1)}, 2'100, 100));
    CHECK(r.accepted());
    CHECK(r.replaced == std::vector<TxId>{2});
}

// Conformance: 1-parent-1-child packages. Cases after Core v28 test/functional/p2p_1p1c_network.py
// (a low-fee parent below the node's dynamic minimum gets in with its child), rpc_packages.py
// (submitpackage of a child with its parent), mempool_truc.py (a zero-fee TRUC parent in a
// package) and package_rbf.py (package RBF against clusters of at most two).
#include <catch2/catch.hpp>

#include "models/bitcoin/mempool/mempool.hpp"
#include "tests/unit/models/bitcoin/mempool/tx_builder.hpp"

using namespace models::bitcoin;
using namespace models::bitcoin::mempool;
using namespace mempool_test;

namespace {
/// A mempool whose dynamic minimum was raised to 11 sat/vB by an eviction (10 sat/vB evicted).
Mempool full_mempool() {
    MempoolOptions o;
    o.max_vsize_vb = 1'000;
    Mempool m(o);
    for (TxId id = 100; id < 110; ++id)
        REQUIRE(m.submit(make_tx(id, {coin(id)}, 1'000 + 100 * (id - 100), 100)).accepted());
    REQUIRE(m.submit(make_tx(200, {coin(200)}, 5'000, 100)).accepted());  // evicts tx 100
    REQUIRE(!m.contains(100));
    REQUIRE(m.min_fee_rate().sat_vb == Approx(11.0));
    return m;
}
}  // namespace

TEST_CASE("package: a parent under the dynamic minimum enters with its child (p2p_1p1c_network.py)",
          "[unit]") {
    Mempool m = full_mempool();
    const auto parent = make_tx(1, {coin(1)}, 200, 100);  // 2 sat/vB: above min relay, below 11
    const auto child = make_tx(2, {out(1)}, 5'000, 100);  // package 26 sat/vB
    CHECK(reason_of(m.submit(parent)) == RejectReason::mempool_min_fee);
    const auto r = m.submit_package(parent, child);
    CHECK(r.accepted());
    CHECK(m.contains(1));
    CHECK(m.contains(2));
}

TEST_CASE("package: a zero-fee parent needs TRUC (mempool_truc.py, rpc_packages.py)", "[unit]") {
    Mempool m;
    const auto v2_parent = make_tx(1, {coin(1)}, 0, 200);
    const auto v2_child = make_tx(2, {out(1)}, 10'000, 200);
    CHECK(reason_of(m.submit_package(v2_parent, v2_child)) == RejectReason::min_relay_fee);
    const auto v3_parent = make_v3(3, {coin(3)}, 0, 200);
    const auto v3_child = make_v3(4, {out(3)}, 10'000, 200);
    CHECK(reason_of(m.submit(v3_parent)) == RejectReason::min_relay_fee);  // alone: no
    CHECK(m.submit_package(v3_parent, v3_child).accepted());
    // The package feerate must still meet the floor.
    const auto poor_parent = make_v3(5, {coin(5)}, 0, 200);
    const auto poor_child = make_v3(6, {out(5)}, 100, 200);
    CHECK(reason_of(m.submit_package(poor_parent, poor_child)) == RejectReason::mempool_min_fee);
}

TEST_CASE("package: shape is one child with its only unconfirmed parent (rpc_packages.py)",
          "[unit]") {
    Mempool m;
    REQUIRE(m.submit(make_tx(9, {coin(9)}, 1'000, 100)).accepted());
    const auto parent = make_v3(1, {coin(1)}, 0, 100);
    CHECK(reason_of(m.submit_package(parent, make_v3(2, {coin(2)}, 5'000, 100))) ==
          RejectReason::package_not_child_with_parent);
    CHECK(reason_of(m.submit_package(parent, make_v3(3, {out(1), out(9)}, 5'000, 100))) ==
          RejectReason::package_not_child_with_parent);
}

TEST_CASE("package: package RBF replaces a cluster of two by the diagram (package_rbf.py)",
          "[unit]") {
    for (const auto& opts : {MempoolOptions::core_v28(), MempoolOptions::core_v31()}) {
        Mempool m(opts);
        REQUIRE(m.submit(make_v3(1, {coin(1)}, 1'000, 500)).accepted());  // 2 sat/vB
        REQUIRE(m.submit(make_v3(2, {out(1)}, 1'000, 500)).accepted());
        const auto parent = make_v3(3, {coin(1)}, 0, 200);   // conflicts with tx 1
        const auto weak = make_v3(4, {out(3)}, 2'030, 200);  // extra 30 < 400 vB x 0.1 or 1
        CHECK(reason_of(m.submit_package(parent, weak)) ==
              RejectReason::replacement_insufficient_relay);
        const auto strong = make_v3(5, {out(3)}, 5'000, 200);
        const auto r = m.submit_package(parent, strong);
        CHECK(r.accepted());
        CHECK(r.replaced.size() == 2);
        // A conflict in a cluster of three is beyond package RBF.
        REQUIRE(m.submit(make_tx(10, {coin(10)}, 1'000, 100, 3)).accepted());
        REQUIRE(m.submit(make_tx(11, {out(10, 0)}, 1'000, 100)).accepted());
        REQUIRE(m.submit(make_tx(12, {out(10, 1)}, 1'000, 100)).accepted());
        const auto p2 = make_v3(13, {coin(10)}, 0, 100);
        CHECK(reason_of(m.submit_package(p2, make_v3(14, {out(13)}, 50'000, 100))) ==
              RejectReason::package_rbf_cluster_too_large);
    }
}

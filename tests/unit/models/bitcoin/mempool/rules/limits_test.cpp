// Conformance: topology limits. Pre-cluster cases after Core v28 test/functional/
// mempool_packages.py (DEFAULT_ANCESTOR_LIMIT = DEFAULT_DESCENDANT_LIMIT = 25) and
// mempool_package_onemore.py (the CPFP carve-out: one more descendant of at most 10 kvB with a
// single unconfirmed ancestor); cluster cases after Core v31 mempool_cluster.py
// (DEFAULT_CLUSTER_LIMIT = 64, DEFAULT_CLUSTER_SIZE_LIMIT_KVB = 101).
#include <catch2/catch.hpp>

#include "models/bitcoin/mempool/mempool.hpp"
#include "tests/unit/models/bitcoin/mempool/tx_builder.hpp"

using namespace models::bitcoin;
using namespace models::bitcoin::mempool;
using namespace mempool_test;

namespace {
/// A chain of `n` transactions from a confirmed coin, ids first..first+n-1; each has 2 outputs.
void chain(Mempool& m, TxId first, int n, std::int64_t vsize = 100) {
    REQUIRE(m.submit(make_tx(first, {coin(first)}, 10 * vsize, vsize)).accepted());
    for (TxId id = first + 1; id < first + static_cast<TxId>(n); ++id)
        REQUIRE(m.submit(make_tx(id, {out(id - 1)}, 10 * vsize, vsize)).accepted());
}
}  // namespace

TEST_CASE("limits: 25 ancestors off a confirmed tx, the 26th fails (mempool_packages.py)",
          "[unit]") {
    Mempool m;
    chain(m, 1, 25);
    CHECK(reason_of(m.submit(make_tx(26, {out(25)}, 1'000, 100))) ==
          RejectReason::too_many_ancestors);
}

TEST_CASE("limits: 25 descendants, the 26th fails (mempool_packages.py)", "[unit]") {
    Mempool m;
    REQUIRE(m.submit(make_tx(1, {coin(1)}, 1'000, 100, 30)).accepted());
    for (std::uint32_t i = 0; i < 24; ++i)
        REQUIRE(m.submit(make_tx(10 + i, {out(1, i)}, 1'000, 100)).accepted());
    // A 25th child of tx 1 has one unconfirmed ancestor: that is the carve-out, tested below; a
    // grandchild has two ancestors and meets the descendant limit of tx 1.
    CHECK(reason_of(m.submit(make_tx(50, {out(10)}, 1'000, 100))) ==
          RejectReason::too_many_descendants);
}

TEST_CASE("limits: ancestor size 101 kvB (mempool_packages.py size limits)", "[unit]") {
    Mempool m;
    REQUIRE(m.submit(make_tx(1, {coin(1)}, 60'000, 60'000)).accepted());
    CHECK(reason_of(m.submit(make_tx(2, {out(1)}, 41'001, 41'001))) == RejectReason::ancestor_size);
    CHECK(m.submit(make_tx(3, {out(1)}, 41'000, 41'000)).accepted());
}

TEST_CASE("limits: CPFP carve-out allows one more small child (mempool_package_onemore.py)",
          "[unit]") {
    Mempool m;
    REQUIRE(m.submit(make_tx(1, {coin(1)}, 1'000, 100, 3)).accepted());  // the shared commitment
    for (TxId id = 2; id <= 25; ++id)  // attacker fills the descendant limit of tx 1: 25 in all
        REQUIRE(m.submit(make_tx(id, {id == 2 ? out(1, 0) : out(id - 1)}, 1'000, 100)).accepted());
    CHECK(reason_of(m.submit(make_tx(40, {out(1, 1)}, 20'000, 10'001))) ==
          RejectReason::too_many_descendants);                             // above 10 kvB
    CHECK(m.submit(make_tx(41, {out(1, 1)}, 10'000, 10'000)).accepted());  // the carve-out
    CHECK(reason_of(m.submit(make_tx(42, {out(1, 2)}, 1'000, 100))) ==
          RejectReason::too_many_descendants);  // only one extra
    // Cluster rules (v31): no carve-out, but 26 transactions are well within the cluster limit.
    Mempool c(MempoolOptions::core_v31());
    REQUIRE(c.submit(make_tx(1, {coin(1)}, 1'000, 100, 3)).accepted());
    for (TxId id = 2; id <= 25; ++id)
        REQUIRE(c.submit(make_tx(id, {id == 2 ? out(1, 0) : out(id - 1)}, 1'000, 100)).accepted());
    CHECK(c.submit(make_tx(41, {out(1, 1)}, 1'000, 100)).accepted());
}

TEST_CASE("limits: cluster count 64 (mempool_cluster.py add_chain_cluster)", "[unit]") {
    Mempool m(MempoolOptions::core_v31());
    chain(m, 1, 64);
    CHECK(reason_of(m.submit(make_tx(65, {out(64)}, 1'000, 100))) == RejectReason::cluster_count);
    // Joining two clusters counts both: a tx spending tx 64 and a separate singleton.
    REQUIRE(m.submit(make_tx(100, {coin(100)}, 1'000, 100)).accepted());
    CHECK(reason_of(m.submit(make_tx(101, {out(100), out(64, 1)}, 1'000, 100))) ==
          RejectReason::cluster_count);
}

TEST_CASE("limits: cluster size 101 kvB (mempool_cluster.py)", "[unit]") {
    Mempool m(MempoolOptions::core_v31());
    REQUIRE(m.submit(make_tx(1, {coin(1)}, 60'000, 60'000)).accepted());
    CHECK(reason_of(m.submit(make_tx(2, {out(1)}, 41'001, 41'001))) == RejectReason::cluster_size);
    CHECK(m.submit(make_tx(3, {out(1)}, 41'000, 41'000)).accepted());
}

// Mempool: BIP125 replacement, CPFP package scores, timelocks and the block weight limit.
#include <catch2/catch.hpp>

#include "models/bitcoin/mempool.hpp"

using namespace models::bitcoin;

namespace {
Transaction tx(TxId id, std::int64_t fee, std::int64_t weight) {
    Transaction t;
    t.id = id;
    t.fee_sat = fee;
    t.weight_wu = weight;
    return t;
}
}  // namespace

TEST_CASE("mempool: replacement needs higher fees plus its own relay (BIP125 rules 3-4)", "[unit]") {
    Mempool m(1.0);
    auto a = tx(1, 1000, 800);  // 200 vB at 5 sat/vB
    a.conflict_key = 77;
    REQUIRE(m.add(a));
    auto low = tx(2, 1150, 800);  // pays more but not +200 sat of relay
    low.conflict_key = 77;
    CHECK(!m.add(low));
    auto good = tx(3, 1200, 800);
    good.conflict_key = 77;
    CHECK(m.add(good));
    CHECK(!m.contains(1));
    CHECK(m.contains(3));
}

TEST_CASE("mempool: a child pays for its parent through the ancestor package", "[unit]") {
    Mempool m;
    m.add(tx(1, 400, 800));    // parent: 2 sat/vB
    auto child = tx(2, 9600, 800);  // child: 48 sat/vB; package 25 sat/vB
    child.parents = {1};
    m.add(child);
    m.add(tx(3, 4000, 800));   // 20 sat/vB alone
    CHECK(m.package_fee_rate(2) == Approx(25.0));
    const auto t = m.build_template(1, 4'000'000);
    REQUIRE(t.size() == 3);
    CHECK(t[0] == 1);  // the parent comes first, pulled by its child
    CHECK(t[1] == 2);
    CHECK(t[2] == 3);
    const auto small = m.build_template(1, 1600);  // room for one package of two
    CHECK(small == std::vector<TxId>{1, 2});
    CHECK(m.build_template(1, 4'000'000, {2}) == std::vector<TxId>{3, 1});
}

TEST_CASE("mempool: CLTV and CSV timelocks gate inclusion", "[unit]") {
    Mempool m;
    auto cltv = tx(1, 1000, 400);
    cltv.cltv_height = 100;
    auto csv = tx(2, 1000, 400);
    csv.confirmed_parent_height = 50;
    csv.csv_blocks = 144;
    m.add(cltv);
    m.add(csv);
    CHECK(m.build_template(99, 4'000'000).empty());
    CHECK(m.build_template(100, 4'000'000) == std::vector<TxId>{1});
    CHECK(m.build_template(194, 4'000'000).size() == 2);
    m.confirm({1, 2});
    CHECK(m.size() == 0);
}

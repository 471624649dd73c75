// Linearization, chunking and diagram comparison on hand-checked cases (the objects of Core v31's
// cluster mempool, util/feefrac.h and cluster_linearize.h).
#include "models/bitcoin/mempool/feerate_diagram.hpp"

#include <catch2/catch.hpp>

using namespace models::bitcoin::mempool;

TEST_CASE("feerate diagram: a child paying for its parent forms one chunk", "[unit]") {
    // Parent 1 sat/vB (100 vB), child 19 sat/vB (100 vB), and an unrelated 5 sat/vB tx.
    const std::vector<LinearNode> nodes{{{100, 100}, {}}, {{1'900, 100}, {0}}, {{500, 100}, {}}};
    const auto chunks = linearize(nodes);
    REQUIRE(chunks.size() == 2);
    CHECK(chunks[0].members == std::vector<std::uint32_t>{0, 1});  // parent first
    CHECK(chunks[0].total.fee_sat == 2'000);
    CHECK(chunks[1].members == std::vector<std::uint32_t>{2});
    const auto d = diagram_of(chunks);
    CHECK(d.back().fee_sat == 2'500);
    CHECK(d.back().vsize_vb == 300);
}

TEST_CASE("feerate diagram: strictly better means nowhere below and somewhere above", "[unit]") {
    const std::vector<FeeFrac> base{{1'000, 100}, {2'000, 300}};
    CHECK(!strictly_better(base, base));                         // equal: not better
    CHECK(strictly_better({{1'000, 100}, {2'100, 300}}, base));  // more at the end
    CHECK(!strictly_better({{500, 50}, {2'500, 400}}, base));    // 500 at 50 vs 500: equal,
                                                                 // then below at 100
    CHECK(strictly_better({{1'200, 100}}, base) == false);       // flat 1,200 < 2,000 at 300
    CHECK(strictly_better({{2'100, 100}}, base));                // above everywhere
    CHECK(compare_rate({10, 1}, {20, 2}) == std::strong_ordering::equal);
}

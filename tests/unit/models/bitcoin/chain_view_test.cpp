// Chain selection: most work wins, first seen wins ties, reorg depth is recorded.
#include <catch2/catch.hpp>

#include "models/bitcoin/chain_view.hpp"

using namespace models::bitcoin;

TEST_CASE("chain view: longest chain wins, first seen wins ties, reorg depth recorded", "[unit]") {
    BlockStore s;
    ChainView v(s);
    const auto a1 = s.add(genesis_block, 0, 1, false, false);
    const auto a2 = s.add(a1, 0, 2, false, true);
    CHECK(v.consider(a1));
    CHECK(v.consider(a2));
    const auto b1 = s.add(genesis_block, 1, 3, true, false);
    const auto b2 = s.add(b1, 1, 4, true, false);
    CHECK(!v.consider(b2));  // equal height: keep the first seen
    CHECK(v.tip() == a2);
    CHECK(v.rival() == b2);
    CHECK(v.confirmations(a1) == 2);
    const auto b3 = s.add(b2, 1, 5, true, false);
    CHECK(v.consider(b3));
    CHECK(v.max_reorg_depth() == 2);
    CHECK(v.confirmations(a1) == 0);
    CHECK(s.common_ancestor(a2, b3) == genesis_block);
    CHECK(s[a2].tx_in_chain);
    CHECK(!s[b3].tx_in_chain);
    const auto main = s.main_chain(b3);
    CHECK(main[b1]);
    CHECK(!main[a1]);
}

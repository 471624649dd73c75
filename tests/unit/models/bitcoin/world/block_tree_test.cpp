// The block tree's skip pointers and fork points against a parent-by-parent walk, on a tree with
// long branches (a private race's shape) and many short forks.
#include <catch2/catch.hpp>

#include <vector>

#include "models/bitcoin/world/block_tree.hpp"

namespace {

using models::bitcoin::BlockIndex;
using models::bitcoin::BlockTree;
using models::bitcoin::Height;
using models::bitcoin::TreeBlock;

BlockIndex naive_ancestor(const BlockTree& t, BlockIndex b, Height h) {
    while (t[b].height > h) b = t[b].parent;
    return b;
}

BlockIndex naive_fork(const BlockTree& t, BlockIndex a, BlockIndex b) {
    while (a != b) (t[a].height >= t[b].height ? a : b) = t[t[a].height >= t[b].height ? a : b].parent;
    return a;
}

BlockIndex add(BlockTree& t, BlockIndex parent, bool with_contents) {
    TreeBlock b;
    b.parent = parent;
    b.height = t[parent].height + 1;
    b.kept = true;
    if (with_contents) b.txs.emplace_back();
    return t.add(std::move(b));
}

}  // namespace

TEST_CASE("block tree: skip-pointer ancestors and fork points equal a parent walk", "[world]") {
    BlockTree t;
    t.at(0).height = 700;  // a run that starts late (World::start_at_height)
    // Two branches 3000 deep from one fork point, plus short forks every 37 blocks; every 101st
    // block has contents.
    std::vector<BlockIndex> all{0};
    BlockIndex a = add(t, 0, false), b = a;
    for (int i = 0; i < 3000; ++i) {
        a = add(t, a, i % 101 == 0);
        b = add(t, b, i % 101 == 50);
        all.push_back(a);
        all.push_back(b);
        if (i % 37 == 0) all.push_back(add(t, a, false));
    }
    for (std::size_t i = 0; i < all.size(); i += 13)
        for (std::size_t j = 1; j < all.size(); j += 97) {
            CHECK(t.fork_point(all[i], all[j]) == naive_fork(t, all[i], all[j]));
            const Height h = t[all[i]].height - (t[all[i]].height - 700) * (j % 7) / 7;
            CHECK(t.ancestor_at(all[i], h) == naive_ancestor(t, all[i], h));
        }
    // contents_tip: the nearest ancestor-or-self with contents.
    for (BlockIndex x : all) {
        BlockIndex w = x;
        while (w != 0 && t[w].empty()) w = t[w].parent;
        CHECK(t[x].contents_tip == w);
    }
}

// Every block the world's pools found, on every branch, with what it takes to connect it again
// or disconnect it when the chain reorganises: the transactions it confirmed (they return to the
// mempool when it leaves the chain) and the coins its modelled transactions spent (undo data, as
// Bitcoin Core's rev*.dat keeps for DisconnectBlock). Index 0 is the block the run starts on.
// A reorg deep in a long race (a private chain thousands of blocks long) must not walk the chain
// block by block each time the state moves between branches: every block keeps a skip pointer to
// an ancestor (the scheme of Bitcoin Core's CBlockIndex::pskip, chain.cpp GetSkipHeight), so an
// ancestor at a height and the fork point of two branches take O(log n) and O(log^2 n) steps,
// and a pointer to its nearest ancestor-or-self with contents, so a run of empty blocks is
// crossed in one step (World::move_state_to).
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "models/bitcoin/tx/transaction.hpp"
#include "models/bitcoin/tx/utxo_set.hpp"

namespace models::bitcoin {

using BlockIndex = std::uint32_t;
inline constexpr BlockIndex start_block = 0;
inline constexpr BlockIndex no_block_index = UINT32_MAX;

struct TreeBlock {
    BlockIndex parent = no_block_index;
    Height height = 0;
    std::size_t pool = 0;
    double time_s = 0.0;
    bool published = true;
    Sat fees;
    Weight weight;
    /// Contents, kept only while forks are possible (a linear chain never disconnects a block).
    bool kept = false;
    std::vector<Transaction> txs;                  ///< every transaction it confirmed, block order
    std::vector<Transaction> modelled;             ///< the non-background ones, block order
    std::vector<std::pair<Outpoint, Coin>> spent;  ///< coins the modelled ones spent, in order
    std::vector<TxId> modelled_ids;                ///< ids of the modelled ones (kept or not)
    // --- set by BlockTree::add
    BlockIndex skip = no_block_index;          ///< an ancestor further down (Bitcoin Core's pskip)
    BlockIndex contents_tip = no_block_index;  ///< nearest ancestor-or-self that has contents, or the root

    /// Connecting or disconnecting it changes no coin, mempool entry or confirmation: it was kept
    /// and confirmed nothing (a block whose contents were not kept never counts as empty).
    bool empty() const { return kept && txs.empty() && modelled.empty() && spent.empty(); }
};

class BlockTree {
public:
    BlockTree() {
        blocks_.push_back(TreeBlock{});
        blocks_[0].contents_tip = start_block;
    }

    BlockIndex add(TreeBlock block) {
        const auto index = static_cast<BlockIndex>(blocks_.size());
        const Height above_root = block.height - blocks_[start_block].height;
        block.skip = block.parent == no_block_index ? no_block_index
                                                    : ancestor_at(block.parent, blocks_[start_block].height + skip_height(above_root));
        block.contents_tip = block.empty() ? blocks_.at(block.parent).contents_tip : index;
        blocks_.push_back(std::move(block));
        return index;
    }
    const TreeBlock& operator[](BlockIndex i) const { return blocks_.at(i); }
    TreeBlock& at(BlockIndex i) { return blocks_.at(i); }
    std::size_t size() const { return blocks_.size(); }

    /// The ancestor of `b` at height `h` (h <= height of b): along skip pointers while they do
    /// not overshoot, else one parent.
    BlockIndex ancestor_at(BlockIndex b, Height h) const {
        while (blocks_.at(b).height > h) {
            const BlockIndex s = blocks_[b].skip;
            b = s != no_block_index && blocks_[s].height >= h ? s : blocks_[b].parent;
        }
        return b;
    }
    /// The last block two branches share: a few parent steps (most forks are shallow), then a
    /// binary search over heights (ancestors at a height agree below the fork and differ above it).
    BlockIndex fork_point(BlockIndex a, BlockIndex b) const {
        const Height h = std::min(blocks_.at(a).height, blocks_.at(b).height);
        a = ancestor_at(a, h);
        b = ancestor_at(b, h);
        for (int step = 0; step < 8; ++step) {
            if (a == b) return a;
            a = blocks_[a].parent;
            b = blocks_[b].parent;
        }
        if (a == b) return a;
        Height agree = blocks_[start_block].height, differ = blocks_[a].height;
        while (differ - agree > 1) {
            const Height mid = agree + (differ - agree) / 2;
            (ancestor_at(a, mid) == ancestor_at(b, mid) ? agree : differ) = mid;
        }
        return ancestor_at(a, agree);
    }
    /// The blocks after `ancestor` up to `b`, oldest first.
    std::vector<BlockIndex> path_from(BlockIndex ancestor, BlockIndex b) const {
        std::vector<BlockIndex> out;
        for (; b != ancestor; b = blocks_.at(b).parent) out.push_back(b);
        return {out.rbegin(), out.rend()};
    }

private:
    /// Height (above the root) a block's skip pointer reaches: Bitcoin Core's GetSkipHeight
    /// (chain.cpp), clearing the lowest set bit of the height, twice for odd heights, so any
    /// ancestor is reached in O(log n) jumps.
    static Height skip_height(Height h) {
        if (h < 2) return 0;
        const auto clear_lowest = [](Height x) { return x & (x - 1); };
        return (h & 1) != 0 ? clear_lowest(clear_lowest(h - 1)) + 1 : clear_lowest(h);
    }

    std::vector<TreeBlock> blocks_;
};

}  // namespace models::bitcoin

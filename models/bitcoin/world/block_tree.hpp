// Every block the world's pools found, on every branch, with what it takes to connect it again
// or disconnect it when the chain reorganises: the transactions it confirmed (they return to the
// mempool when it leaves the chain) and the coins its modelled transactions spent (undo data, as
// Bitcoin Core's rev*.dat keeps for DisconnectBlock). Index 0 is the block the run starts on.
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
};

class BlockTree {
public:
    BlockTree() { blocks_.push_back(TreeBlock{}); }

    BlockIndex add(TreeBlock block) {
        blocks_.push_back(std::move(block));
        return static_cast<BlockIndex>(blocks_.size() - 1);
    }
    const TreeBlock& operator[](BlockIndex i) const { return blocks_.at(i); }
    TreeBlock& at(BlockIndex i) { return blocks_.at(i); }
    std::size_t size() const { return blocks_.size(); }

    /// The ancestor of `b` at height `h` (h <= height of b).
    BlockIndex ancestor_at(BlockIndex b, Height h) const {
        while (blocks_.at(b).height > h) b = blocks_[b].parent;
        return b;
    }
    /// The last block two branches share.
    BlockIndex fork_point(BlockIndex a, BlockIndex b) const {
        const Height h = std::min(blocks_.at(a).height, blocks_.at(b).height);
        a = ancestor_at(a, h);
        b = ancestor_at(b, h);
        while (a != b) {
            a = blocks_[a].parent;
            b = blocks_[b].parent;
        }
        return a;
    }
    /// The blocks after `ancestor` up to `b`, oldest first.
    std::vector<BlockIndex> path_from(BlockIndex ancestor, BlockIndex b) const {
        std::vector<BlockIndex> out;
        for (; b != ancestor; b = blocks_.at(b).parent) out.push_back(b);
        return {out.rbegin(), out.rend()};
    }

private:
    std::vector<TreeBlock> blocks_;
};

}  // namespace models::bitcoin

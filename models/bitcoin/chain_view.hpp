// One node's view of the block tree: its best tip by most work (equal difficulty: greatest
// height), ties kept first-seen (Bitcoin Core's rule), plus the rival seen at equal height,
// which the selfish-mining tie parameter gamma needs. Records the deepest reorg.
#pragma once

#include "models/bitcoin/block_store.hpp"

namespace models::bitcoin {

class ChainView {
public:
    explicit ChainView(const BlockStore& store) : store_(&store) {}

    BlockId tip() const { return tip_; }
    std::uint32_t height() const { return (*store_)[tip_].height; }
    /// A block of equal height seen after the tip, or no_block.
    BlockId rival() const { return rival_; }

    /// Considers a newly known block; returns true if the view switched to it.
    bool consider(BlockId block);
    /// Confirmations of `block` in this view: tip height - height + 1 if on the best chain, else 0.
    std::uint32_t confirmations(BlockId block) const;
    std::uint32_t max_reorg_depth() const { return max_reorg_depth_; }
    std::uint32_t reorgs() const { return reorgs_; }

private:
    const BlockStore* store_;
    BlockId tip_ = genesis_block;
    BlockId rival_ = no_block;
    std::uint32_t max_reorg_depth_ = 0;
    std::uint32_t reorgs_ = 0;
};

}  // namespace models::bitcoin

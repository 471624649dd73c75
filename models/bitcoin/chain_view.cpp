// Chain selection: most work wins; first seen wins ties (Bitcoin Core, validation.cpp
// CChainState::ActivateBestChain with nSequenceId ordering).
#include "models/bitcoin/chain_view.hpp"

namespace models::bitcoin {

bool ChainView::consider(BlockId block) {
    const BlockStore& s = *store_;
    const auto h = s[block].height;
    if (h < height()) return false;
    if (h == height()) {
        if (block != tip_) rival_ = block;
        return false;
    }
    if (s[block].parent != tip_ && !s.is_ancestor(tip_, block)) {
        const auto fork = s.common_ancestor(tip_, block);
        const auto depth = height() - s[fork].height;
        if (depth > max_reorg_depth_) max_reorg_depth_ = depth;
        ++reorgs_;
    }
    tip_ = block;
    rival_ = no_block;
    return true;
}

std::uint32_t ChainView::confirmations(BlockId block) const {
    if (!store_->is_ancestor(block, tip_)) return 0;
    return height() - (*store_)[block].height + 1;
}

}  // namespace models::bitcoin

// Block tree operations: walks along parent links, bounded by the heights involved.
#include "models/bitcoin/block_store.hpp"

namespace models::bitcoin {

BlockStore::BlockStore() { blocks_.push_back(Block{no_block, 0, 0, 0.0, false, false, false}); }

BlockId BlockStore::add(BlockId parent, std::uint32_t miner, double time_s, bool by_attacker, bool has_tx) {
    const Block& p = blocks_[parent];
    blocks_.push_back(Block{parent, p.height + 1, miner, time_s, by_attacker, has_tx, has_tx || p.tx_in_chain});
    return static_cast<BlockId>(blocks_.size() - 1);
}

BlockId BlockStore::ancestor_at(BlockId id, std::uint32_t height) const {
    while (blocks_[id].height > height) id = blocks_[id].parent;
    return id;
}

BlockId BlockStore::common_ancestor(BlockId a, BlockId b) const {
    const auto h = std::min(blocks_[a].height, blocks_[b].height);
    a = ancestor_at(a, h);
    b = ancestor_at(b, h);
    while (a != b) {
        a = blocks_[a].parent;
        b = blocks_[b].parent;
    }
    return a;
}

bool BlockStore::is_ancestor(BlockId maybe_ancestor, BlockId of) const {
    if (blocks_[maybe_ancestor].height > blocks_[of].height) return false;
    return ancestor_at(of, blocks_[maybe_ancestor].height) == maybe_ancestor;
}

std::vector<bool> BlockStore::main_chain(BlockId tip) const {
    std::vector<bool> on(blocks_.size(), false);
    for (BlockId b = tip; b != no_block; b = blocks_[b].parent) on[b] = true;
    return on;
}

}  // namespace models::bitcoin

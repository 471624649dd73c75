// One shared block store per run: every block any node or attacker ever mined, as a tree of
// parent links. Nodes and attackers hold views (tips) into it; nobody copies blocks.
#pragma once

#include <cstdint>
#include <vector>

namespace models::bitcoin {

using BlockId = std::uint32_t;
inline constexpr BlockId genesis_block = 0;
inline constexpr BlockId no_block = UINT32_MAX;

struct Block {
    BlockId parent;
    std::uint32_t height;
    std::uint32_t miner;   ///< node or pool index; attacker's blocks are flagged below
    double time_s;
    bool by_attacker;
    bool has_tx;           ///< includes the transaction of interest (payment, censored tx)
    bool tx_in_chain;      ///< this block or an ancestor includes it
};

class BlockStore {
public:
    BlockStore();
    BlockId add(BlockId parent, std::uint32_t miner, double time_s, bool by_attacker, bool has_tx);
    const Block& operator[](BlockId id) const { return blocks_[id]; }
    std::size_t size() const { return blocks_.size(); }
    void reserve(std::size_t n) { blocks_.reserve(n); }

    /// The ancestor of `id` at `height` (id itself if equal). Precondition: height <= id's height.
    BlockId ancestor_at(BlockId id, std::uint32_t height) const;
    /// The last common block of two chains.
    BlockId common_ancestor(BlockId a, BlockId b) const;
    bool is_ancestor(BlockId maybe_ancestor, BlockId of) const;
    /// Marks the chain from `tip` back to genesis; the result is indexed by BlockId.
    std::vector<bool> main_chain(BlockId tip) const;

private:
    std::vector<Block> blocks_;
};

}  // namespace models::bitcoin

// An Ark round's exit tree as data ([tree.<name>] in a design file, read by exit_tree_reader.hpp):
// the round's shared output fans out through a radix-`arity` tree of presigned transactions to
// one leaf VTXO per user (Second's bark builds radix-4 trees, arkd binary ones; sources in
// designs/ark_exit_tree*.toml). A user's unilateral exit broadcasts its branch from the root down,
// each transaction once its parent confirmed (docs.second.tech "Unilateral exits": "each
// transaction in this sequence must confirm before the next can be broadcast"), skipping nodes
// another user already got confirmed, then its leaf claim once the leaf output is
// `exit_delay_blocks` deep (the VTXO's exit CSV). Everything must confirm before the round
// expires, `lifetime_blocks` after the round confirmed: from then on the server may sweep.
// expand() turns the numbers into the graph: which node transactions exist, who hangs below each,
// and which branch belongs to which user.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/params/input_error.hpp"

namespace models::layer2::design {

/// The keys of [tree.<name>].
struct ExitTreeSpec {
    std::string name;
    std::uint32_t arity = 4;              ///< children per tree transaction
    std::uint32_t users = 64;             ///< leaves (one VTXO per user)
    std::int64_t node_vbytes = 0;         ///< one tree transaction with its fee-paying anchor spend
    std::int64_t leaf_vbytes = 0;         ///< the user's claim of its leaf after the exit delay
    std::uint32_t lifetime_blocks = 0;    ///< round confirmation -> server may sweep
    std::uint32_t exit_delay_blocks = 0;  ///< CSV on the leaf VTXO output
    double vtxo_value_btc = 0.0;          ///< value of one user's VTXO
    sim::SourcePos pos;
};

/// One presigned tree transaction: it spends output `slot` of `parent` (-1: the round output)
/// and creates one output per child node, or one leaf output per user when `leaf_users` > 0.
struct TreeNode {
    int parent = -1;
    std::uint32_t slot = 0;
    std::uint32_t level = 0;       ///< 0: the root
    std::uint32_t first_user = 0;  ///< users [first_user, first_user + users_below) hang below
    std::uint32_t users_below = 0;
    std::vector<std::uint32_t> children;  ///< node indices; empty for a node of leaf outputs
};

struct ExitTree {
    ExitTreeSpec spec;
    std::vector<TreeNode> nodes;           ///< parents before children; nodes[0] is the root
    std::vector<std::uint32_t> leaf_node;  ///< per user: the node whose output is its VTXO

    std::uint32_t depth() const;  ///< tree transactions on one user's branch
    /// The user's branch, root first.
    std::vector<std::uint32_t> branch(std::uint32_t user) const;
    /// Output index of the user's VTXO in its leaf node.
    std::uint32_t leaf_slot(std::uint32_t user) const {
        return user - nodes[leaf_node[user]].first_user;
    }
    /// vbytes every exit together puts on chain, per user: all tree transactions once and one
    /// claim per user.
    double exit_vbytes_per_user() const;
};

/// Splits the users into `arity` contiguous groups per level until a group fits in one node's
/// outputs (64 users at radix 4: 1 + 4 + 16 = 21 tree transactions, as bark's Tree::new).
ExitTree expand(const ExitTreeSpec& spec);

}  // namespace models::layer2::design

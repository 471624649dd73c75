// See exit_tree.hpp.
#include "models/layer2/design/exit_tree.hpp"

#include <algorithm>

namespace models::layer2::design {

namespace {

void grow(ExitTree& t, int parent, std::uint32_t slot, std::uint32_t level, std::uint32_t first,
          std::uint32_t count) {
    const auto self = static_cast<std::uint32_t>(t.nodes.size());
    t.nodes.push_back(TreeNode{parent, slot, level, first, count, {}});
    if (parent >= 0) t.nodes[static_cast<std::size_t>(parent)].children.push_back(self);
    const std::uint32_t arity = t.spec.arity;
    if (count <= arity) {
        for (std::uint32_t u = first; u < first + count; ++u) t.leaf_node[u] = self;
        return;
    }
    // Each child takes an equal share (the last ones one fewer when it does not divide), as many
    // per child as keeps the subtree's depth minimal.
    std::uint32_t per_child = 1;
    while (per_child * arity < count) per_child *= arity;
    std::uint32_t at = first;
    for (std::uint32_t c = 0; c < arity && at < first + count; ++c) {
        const std::uint32_t n = std::min(per_child, first + count - at);
        grow(t, static_cast<int>(self), c, level + 1, at, n);
        at += n;
    }
}

}  // namespace

ExitTree expand(const ExitTreeSpec& spec) {
    ExitTree t;
    t.spec = spec;
    t.leaf_node.assign(spec.users, 0);
    grow(t, -1, 0, 0, 0, spec.users);
    // Breadth-first order would also do; depth-first keeps parents before children, which is
    // all the agents rely on.
    return t;
}

std::uint32_t ExitTree::depth() const {
    std::uint32_t d = 0;
    for (const TreeNode& n : nodes) d = std::max(d, n.level + 1);
    return d;
}

std::vector<std::uint32_t> ExitTree::branch(std::uint32_t user) const {
    std::vector<std::uint32_t> out;
    for (int n = static_cast<int>(leaf_node.at(user)); n >= 0;
         n = nodes[static_cast<std::size_t>(n)].parent)
        out.push_back(static_cast<std::uint32_t>(n));
    std::reverse(out.begin(), out.end());
    return out;
}

double ExitTree::exit_vbytes_per_user() const {
    return (static_cast<double>(nodes.size()) * static_cast<double>(spec.node_vbytes) +
            static_cast<double>(spec.users) * static_cast<double>(spec.leaf_vbytes)) /
           static_cast<double>(spec.users);
}

}  // namespace models::layer2::design

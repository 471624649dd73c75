// See exit_tree_reader.hpp.
#include "models/layer2/design/exit_tree_reader.hpp"

#include <cmath>
#include <set>
#include <sstream>

#include "models/layer2/design/key_place.hpp"

namespace models::layer2::design {

namespace {

const std::set<std::string> tree_keys{"arity",         "users",           "node_vbytes",
                                      "leaf_vbytes",   "lifetime_blocks", "exit_delay_blocks",
                                      "vtxo_value_btc"};

const toml::node& required(const toml::table& t, const std::string& k, const KeyPlace& w) {
    const toml::node* n = t.get(k);
    if (n == nullptr) w.fail(t, "missing key '" + k + "'");
    return *n;
}

std::int64_t whole(const toml::table& t, const std::string& k, const KeyPlace& w, std::int64_t lo,
                   std::int64_t hi) {
    const toml::node& n = required(t, k, w);
    auto i = n.as_integer();
    if (!i) w.sub(k).fail(n, "expected an integer");
    if (i->get() < lo || i->get() > hi)
        w.sub(k).fail(n, "value " + std::to_string(i->get()) + " out of range [" +
                             std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return i->get();
}

double real(const toml::table& t, const std::string& k, const KeyPlace& w, double lo, double hi) {
    const toml::node& n = required(t, k, w);
    double x = 0.0;
    if (auto i = n.as_integer())
        x = static_cast<double>(i->get());
    else if (auto d = n.as_floating_point())
        x = d->get();
    else
        w.sub(k).fail(n, "expected a number");
    if (!std::isfinite(x) || x < lo || x > hi) {
        std::ostringstream s;
        s << "value " << x << " out of range [" << lo << ", " << hi << "]";
        w.sub(k).fail(n, s.str());
    }
    return x;
}

ExitTree read_tree(const std::string& name, const toml::node& node, const KeyPlace& w) {
    const toml::table* t = node.as_table();
    if (t == nullptr) w.fail(node, "expected a table");
    for (const auto& [k, v] : *t) {
        if (tree_keys.contains(std::string(k.str()))) continue;
        std::string list;
        for (const auto& a : tree_keys) list += (list.empty() ? "" : ", ") + a;
        const auto& b = k.source().begin;
        throw sim::InputError(
            sim::SourcePos{w.file, static_cast<int>(b.line), static_cast<int>(b.column)},
            w.sub(std::string(k.str())).key, "unknown key (allowed here: " + list + ")");
    }
    ExitTreeSpec s;
    s.name = name;
    s.pos = w.at(node);
    s.arity = static_cast<std::uint32_t>(whole(*t, "arity", w, 2, 16));
    s.users = static_cast<std::uint32_t>(whole(*t, "users", w, 1, 1'000'000));
    // Standard transactions weigh at most 400,000 WU = 100,000 vB (MAX_STANDARD_TX_WEIGHT,
    // Bitcoin Core policy/policy.h).
    s.node_vbytes = whole(*t, "node_vbytes", w, 60, 100'000);
    s.leaf_vbytes = whole(*t, "leaf_vbytes", w, 60, 100'000);
    // BIP68 relative locks in blocks hold 16 bits.
    s.lifetime_blocks = static_cast<std::uint32_t>(whole(*t, "lifetime_blocks", w, 1, 65'535));
    s.exit_delay_blocks = static_cast<std::uint32_t>(whole(*t, "exit_delay_blocks", w, 0, 65'535));
    s.vtxo_value_btc = real(*t, "vtxo_value_btc", w, 1e-8, 21e6);
    ExitTree tree = expand(s);
    // The fastest exit: one tree level per block from the block after the round, then the
    // claim exit_delay_blocks after the leaf: it must land before the sweep opens.
    if (tree.depth() + s.exit_delay_blocks >= s.lifetime_blocks)
        w.sub("exit_delay_blocks")
            .fail(required(*t, "exit_delay_blocks", w),
                  "no user can exit: " + std::to_string(tree.depth()) +
                      " tree levels plus the exit delay do not fit before the round expires "
                      "(lifetime_blocks " +
                      std::to_string(s.lifetime_blocks) + ")");
    return tree;
}

}  // namespace

void read_exit_trees(const toml::table& doc, Design& d, const std::string& file) {
    const toml::node* n = doc.get("tree");
    if (n == nullptr) return;
    const KeyPlace w{file, "tree"};
    if (!n->is_table()) w.fail(*n, "expected [tree.<name>] tables");
    for (const auto& [k, v] : *n->as_table()) {
        const std::string name(k.str());
        d.trees.push_back(read_tree(name, v, w.sub(name)));
    }
}

const ExitTree* exit_tree(const Design& d, const std::string& name) {
    for (const ExitTree& t : d.trees)
        if (t.spec.name == name) return &t;
    return nullptr;
}

}  // namespace models::layer2::design

// The [tree.<name>] section: the design files' trees expand into bark's and arkd's shapes (node
// counts, depths, branches), and each key reaches the expanded tree. Bad trees are in
// tests/designs_bad/tree_*.toml (checked with the other bad designs, graph_reader_test.cpp).
#include "models/layer2/design/exit_tree_reader.hpp"

#include <catch2/catch.hpp>
#include <set>

#include "models/layer2/design/design_reader.hpp"

using namespace models::layer2::design;

TEST_CASE("exit tree: bark's radix-4 round of 64 users has 21 tree transactions, 3 deep",
          "[unit][design][tree]") {
    const auto d = read_design(std::string(L2SIM_SOURCE_DIR) + "/designs/ark_exit_tree.toml");
    const ExitTree* t = exit_tree(d, "round");
    REQUIRE(t != nullptr);
    CHECK(t->nodes.size() ==
          21);  // 1 + 4 + 16, as bark's Tree::nb_nodes_for_leaves less the leaves
    CHECK(t->depth() == 3);
    CHECK(t->spec.exit_delay_blocks == 144);
    CHECK(t->spec.lifetime_blocks == 4320);
    // Every user's branch starts at the root, goes one level per transaction, and ends at a node
    // whose output slot is its own; no two users share a leaf output.
    std::set<std::pair<std::uint32_t, std::uint32_t>> leaves;
    for (std::uint32_t u = 0; u < 64; ++u) {
        const auto b = t->branch(u);
        REQUIRE(b.size() == 3);
        CHECK(b.front() == 0);
        for (std::size_t i = 0; i < b.size(); ++i) CHECK(t->nodes[b[i]].level == i);
        CHECK(leaves.insert({b.back(), t->leaf_slot(u)}).second);
    }
    // All 64 exiting: 21 x 405 + 64 x 138 vB.
    CHECK(t->exit_vbytes_per_user() == Approx((21.0 * 405 + 64.0 * 138) / 64));
}

TEST_CASE("exit tree: arkd's binary batch of 64 users has 63 tree transactions, 6 deep",
          "[unit][design][tree]") {
    const auto d = read_design(std::string(L2SIM_SOURCE_DIR) + "/designs/ark_exit_tree_arkd.toml");
    const ExitTree* t = exit_tree(d, "batch");
    REQUIRE(t != nullptr);
    CHECK(t->nodes.size() == 63);
    CHECK(t->depth() == 6);
    CHECK(exit_tree(d, "round") == nullptr);
}

TEST_CASE("exit tree: uneven user counts keep every user on a branch of minimal depth",
          "[unit][design][tree]") {
    ExitTreeSpec s;
    s.arity = 4;
    s.users = 5;
    const ExitTree t = expand(s);
    CHECK(t.depth() == 2);
    CHECK(t.nodes.size() == 3);  // root, a node of 4 leaves, a node of 1
    s.users = 4;
    CHECK(expand(s).nodes.size() == 1);
    s.users = 17;
    CHECK(expand(s).depth() == 3);
}

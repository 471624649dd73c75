// Topology: generators produce graphs with the promised structure; paths use link latency.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "sim/params/input_error.hpp"
#include "sim/random/rng_stream.hpp"
#include "sim/topology/topology.hpp"

using namespace sim;

TEST_CASE("topology: random regular graphs are simple and d-regular", "[unit]") {
    RngStream rng(1, 0, 0);
    const auto edges = random_regular_edges(200, 8, rng);
    CHECK(edges.size() == 800);
    std::vector<int> degree(200, 0);
    std::set<std::pair<NodeId, NodeId>> seen;
    for (auto [a, b] : edges) {
        CHECK(a != b);
        CHECK(seen.insert({std::min(a, b), std::max(a, b)}).second);
        ++degree[a];
        ++degree[b];
    }
    for (int d : degree) CHECK(d == 8);
}

TEST_CASE("topology: Erdos-Renyi edge count matches n(n-1)p/2 (z = 5)", "[unit]") {
    RngStream rng(2, 0, 0);
    const double n = 2000, p = 0.01;
    const auto edges = erdos_renyi_edges(2000, p, rng);
    const double pairs = n * (n - 1) / 2;
    CHECK(std::abs(double(edges.size()) - pairs * p) < 5 * std::sqrt(pairs * p * (1 - p)));
    for (auto [a, b] : edges) CHECK(a < b);
}

TEST_CASE("topology: Barabasi-Albert adds m edges per node", "[unit]") {
    RngStream rng(3, 0, 0);
    const auto edges = barabasi_albert_edges(500, 3, rng);
    CHECK(edges.size() == 6 + 3 * (500 - 4));
    Topology t(500);
    for (auto [a, b] : edges) t.add_undirected(a, b, 0.01, 1e6);
    CHECK(t.connected());
}

TEST_CASE("topology: shortest-path latency follows the cheapest route", "[unit]") {
    Topology t(4);
    t.add_link(0, 1, 0.100, 1e6);
    t.add_link(1, 2, 0.100, 1e6);
    t.add_link(0, 2, 0.250, 1e6);
    const auto d = t.latency_from(0);
    CHECK(d[2] == Approx(0.2));
    CHECK(std::isinf(d[3]));
    CHECK(!t.connected());
    CHECK(t.links_from(0).size() == 2);
    CHECK(t.all_pairs_latency()[1][2] == Approx(0.1));
}

TEST_CASE("topology: edge-list files are read, and errors name line and column", "[unit]") {
    const auto dir = std::filesystem::temp_directory_path();
    const auto good = dir / "l2sim_edges_good.txt";
    std::ofstream(good) << "# from to latency_s bandwidth_bps\n0 1 0.05 1e7\n1 2\n";
    const auto links = read_edge_list(good, 0.1, 2e6);
    REQUIRE(links.size() == 2);
    CHECK(links[0].latency_s == Approx(0.05));
    CHECK(links[1].bandwidth_bps == Approx(2e6));
    const auto bad = dir / "l2sim_edges_bad.txt";
    std::ofstream(bad) << "0 1\n1 x\n";
    try {
        read_edge_list(bad, 0.1, 2e6);
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK(e.pos().line == 2);
        CHECK(e.pos().column == 3);
    }
}

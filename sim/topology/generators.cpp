// Random graph generators drawing only from engine streams, so a topology is a pure function of
// (seed, run, stream) like everything else. Boost's generators take Boost.Random engines, whose
// draws we could not pin, so these are our own.
#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "sim/random/distributions.hpp"
#include "sim/topology/topology.hpp"

namespace sim {

namespace {

/// One attempt of the pairing algorithm with local rejection (Steger and Wormald 1999): pick two
/// random free stubs, keep the pair unless it makes a loop or a multi-edge; give up when stuck.
bool try_pairing(std::size_t n, std::size_t degree, RngStream& rng, EdgeList& out) {
    std::vector<NodeId> stubs;
    stubs.reserve(n * degree);
    for (NodeId v = 0; v < n; ++v)
        for (std::size_t k = 0; k < degree; ++k) stubs.push_back(v);
    std::set<std::pair<NodeId, NodeId>> seen;
    out.clear();
    while (!stubs.empty()) {
        bool paired = false;
        for (std::size_t attempt = 0; attempt < 50 * stubs.size() && !paired; ++attempt) {
            const std::size_t i = random::uniform_index(rng, stubs.size());
            const std::size_t j = random::uniform_index(rng, stubs.size());
            NodeId a = stubs[i], b = stubs[j];
            if (a == b) continue;
            if (a > b) std::swap(a, b);
            if (!seen.insert({a, b}).second) continue;
            out.emplace_back(a, b);
            for (std::size_t k : {std::max(i, j), std::min(i, j)}) {
                stubs[k] = stubs.back();
                stubs.pop_back();
            }
            paired = true;
        }
        if (!paired) return false;
    }
    return true;
}

}  // namespace

EdgeList random_regular_edges(std::size_t n, std::size_t degree, RngStream& rng) {
    if (degree >= n || (n * degree) % 2 != 0)
        throw std::invalid_argument("random_regular: need degree < n and n*degree even");
    EdgeList edges;
    for (int attempt = 0; attempt < 10000; ++attempt)
        if (try_pairing(n, degree, rng, edges)) return edges;
    throw std::runtime_error("random_regular: no simple graph after 10000 attempts");
}

EdgeList erdos_renyi_edges(std::size_t n, double p, RngStream& rng) {
    EdgeList edges;
    if (p <= 0.0 || n < 2) return edges;
    // Enumerate pairs (v, w) with w < v in order, skipping geometric gaps of non-edges.
    long long v = 1, w = -1;
    const auto nn = static_cast<long long>(n);
    while (v < nn) {
        w += 1 + static_cast<long long>(random::geometric(rng, std::min(p, 1.0)));
        while (w >= v && v < nn) {
            w -= v;
            ++v;
        }
        if (v < nn) edges.emplace_back(static_cast<NodeId>(w), static_cast<NodeId>(v));
    }
    return edges;
}

EdgeList barabasi_albert_edges(std::size_t n, std::size_t m, RngStream& rng) {
    if (m == 0 || m >= n) throw std::invalid_argument("barabasi_albert: need 0 < m < n");
    EdgeList edges;
    std::vector<NodeId> endpoints;  // each node appears once per incident edge: degree-weighted
    for (NodeId a = 0; a <= m; ++a)
        for (NodeId b = a + 1; b <= m; ++b) {
            edges.emplace_back(a, b);
            endpoints.push_back(a);
            endpoints.push_back(b);
        }
    for (auto v = static_cast<NodeId>(m + 1); v < n; ++v) {
        std::vector<NodeId> targets;
        while (targets.size() < m) {
            const NodeId t = endpoints[random::uniform_index(rng, endpoints.size())];
            if (std::find(targets.begin(), targets.end(), t) == targets.end()) targets.push_back(t);
        }
        for (NodeId t : targets) {
            edges.emplace_back(t, v);
            endpoints.push_back(t);
            endpoints.push_back(v);
        }
    }
    return edges;
}

}  // namespace sim

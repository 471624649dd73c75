// A network of nodes with directed links carrying a latency and a bandwidth. Boost.Graph stores the
// graph and runs the path algorithms; models see node ids and Link values only, never Boost types.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace sim {

class RngStream;

using NodeId = std::uint32_t;

struct Link {
    NodeId to;
    double latency_s;
    double bandwidth_bps;
};

using EdgeList = std::vector<std::pair<NodeId, NodeId>>;

class Topology {
public:
    explicit Topology(std::size_t nodes);
    ~Topology();
    Topology(Topology&&) noexcept;
    Topology& operator=(Topology&&) noexcept;

    /// Adds the directed link from -> to. Latency in seconds (>= 0), bandwidth in bits per second (> 0).
    void add_link(NodeId from, NodeId to, double latency_s, double bandwidth_bps);
    /// Adds both directions with the same latency and bandwidth.
    void add_undirected(NodeId a, NodeId b, double latency_s, double bandwidth_bps);

    std::size_t node_count() const;
    std::size_t link_count() const;
    /// Outgoing links of `node`, in insertion order. Valid until the next add_link.
    std::span<const Link> links_from(NodeId node) const;

    /// Shortest-path latency (s) from `source` to every node (Dijkstra); unreachable = +inf.
    std::vector<double> latency_from(NodeId source) const;
    /// All pairs (repeated Dijkstra, O(V E log V)): for diagnostics on small graphs.
    std::vector<std::vector<double>> all_pairs_latency() const;
    /// True when every node reaches every other one (strongly connected).
    bool connected() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Undirected simple random d-regular graph on n nodes: pairing with local rejection (Steger and
/// Wormald 1999), restarted when stuck. Requires n*d even and d < n.
EdgeList random_regular_edges(std::size_t n, std::size_t degree, RngStream& rng);
/// Erdős–Rényi G(n, p), undirected, by geometric skipping (Batagelj and Brandes 2005).
EdgeList erdos_renyi_edges(std::size_t n, double p, RngStream& rng);
/// Barabási–Albert preferential attachment: each new node links to m distinct existing nodes
/// chosen with probability proportional to degree, starting from a clique of m + 1 nodes.
EdgeList barabasi_albert_edges(std::size_t n, std::size_t m, RngStream& rng);

/// One line per link: `from to [latency_s [bandwidth_bps]]`; `#` starts a comment.
struct EdgeFileLink {
    NodeId from, to;
    double latency_s, bandwidth_bps;
};
/// Throws sim::InputError naming file, line and column on a malformed line.
std::vector<EdgeFileLink> read_edge_list(const std::filesystem::path& file, double default_latency_s,
                                         double default_bandwidth_bps);

}  // namespace sim

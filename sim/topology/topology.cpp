// Topology over Boost.Graph: adjacency_list for storage and Dijkstra; a flat copy of each node's
// links for the hot path (propagation loops iterate these, not BGL iterators).
#include "sim/topology/topology.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/strong_components.hpp>

#include <limits>
#include <stdexcept>

namespace sim {

namespace {
struct EdgeProps {
    double latency_s;
    double bandwidth_bps;
};
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                    EdgeProps>;
}  // namespace

struct Topology::Impl {
    Graph graph;
    std::vector<std::vector<Link>> links;
};

Topology::Topology(std::size_t nodes) : impl_(std::make_unique<Impl>()) {
    impl_->graph = Graph(nodes);
    impl_->links.resize(nodes);
}
Topology::~Topology() = default;
Topology::Topology(Topology&&) noexcept = default;
Topology& Topology::operator=(Topology&&) noexcept = default;

void Topology::add_link(NodeId from, NodeId to, double latency_s, double bandwidth_bps) {
    if (from >= node_count() || to >= node_count()) throw std::out_of_range("add_link: node id");
    if (!(latency_s >= 0.0) || !(bandwidth_bps > 0.0))
        throw std::invalid_argument("add_link: latency must be >= 0 and bandwidth > 0");
    boost::add_edge(from, to, EdgeProps{latency_s, bandwidth_bps}, impl_->graph);
    impl_->links[from].push_back(Link{to, latency_s, bandwidth_bps});
}

void Topology::add_undirected(NodeId a, NodeId b, double latency_s, double bandwidth_bps) {
    add_link(a, b, latency_s, bandwidth_bps);
    add_link(b, a, latency_s, bandwidth_bps);
}

std::size_t Topology::node_count() const { return boost::num_vertices(impl_->graph); }
std::size_t Topology::link_count() const { return boost::num_edges(impl_->graph); }

std::span<const Link> Topology::links_from(NodeId node) const { return impl_->links.at(node); }

std::vector<double> Topology::latency_from(NodeId source) const {
    const Graph& g = impl_->graph;
    std::vector<double> dist(boost::num_vertices(g), std::numeric_limits<double>::infinity());
    boost::dijkstra_shortest_paths(
        g, source,
        boost::weight_map(boost::get(&EdgeProps::latency_s, g))
            .distance_map(boost::make_iterator_property_map(dist.begin(),
                                                             boost::get(boost::vertex_index, g)))
            .distance_inf(std::numeric_limits<double>::infinity()));
    return dist;
}

std::vector<std::vector<double>> Topology::all_pairs_latency() const {
    std::vector<std::vector<double>> out;
    out.reserve(node_count());
    for (NodeId s = 0; s < node_count(); ++s) out.push_back(latency_from(s));
    return out;
}

bool Topology::connected() const {
    if (node_count() == 0) return true;
    std::vector<int> component(node_count());
    const int count = boost::strong_components(
        impl_->graph,
        boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, impl_->graph)));
    return count == 1;
}

}  // namespace sim

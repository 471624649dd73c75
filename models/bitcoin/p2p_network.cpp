// See p2p_network.hpp. SimBlock specifics: regions by region_share; each node opens an outbound
// degree drawn from the 2015 CDF to distinct random peers, links carry both directions; exactly
// round(N * rate) nodes use compact blocks / are "churn" nodes (Node.java, Main.java).
#include "models/bitcoin/p2p_network.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/bitcoin/simblock_tables.hpp"

namespace models::bitcoin {

namespace {

std::vector<bool> exactly_k_of(std::size_t n, std::size_t k, sim::RngStream& rng) {
    std::vector<std::size_t> ids(n);
    for (std::size_t i = 0; i < n; ++i) ids[i] = i;
    for (std::size_t i = n; i > 1; --i)
        std::swap(ids[i - 1], ids[sim::random::uniform_index(rng, i)]);
    std::vector<bool> out(n, false);
    for (std::size_t i = 0; i < k && i < n; ++i) out[ids[i]] = true;
    return out;
}

bool table_2019(const NetworkParams& p) {
    return p.latency_table == "2019";
}

}  // namespace

P2pNetwork::P2pNetwork(const NetworkParams& p, sim::RngStream& rng, double attacker_hash_share)
    : p_(p),
      simblock_(p.topology == "simblock"),
      topology_(static_cast<std::size_t>(p.nodes) + (attacker_hash_share > 0.0 ? 1 : 0)) {
    const auto n = static_cast<std::size_t>(p.nodes);
    region_.assign(n, 0);
    compact_.assign(n, p.compact_blocks);
    churn_.assign(n, false);
    hash_.assign(n, 1.0 / static_cast<double>(n));
    if (p.topology == "simblock")
        build_simblock(rng);
    else
        build_random(rng);
    if (attacker_hash_share > 0.0) add_attacker(attacker_hash_share, rng);
}

void P2pNetwork::add_attacker(double share, sim::RngStream& rng) {
    // Drawn after the honest network, so the honest nodes' graph, regions and weights are those of
    // the same seed without an attacker. Its peers: Eyal and Sirer (2014, section 4) reach a high
    // gamma through many connections; network.attacker_peer_fraction sets how many honest nodes
    // it links to directly (at least one).
    const std::size_t n = nodes();
    if (simblock_) region_.push_back(static_cast<std::uint8_t>(
        sim::random::DiscreteDistribution(share_)(rng)));
    else region_.push_back(0);
    compact_.push_back(p_.compact_blocks);
    churn_.push_back(false);
    for (auto& h : hash_) h *= 1.0 - share;
    hash_.push_back(share);
    const auto peers = std::clamp<std::size_t>(
        static_cast<std::size_t>(std::llround(p_.attacker_peer_fraction * static_cast<double>(n))),
        1, n);
    const auto chosen = exactly_k_of(n, peers, rng);
    for (sim::NodeId v = 0; v < n; ++v)
        if (chosen[v]) topology_.add_undirected(static_cast<sim::NodeId>(n), v, p_.latency_s,
                                                p_.bandwidth_bps);
}

void P2pNetwork::load_region_tables() {
    // The preset (SimBlock 2019 or 2015), then any table the scenario gives replaces its part.
    const bool y2019 = table_2019(p_);
    const auto* share = y2019 ? simblock::region_share_2019 : simblock::region_share_2015;
    const auto& lat = y2019 ? simblock::latency_ms_2019 : simblock::latency_ms_2015;
    const auto* up = y2019 ? simblock::upload_bps_2019 : simblock::upload_bps_2015;
    const auto* down = y2019 ? simblock::download_bps_2019 : simblock::download_bps_2015;
    share_.assign(share, share + simblock::regions);
    upload_.assign(up, up + simblock::regions);
    download_.assign(down, down + simblock::regions);
    for (const auto& row : lat) latency_ms_.emplace_back(row, row + simblock::regions);
    if (!p_.region_share.empty()) share_ = p_.region_share;
    if (!p_.region_latency_ms.empty()) latency_ms_ = p_.region_latency_ms;
    if (!p_.region_upload_bps.empty()) upload_ = p_.region_upload_bps;
    if (!p_.region_download_bps.empty()) download_ = p_.region_download_bps;
    const std::size_t r = share_.size();
    bool square = latency_ms_.size() == r;
    for (const auto& row : latency_ms_) square = square && row.size() == r;
    if (!square || upload_.size() != r || download_.size() != r)
        throw std::invalid_argument("network region tables disagree on the number of regions");
    regions_ = r;
    for (const auto& row : latency_ms_)
        for (const double mean : row) pareto_.push_back({mean - 5.0, 1.0 / (0.2 * mean)});
}

void P2pNetwork::build_simblock(sim::RngStream& rng) {
    const std::size_t n = nodes();
    load_region_tables();
    const sim::random::DiscreteDistribution region_of(share_);
    for (auto& r : region_) r = static_cast<std::uint8_t>(region_of(rng));
    compact_ =
        exactly_k_of(n, static_cast<std::size_t>(std::llround(n * simblock::cbr_usage_rate)), rng);
    if (!p_.compact_blocks) compact_.assign(n, false);
    churn_ =
        exactly_k_of(n, static_cast<std::size_t>(std::llround(n * simblock::churn_node_rate)), rng);
    double total = 0.0;
    for (auto& h : hash_) {
        do h = sim::random::normal(rng, simblock::mining_power_mean, simblock::mining_power_sd);
        while (h <= 0.0);
        total += h;
    }
    for (auto& h : hash_) h /= total;
    std::vector<std::vector<bool>> linked(n);  // small n only matters for duplicate checks
    for (sim::NodeId u = 0; u < n; ++u) {
        const double x = rng.uniform01();
        std::size_t degree = 1;
        while (degree < 20 && x > simblock::outbound_degree_cdf[degree - 1]) ++degree;
        degree = std::min(degree, n - 1);
        std::vector<sim::NodeId> chosen;
        while (chosen.size() < degree) {
            const auto v = static_cast<sim::NodeId>(sim::random::uniform_index(rng, n));
            if (v == u || std::find(chosen.begin(), chosen.end(), v) != chosen.end()) continue;
            chosen.push_back(v);
        }
        for (auto v : chosen) topology_.add_undirected(u, v, 0.0, 1.0);  // per-message values below
    }
}

void P2pNetwork::build_random(sim::RngStream& rng) {
    const std::size_t n = nodes();
    const auto d = static_cast<std::size_t>(p_.degree);
    if (p_.topology == "edge_file") {
        for (const auto& l : sim::read_edge_list(p_.edge_file, p_.latency_s, p_.bandwidth_bps)) {
            if (l.from >= n || l.to >= n)
                throw std::invalid_argument("edge_file names a node >= network.nodes");
            topology_.add_undirected(l.from, l.to, l.latency_s, l.bandwidth_bps);
        }
        return;
    }
    sim::EdgeList edges;
    if (p_.topology == "random_regular")
        edges = sim::random_regular_edges(n, d, rng);
    else if (p_.topology == "erdos_renyi")
        edges = sim::erdos_renyi_edges(n, static_cast<double>(d) / (n - 1.0), rng);
    else
        edges = sim::barabasi_albert_edges(n, d, rng);
    for (auto [a, b] : edges) topology_.add_undirected(a, b, p_.latency_s, p_.bandwidth_bps);
}

double P2pNetwork::latency_s(sim::NodeId from, sim::NodeId to, sim::RngStream& rng) const {
    if (!simblock_) return link_latency_s(from, to);
    return pareto_ms(from, to, rng) / 1000.0;
}

double P2pNetwork::link_latency_s(sim::NodeId from, sim::NodeId to) const {
    for (const auto& l : topology_.links_from(from))
        if (l.to == to) return l.latency_s;
    return p_.latency_s;
}

double P2pNetwork::bandwidth_bps(sim::NodeId from, sim::NodeId to) const {
    if (!simblock_) {
        for (const auto& l : topology_.links_from(from))
            if (l.to == to) return l.bandwidth_bps;
        return p_.bandwidth_bps;
    }
    return std::min(upload_[region_[from]], download_[region_[to]]);
}

double P2pNetwork::block_bytes(sim::NodeId from, sim::NodeId to, sim::RngStream& rng) const {
    if (!(compact_[from] && compact_[to])) return p_.block_size_bytes;
    if (!simblock_) return p_.compact_block_size_bytes;
    const double fail =
        churn_[to] ? simblock::cbr_failure_rate_churn : simblock::cbr_failure_rate_control;
    if (!sim::random::bernoulli(rng, fail)) return p_.compact_block_size_bytes;
    const double fraction = churn_[to]
                                ? simblock::cbr_failure_fraction_churn[sim::random::uniform_index(
                                      rng, simblock::cbr_failure_fraction_churn.size())]
                                : simblock::cbr_failure_fraction_control;
    return p_.block_size_bytes * fraction;
}

bool P2pNetwork::compact_fails(sim::NodeId to, sim::RngStream& rng) const {
    if (!simblock_) return false;
    return sim::random::bernoulli(
        rng, churn_[to] ? simblock::cbr_failure_rate_churn : simblock::cbr_failure_rate_control);
}

double P2pNetwork::missing_bytes(sim::NodeId sender, sim::RngStream& rng) const {
    const double fraction = churn_[sender]
                                ? simblock::cbr_failure_fraction_churn[sim::random::uniform_index(
                                      rng, simblock::cbr_failure_fraction_churn.size())]
                                : simblock::cbr_failure_fraction_control;
    return std::floor(p_.block_size_bytes * fraction);  // SimBlock truncates to whole bytes (long)
}

}  // namespace models::bitcoin

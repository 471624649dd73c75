// See relay_network.hpp.
#include "models/bitcoin/world/relay_network.hpp"

#include <algorithm>

#include "sim/random/distributions.hpp"

namespace models::bitcoin {

namespace {

/// Bitcoin Core src/net.h MAX_OUTBOUND_FULL_RELAY_CONNECTIONS = 8: an eclipsed node's outbound
/// slots, every one of them taken by an attacker's node (Heilman et al. 2015 fill them all).
constexpr std::size_t attacker_node_count = 8;
/// Links from each attacker node into the honest network (an attacker wants to hear everything).
constexpr std::size_t attacker_honest_peers = 8;
/// A block header (80 bytes) and a getdata / inv entry (36 bytes) on the wire, before framing.
constexpr double header_bytes = 80.0;
constexpr double inv_bytes = 36.0;

NetworkParams network_params(const PropagationParams& p) {
    NetworkParams n;
    n.enabled = true;
    n.nodes = p.nodes;
    n.topology = p.topology;
    n.degree = p.degree;
    n.latency_s = p.latency_s;
    n.bandwidth_bps = p.bandwidth_bps;
    return n;
}

}  // namespace

RelayNetwork::RelayNetwork(const PropagationParams& p, sim::RngStream topology_rng,
                           sim::RngStream delay_rng)
    : p_(p),
      network_params_(network_params(p)),
      topology_rng_(topology_rng),
      delay_rng_(delay_rng),
      network_(network_params_, topology_rng_),
      honest_(network_.nodes()),
      peers_(honest_) {
    // The topology keeps no direction, so which end opened each link (and so trickles to the
    // other at the outbound rate) is drawn once per link, either end with probability 1/2.
    for (RelayNode n = 0; n < honest_; ++n)
        for (const auto& link : network_.topology().links_from(n))
            peers_[n].push_back(Peer{static_cast<RelayNode>(link.to), false});
    for (RelayNode n = 0; n < honest_; ++n)
        for (Peer& q : peers_[n]) {
            if (q.to < n) continue;
            q.outbound = topology_rng_.uniform01() < 0.5;
            for (Peer& back : peers_[q.to])
                if (back.to == n) back.outbound = !q.outbound;
        }
}

void RelayNetwork::attach(std::size_t pools, std::size_t agents) {
    (void)pools;  // pools sit at node i modulo the count; nothing to store
    agents_at_.assign(honest_, {});
    for (std::size_t a = 0; a < agents; ++a) agents_at_[agent_node(a)].push_back(a);
    eclipsed_.assign(honest_, false);
    for (const double a : p_.eclipse.agents)
        if (a >= 0.0 && static_cast<std::size_t>(a) < agents)
            eclipsed_[agent_node(static_cast<std::size_t>(a))] = true;
    if (std::find(eclipsed_.begin(), eclipsed_.end(), true) != eclipsed_.end())
        add_attacker_nodes();
    txs_.assign(nodes(), {});
    blocks_.assign(nodes(), {start_block});
    tips_.assign(nodes(), start_block);
    agents_at_.resize(nodes());
}

void RelayNetwork::add_attacker_nodes() {
    // The victim loses every honest link (both ends forget it) and gets the attacker's nodes as
    // its only peers; each attacker node also links to honest nodes that are not eclipsed.
    for (RelayNode n = 0; n < honest_; ++n) {
        if (eclipsed_[n])
            peers_[n].clear();
        else
            std::erase_if(peers_[n], [&](const Peer& q) { return eclipsed_[q.to]; });
    }
    std::vector<RelayNode> open;
    for (RelayNode n = 0; n < honest_; ++n)
        if (!eclipsed_[n]) open.push_back(n);
    for (std::size_t k = 0; k < attacker_node_count; ++k) {
        const auto a = static_cast<RelayNode>(peers_.size());
        peers_.emplace_back();
        eclipsed_.push_back(false);
        for (RelayNode n = 0; n < honest_; ++n)
            if (eclipsed_[n]) {
                peers_[n].push_back(Peer{a, true});
                peers_[a].push_back(Peer{n, false});
            }
        std::vector<RelayNode> pool = open;
        for (std::size_t i = 0; i < attacker_honest_peers && !pool.empty(); ++i) {
            const auto j = sim::random::uniform_index(topology_rng_, pool.size());
            const RelayNode h = pool[j];
            pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(j));
            peers_[a].push_back(Peer{h, true});
            peers_[h].push_back(Peer{a, false});
        }
    }
}

double RelayNetwork::message_s(RelayNode from, RelayNode to, double bytes) {
    // Honest links: the P2P network's own latency (a Pareto draw per message under SimBlock's
    // tables, the fixed link latency otherwise) and bandwidth; the attacker's links: latency_s and
    // bandwidth_bps.
    const bool honest = from < honest_ && to < honest_;
    const double latency = honest ? network_.latency_s(from, to, delay_rng_) : p_.latency_s;
    const double bps = honest ? network_.bandwidth_bps(from, to) : p_.bandwidth_bps;
    return latency + bytes * 8.0 / bps;
}

double RelayNetwork::tx_hop_s(RelayNode from, const Peer& to, std::int64_t bytes) {
    // Bitcoin Core net_processing.cpp: a node queues a new transaction for each peer and sends
    // the inv when that peer's Poisson timer fires (mean OUTBOUND_INVENTORY_BROADCAST_INTERVAL
    // for peers it connected to, INBOUND_... for the others); the peer asks with getdata and
    // gets the tx. The timer is memoryless, so the wait from now is exponential with that mean.
    const double mean = to.outbound ? p_.inv_interval_outbound_s : p_.inv_interval_inbound_s;
    const double trickle = mean > 0.0 ? sim::random::exponential_mean(delay_rng_, mean) : 0.0;
    return trickle + message_s(from, to.to, inv_bytes) + message_s(to.to, from, inv_bytes) +
           message_s(from, to.to, static_cast<double>(bytes));
}

double RelayNetwork::block_hop_s(RelayNode from, RelayNode to, std::int64_t bytes) {
    // Headers-first announcement (BIP130 sendheaders), getdata, then the full block: blocks are
    // not trickled (net_processing.cpp: blocks bypass the inventory timers).
    return message_s(from, to, header_bytes) + message_s(to, from, inv_bytes) +
           message_s(from, to, header_bytes + static_cast<double>(bytes));
}

std::optional<double> RelayNetwork::held_s(RelayNode at, RelayNode from, RelayNode to) const {
    if (at < honest_) return 0.0;
    const bool victim_traffic = (from < eclipsed_.size() && eclipsed_[from]) || eclipsed_[to];
    if (!victim_traffic) return 0.0;
    if (p_.eclipse.relay == "withhold") return std::nullopt;
    return p_.eclipse.delay_s;
}

}  // namespace models::bitcoin

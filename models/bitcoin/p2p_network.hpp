// The peer-to-peer network of the propagation model: who links to whom (an engine Topology),
// each node's region, relay features and hash weight, and per-message latency and bandwidth.
// The SimBlock preset mirrors SimBlock's default Bitcoin network (simblock_tables.hpp).
#pragma once

#include <cmath>
#include <vector>

#include "models/bitcoin/bitcoin_params.hpp"
#include "sim/core/time.hpp"
#include "sim/random/distributions.hpp"
#include "sim/topology/topology.hpp"

namespace models::bitcoin {

class P2pNetwork {
public:
    /// attacker_hash_share > 0 adds the attacker's node (id = network.nodes, the last) holding that
    /// share of the hash rate; the honest nodes keep their weights scaled by 1 - share.
    P2pNetwork(const NetworkParams& p, sim::RngStream& topology_rng,
               double attacker_hash_share = 0.0);

    const sim::Topology& topology() const { return topology_; }
    std::size_t nodes() const { return region_.size(); }
    const std::vector<double>& hash_weights() const { return hash_; }  ///< sums to 1

    /// One-way latency of a message from -> to, drawn per message as SimBlock does (a Pareto law
    /// with shape 0.2 mean and scale mean - 5 ms), or the fixed link latency.
    double latency_s(sim::NodeId from, sim::NodeId to, sim::RngStream& rng) const;
    /// The same draw in engine ticks, without the round trip through seconds: SimBlock's latencies
    /// are whole milliseconds, so this is exact (and it is the hot path of the network model).
    sim::Tick latency_ticks(sim::NodeId from, sim::NodeId to, sim::RngStream& rng) const {
        if (!simblock_) return sim::from_seconds(link_latency_s(from, to));
        return static_cast<sim::Tick>(pareto_ms(from, to, rng)) * (sim::ticks_per_second / 1000);
    }
    /// Bits per second from -> to: min(upload of from, download of to) in SimBlock.
    double bandwidth_bps(sim::NodeId from, sim::NodeId to) const;
    /// Bytes sent for one block from -> to: compact (BIP152) when both ends relay compact blocks,
    /// plus the missing part when compact reconstruction fails (SimBlock's failure rates).
    /// The pipelined relay model's single message per block.
    double block_bytes(sim::NodeId from, sim::NodeId to, sim::RngStream& rng) const;

    /// The simblock relay model sends a block as its own messages, as SimBlock does:
    /// true when a block from -> to goes compact (both ends relay compact blocks, BIP152).
    bool sends_compact(sim::NodeId from, sim::NodeId to) const {
        return compact_[from] && compact_[to];
    }
    /// Whether node `to` fails to rebuild a compact block it received, at its own rate (SimBlock
    /// Node.receiveMessage draws CBR_FAILURE_RATE by the receiver's churn flag). Only the simblock
    /// topology declares failure rates; elsewhere reconstruction always succeeds.
    bool compact_fails(sim::NodeId to, sim::RngStream& rng) const;
    bool simblock_topology() const { return simblock_; }
    /// Bytes of the missing transactions that `sender` sends after a failed compact block
    /// (SimBlock Node.getFailedBlockSize: a fraction drawn by the SENDER's churn flag).
    double missing_bytes(sim::NodeId sender, sim::RngStream& rng) const;

private:
    void build_simblock(sim::RngStream& rng);
    void build_random(sim::RngStream& rng);
    void add_attacker(double hash_share, sim::RngStream& rng);

    void load_region_tables();
    double link_latency_s(sim::NodeId from, sim::NodeId to) const;
    /// SimBlock Network.getLatency: round(scale / U^(1/shape)) ms, shape = 0.2 mean, scale = mean
    /// - 5.
    double pareto_ms(sim::NodeId from, sim::NodeId to, sim::RngStream& rng) const {
        const auto& k = pareto_[region_[from] * regions_ + region_[to]];
        return std::round(k.scale / std::pow(rng.uniform_open01(), k.inv_shape));
    }

    struct Pareto {
        double scale, inv_shape;
    };

    const NetworkParams& p_;
    const bool simblock_;  // topology == "simblock": regions, Pareto latencies, CBR failures
    std::size_t regions_ = 0;
    std::vector<Pareto> pareto_;  // per (from region, to region), row-major
    std::vector<double> share_, upload_, download_;
    std::vector<std::vector<double>> latency_ms_;
    sim::Topology topology_;
    std::vector<std::uint8_t> region_;
    std::vector<bool> compact_, churn_;
    std::vector<double> hash_;
};

}  // namespace models::bitcoin

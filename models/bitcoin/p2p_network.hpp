// The peer-to-peer network of the propagation model: who links to whom (an engine Topology),
// each node's region, relay features and hash weight, and per-message latency and bandwidth.
// The SimBlock preset mirrors SimBlock's default Bitcoin network (simblock_tables.hpp).
#pragma once

#include <vector>

#include "models/bitcoin/bitcoin_params.hpp"
#include "sim/random/distributions.hpp"
#include "sim/topology/topology.hpp"

namespace models::bitcoin {

class P2pNetwork {
public:
    P2pNetwork(const NetworkParams& p, sim::RngStream& topology_rng);

    const sim::Topology& topology() const { return topology_; }
    std::size_t nodes() const { return region_.size(); }
    const std::vector<double>& hash_weights() const { return hash_; }  ///< sums to 1

    /// One-way latency of a message from -> to, drawn per message as SimBlock does (a Pareto law
    /// with shape 0.2 mean and scale mean - 5 ms), or the fixed link latency.
    double latency_s(sim::NodeId from, sim::NodeId to, sim::RngStream& rng) const;
    /// Bits per second from -> to: min(upload of from, download of to) in SimBlock.
    double bandwidth_bps(sim::NodeId from, sim::NodeId to) const;
    /// Bytes sent for one block from -> to: compact (BIP152) when both ends relay compact blocks,
    /// plus the missing part when compact reconstruction fails (SimBlock's failure rates).
    /// The pipelined relay model's single message per block.
    double block_bytes(sim::NodeId from, sim::NodeId to, sim::RngStream& rng) const;

    /// The simblock relay model sends a block as its own messages, as SimBlock does:
    /// true when a block from -> to goes compact (both ends relay compact blocks, BIP152).
    bool sends_compact(sim::NodeId from, sim::NodeId to) const { return compact_[from] && compact_[to]; }
    /// Whether node `to` fails to rebuild a compact block it received, at its own rate (SimBlock
    /// Node.receiveMessage draws CBR_FAILURE_RATE by the receiver's churn flag). Only the simblock
    /// topology declares failure rates; elsewhere reconstruction always succeeds.
    bool compact_fails(sim::NodeId to, sim::RngStream& rng) const;
    /// Bytes of the missing transactions that `sender` sends after a failed compact block
    /// (SimBlock Node.getFailedBlockSize: a fraction drawn by the SENDER's churn flag).
    double missing_bytes(sim::NodeId sender, sim::RngStream& rng) const;

private:
    void build_simblock(sim::RngStream& rng);
    void build_random(sim::RngStream& rng);

    void load_region_tables();

    const NetworkParams& p_;
    std::vector<double> share_, upload_, download_;
    std::vector<std::vector<double>> latency_ms_;
    sim::Topology topology_;
    std::vector<std::uint8_t> region_;
    std::vector<bool> compact_, churn_;
    std::vector<double> hash_;
};

}  // namespace models::bitcoin

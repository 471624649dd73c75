// The keys of propagation inside the transaction-level world (world.propagation): whether
// transactions and blocks relay over a peer-to-peer network instead of reaching every pool and
// agent at once, the network they relay over, Bitcoin Core's transaction trickle, and an eclipse.
#pragma once

#include <cstdint>
#include <string>

#include "sim/params/field.hpp"

namespace models::bitcoin {

/// An eclipse (Heilman et al., "Eclipse Attacks on Bitcoin's Peer-to-Peer Network", USENIX
/// Security 2015): every link of a victim's node goes to a node the attacker runs. The attacker's
/// nodes withhold (or hold back) what passes between the victim and the honest network.
struct EclipseParams {
    /// Agents whose node is eclipsed, by the index the model gives its agents (dispute: 0 the
    /// claimant, 1 the adversary's sweep, then the censor and the congester when they take part).
    sim::RealList agents;
    std::string relay = "withhold";
    double delay_s = 600.0;

    template <class V>
    void describe(V& v) {
        v.field("agents", agents, "-",
                "indices of the agents whose node is eclipsed (dispute: 0 claimant, 1 sweep); "
                "empty: none");
        v.field(
            "relay", relay, "-",
            "what the attacker's nodes do with the victim's traffic (transactions and blocks, both "
            "ways): withhold (never pass it on) or delay (pass it on delay_s later)",
            sim::one_of({"withhold", "delay"}));
        v.field("delay_s", delay_s, "s",
                "how long the attacker's nodes hold the victim's traffic (relay = delay)",
                sim::non_negative());
    }
};

struct PropagationParams {
    bool enabled = false;
    std::string topology = "simblock";
    std::int64_t nodes = 100;
    std::int64_t degree = 8;
    double latency_s = 0.1;
    double bandwidth_bps = 20e6;
    /// Bitcoin Core src/net_processing.cpp (bitcoin/bitcoin master, commit 000095f87682, read
    /// 2026-12-02): OUTBOUND_INVENTORY_BROADCAST_INTERVAL{2s} and
    /// INBOUND_INVENTORY_BROADCAST_INTERVAL{5s}, the mean gaps of the Poisson timers at which a
    /// node announces new transactions to its outbound and inbound peers (blocks bypass them).
    double inv_interval_outbound_s = 2.0;
    double inv_interval_inbound_s = 5.0;
    EclipseParams eclipse;

    template <class V>
    void describe(V& v) {
        v.field(
            "enabled", enabled, "-",
            "relay transactions and blocks over a P2P network (false: one global mempool and tip, "
            "seen by every pool and agent at once)");
        v.field("topology", topology, "-",
                "simblock (SimBlock's 2019 regions, Pareto latencies, outbound-degree CDF) or "
                "random_regular "
                "(fixed latency_s and bandwidth_bps on every link)",
                sim::one_of({"simblock", "random_regular"}));
        v.field("nodes", nodes, "nodes", "honest nodes; pool i runs node i, agent j node nodes-1-j",
                sim::in_range(2, 100'000));
        v.field("degree", degree, "links", "links per node (random_regular)", sim::at_least(1));
        v.field(
            "latency_s", latency_s, "s",
            "one-way latency of a message (random_regular links, and the attacker's links always)",
            sim::non_negative());
        v.field("bandwidth_bps", bandwidth_bps, "bit/s",
                "link bandwidth (random_regular links, and the attacker's links always)",
                sim::positive());
        v.field(
            "inv_interval_outbound_s", inv_interval_outbound_s, "s",
            "mean trickle delay before a node announces a transaction to a peer it connected to "
            "(Bitcoin Core OUTBOUND_INVENTORY_BROADCAST_INTERVAL = 2 s)",
            sim::non_negative());
        v.field("inv_interval_inbound_s", inv_interval_inbound_s, "s",
                "mean trickle delay towards a peer that connected to it "
                "(INBOUND_INVENTORY_BROADCAST_INTERVAL = 5 s)",
                sim::non_negative());
        v.section("eclipse", eclipse);
    }
};

}  // namespace models::bitcoin

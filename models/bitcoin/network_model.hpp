// Honest mining over a peer-to-peer network: every node mines on its own best tip, blocks spread
// by inv / getdata / block messages with per-message latency, transmission time at the sender's
// bandwidth (one block message at a time per sender) and a per-hop validation delay. Forks and
// stale blocks arise from propagation alone (Gervais et al., CCS 2016; SimBlock, Aoki et al. 2019).
// A selfish attacker (attacker.strategy selfish or optimal_selfish) plays from one more node of its
// own (attacker_node.hpp): it mines on its private tip, sees honest blocks when they reach it, and
// publishes by relaying; the tie share gamma then emerges from propagation.
#pragma once

#include <vector>

#include "models/bitcoin/bitcoin_params.hpp"
#include "sim/model/model.hpp"

namespace models::bitcoin {

std::vector<sim::Column> network_columns();
/// Extra columns when a selfish attacker plays from a node (attacker_node.hpp): gamma as it
/// emerges from propagation.
std::vector<sim::Column> network_attacker_columns();
sim::RunOutput run_network(const BitcoinParams& p, const sim::RunInput& in);

}  // namespace models::bitcoin

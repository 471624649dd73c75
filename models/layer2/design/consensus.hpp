// Design sections that are consensus rules rather than scripts: a BIP300 hashrate escrow, whose
// withdrawal is "signed" by miners' votes over many blocks, and a merged-mined sidechain, whose
// peg-outs are final only as deep as the merged hash keeps its chain. Both run as pools in a
// world (models/layer2/roles/escrow_voters.hpp, models/layer2/planner/consensus_plans.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/params/input_error.hpp"

namespace models::layer2::design {

/// [hashrate_escrow]: BIP300 (bitcoin/bips bip-0300.mediawiki, M3 and M4, read 2026-12-02). A
/// withdrawal bundle proposed in a coinbase (M3, its first upvote) pays out (M6) once its ACK
/// score reaches `ack_required` within `window_blocks`. Each block's miner upvotes it (+1),
/// abstains (0) or raises the alarm (-1); the score never goes below zero.
struct HashrateEscrow {
    std::string output;  ///< the [outputs] entry whose coin the escrow holds
    std::int64_t ack_required = 13150;
    std::int64_t window_blocks = 26300;
    std::string honest_vote = "abstain";  ///< what honest pools vote before they see a theft
    double alarm_share = 0.0;  ///< share of honest hash (largest pools first) that alarms on a theft
    std::int64_t alarm_after_blocks = 0;  ///< blocks after the proposal before they alarm
    sim::SourcePos pos;
};

/// [merged_mining]: a sidechain whose blocks are found by Bitcoin pools that merge-mine
/// (largest first until their share of Bitcoin's hash reaches `merged_share`). A peg-out is paid
/// on Bitcoin once it is `pegout_confirmations` deep in the sidechain.
struct MergedMining {
    double merged_share = 0.8;
    double block_interval_s = 30.0;  ///< with only the merge-mining pools
    std::int64_t pegout_confirmations = 4000;
    double pegout_btc = 10.0;
    sim::SourcePos pos;
};

struct ConsensusSections {
    std::optional<HashrateEscrow> hashrate_escrow;
    std::optional<MergedMining> merged_mining;
};

}  // namespace models::layer2::design

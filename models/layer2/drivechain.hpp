// Hashrate escrow (BIP300/301, model M3): a withdrawal bundle passes when its ACK count reaches
// ack_required within window_blocks; each block moves the count by at most one (up for an ACK,
// down for a NACK, never below zero). Honest miners abstain or downvote a theft bundle.
#pragma once

#include "models/layer2/layer2_params.hpp"
#include "sim/random/rng_stream.hpp"

namespace models::layer2 {

struct VoteResult {
    bool passed = false;
    int blocks = 0;           ///< blocks until the bundle passed, or the window
    int attacker_blocks = 0;  ///< blocks mined by the attacker in that time (all on the main chain)
};

class HashrateEscrow {
public:
    explicit HashrateEscrow(const DrivechainParams& p) : p_(p) {}
    /// Blocks are mined by the bundle's supporters with probability `support`; the others vote
    /// `against` (0 abstain, -1 downvote).
    VoteResult vote(double support, int against, sim::RngStream& rng) const;

private:
    const DrivechainParams& p_;
};

}  // namespace models::layer2

// Block space as the on-chain dispute sees it: each block holds 1,000,000 vB (4,000,000 WU,
// BIP141), sold by fee rate (miners maximise fees; Bitcoin Core's template by ancestor score).
// Competing users take a share of each block at their fee rate; an attacker may fill the rest; the
// victims' transactions (justice, commitments, HTLC claims) get what their fee rate wins.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/random/rng_stream.hpp"

namespace models::layer2 {

/// A batch of identical transactions (one channel's HTLC claims, say): they pay, bump and become
/// valid together, and confirm as many per block as fit. Batching keeps Flood & Loot with millions
/// of HTLCs linear in channels rather than HTLCs.
struct PendingTx {
    double vbytes;               ///< of one transaction
    double fee_rate_sat_vb;      ///< what it pays now
    double max_fee_rate_sat_vb;  ///< what it could pay by CPFP / RBF (scorched earth: value / vbytes)
    std::int64_t valid_from;     ///< first block index it may be included in (timelocks, parents)
    std::int64_t count = 1;
    std::int64_t confirmed = 0;
    std::int64_t last_confirmed_in = -1;  ///< block that confirmed the batch's last transaction so far

    bool done() const { return confirmed == count; }
};

struct BlockFill {
    double victim_vbytes = 0, attacker_vbytes = 0, competing_vbytes = 0;
    double victim_fees_sat = 0, attacker_fees_sat = 0;
};

class BlockSpace {
public:
    BlockSpace(double block_vbytes, double competing_share, double competing_share_sd, double competing_fee_rate,
               sim::RngStream rng)
        : block_vbytes_(block_vbytes), share_(competing_share), share_sd_(competing_share_sd),
          competing_rate_(competing_fee_rate), rng_(rng) {}

    /// Fills block `index`. Pending victims that can bump bid up to their maximum when outbid.
    /// `attacker_fee_rate` > 0 fills every remaining vbyte at that rate (congestion).
    BlockFill mine(std::int64_t index, std::vector<PendingTx>& victims, double attacker_fee_rate);

private:
    double block_vbytes_, share_, share_sd_, competing_rate_;
    sim::RngStream rng_;
};

}  // namespace models::layer2

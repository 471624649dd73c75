// A Lightning channel as an agent: two parties, commitment states with revocation (BOLT #3), the
// to_self_delay on the broadcaster's own output, and HTLCs with their expiry and the deadline by
// which the offering side must go on-chain (BOLT #2: expiry - broadcast_delta). Presets follow the
// implementations' defaults (shared/reference/layer2-designs.md M4).
#pragma once

#include <cstdint>
#include <vector>

#include "models/layer2/lightning/lightning_params.hpp"

namespace models::layer2 {

/// Timelocks and limits resolved from an implementation preset.
struct ChannelPolicy {
    int to_self_delay_blocks;
    int cltv_expiry_delta_blocks;
    int broadcast_delta_blocks;
    int max_accepted_htlcs;
};

/// LND scales to_self_delay with capacity: 144 blocks at the smallest, 2016 at the largest
/// (16,777,215 sat) channel (lnd funding manager, MaxCSV scaling); CLN 144; Eclair 720.
ChannelPolicy policy_of(const LightningParams& p);

struct Htlc {
    std::uint32_t expiry_height;
    double value_btc;
    bool offered_by_victim;  ///< the victim must time it out on-chain if unresolved
};

class Channel {
public:
    Channel(const LightningParams& p, std::uint32_t open_height);

    const ChannelPolicy& policy() const { return policy_; }
    double capacity_btc() const { return capacity_btc_; }
    std::uint64_t commitment_number() const { return commitment_; }

    /// A new commitment state; the previous one is revoked (its secret given to the peer).
    void update_state() { ++commitment_; }
    bool is_revoked(std::uint64_t state) const { return state < commitment_; }
    /// Broadcasting revoked `state` lets the victim take everything if its justice transaction
    /// confirms within to_self_delay blocks; the thief's own output unlocks after that.
    std::uint32_t justice_deadline(std::uint32_t broadcast_height) const {
        return broadcast_height + static_cast<std::uint32_t>(policy_.to_self_delay_blocks);
    }

    /// Adds an HTLC expiring at `expiry_height`; refused past max_accepted_htlcs.
    bool add_htlc(std::uint32_t expiry_height, double value_btc, bool offered_by_victim);
    const std::vector<Htlc>& htlcs() const { return htlcs_; }
    /// Height at which the victim goes on-chain to time out an HTLC it offered.
    std::uint32_t claim_start(const Htlc& h) const {
        return h.expiry_height - static_cast<std::uint32_t>(policy_.broadcast_delta_blocks);
    }

private:
    ChannelPolicy policy_;
    double capacity_btc_;
    std::uint64_t commitment_ = 0;
    std::vector<Htlc> htlcs_;
};

}  // namespace models::layer2

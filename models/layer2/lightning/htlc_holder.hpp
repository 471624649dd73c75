// The victim of the HTLC attacks: a forwarding node that offered HTLCs to the adversary M on one
// or more channels and must get them back on-chain before its own upstream HTLC expires (BOLT 2
// "cltv_expiry_delta Selection"; BOLT 5 "HTLC Output Handling: Local Commitment, Local Offers").
// It goes on-chain broadcast_delta blocks before expiry by broadcasting its commitments (with the
// fee mechanism of their format). Once a commitment of the channel confirms (its own, or M's if M's
// won) and the HTLC has expired, it claims every HTLC along the timeout path: from its own
// commitment by the presigned HTLC-timeout transaction, from M's directly. A claim missing from
// the mempool is re-sent every `rebroadcast_interval_blocks` blocks; with the "deadline" fee
// policy it is re-signed at a rate rising linearly from fee_rate_sat_vb to max_fee_share of the
// HTLC's value at the upstream deadline (LND's deadline-aware sweeper, v0.18; the scorched-earth
// curve of the replacement-cycling discussion, lightning-dev, October 2023); with "fixed" the
// presigned rate stays (legacy HTLC transactions cannot be re-signed). If its commitment cannot
// enter (M's conflicting commitment is pinned), it fee-bumps M's commitment through its own anchor
// on it. A node that scans its mempool (a replacement-cycling mitigation) polls it every
// mempool_poll_s and learns the preimage from any spend that reveals it, which settles the
// upstream HTLC off-chain: the attack has failed.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "models/adversary/time_dilation.hpp"
#include "models/bitcoin/world/world.hpp"
#include "models/layer2/lightning/channel_transactions.hpp"
#include "models/layer2/lightning/implementation_preset.hpp"
#include "models/layer2/lightning/sent_ledger.hpp"
#include "sim/params/field.hpp"

namespace models::layer2::lightning {

struct HtlcHolderParams {
    double latency_s = 10.0;
    double fee_rate_sat_vb = 5.0;
    std::string fee_policy = "deadline";
    double max_fee_share = 0.5;
    double mempool_poll_s = 5.0;

    template <class V>
    void describe(V& v) {
        v.field("latency_s", latency_s, "s", "block found -> the victim acts", sim::non_negative());
        v.field("fee_rate_sat_vb", fee_rate_sat_vb, "sat/vB",
                "first fee rate of its commitment package and claims", sim::positive());
        v.field("fee_policy", fee_policy, "-",
                "fixed: presigned rate; deadline: rate rises linearly to max_fee_share of the HTLC "
                "at the deadline",
                sim::one_of({"fixed", "deadline"}));
        v.field("max_fee_share", max_fee_share, "1",
                "most of an HTLC's value the victim pays to claim it", sim::in_range(0.0, 1.0));
        v.field("mempool_poll_s", mempool_poll_s, "s",
                "how often a node that scans its mempool looks at it", sim::positive());
    }
};

class HtlcHolder {
public:
    HtlcHolder(const HtlcHolderParams& p, const ImplementationPreset& preset,
               const adversary::TimeDilationParams& dilation, ChannelKeys& keys,
               const std::vector<Channel>& channels, std::uint32_t deadline_height);

    double latency_s(const bitcoin::World& w) {
        return p_.latency_s + dilation_.next_delay_s(w.now_s());
    }
    void set_index(bitcoin::AgentIndex i) { self_ = i; }
    void on_start(bitcoin::World& world);
    void on_block(bitcoin::Height height, bitcoin::World& world);
    void on_wake(std::uint32_t tag, bitcoin::World& world);
    /// Every HTLC resolved (claimed by the victim, or the preimage learned), or the deadline past.
    bool done(const bitcoin::World& world) const;

    std::uint64_t htlcs_claimed(
        const bitcoin::World& world) const;  ///< timeout claims confirmed by the deadline
    bool preimage_learned() const { return learned_height_.has_value(); }
    std::optional<bitcoin::Height> learned_height() const { return learned_height_; }
    std::optional<bitcoin::Height> last_claim_height(const bitcoin::World& world) const;
    const SentLedger& ledger() const { return ledger_; }
    std::uint32_t deadline() const { return deadline_; }

private:
    struct HtlcState {
        std::size_t channel = 0;
        std::uint32_t index = 0;
        std::vector<bitcoin::TxId> claims;  ///< every claim sent
        bitcoin::TxId current = 0;
        double rate = 0.0;
        bool resolved = false;  ///< its claim confirmed, or M spent it (revealing the preimage)
    };
    void drive_commitment(std::size_t c, bitcoin::World& world);
    void claim(HtlcState& h, bool on_victims, bitcoin::Height height, bitcoin::World& world);
    double claim_rate(bitcoin::Height height, double value_sat, double vbytes) const;
    std::optional<bool> confirmed_commitment(std::size_t c, const bitcoin::World& world) const;
    void scan(bitcoin::World& world);

    HtlcHolderParams p_;
    ImplementationPreset preset_;
    adversary::TimeDilation dilation_;
    ChannelKeys& keys_;
    const std::vector<Channel>& channels_;
    std::uint32_t deadline_;
    std::vector<HtlcState> htlcs_;
    std::vector<std::uint32_t> blocks_since_send_;  ///< per channel, for the commitment
    SentLedger ledger_;
    std::optional<bitcoin::Height> learned_height_;
    std::uint32_t sightings_ = 0;
    bitcoin::AgentIndex self_ = 0;
    /// Per channel: the ids of V's and M's commitments, and which one confirmed (as of the last
    /// block seen); the HTLC outputs a mempool scan watches. Cached so that done(), asked after
    /// every engine event, and the scans stay O(1) in the number of HTLCs.
    std::vector<std::pair<bitcoin::TxId, bitcoin::TxId>> commitment_ids_;
    std::vector<std::optional<bool>> confirmed_;
    std::unordered_set<bitcoin::Outpoint, bitcoin::OutpointHash> watched_;
    std::size_t resolved_ = 0;
    std::uint64_t replaced_seen_ = 0;  ///< the world's replacement count at the last mempool read
};

}  // namespace models::layer2::lightning

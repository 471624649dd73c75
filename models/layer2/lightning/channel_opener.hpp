// The channels the adversary opens to route its HTLCs into the victim (Flood & Loot, Harris and
// Zohar 2020, §4: the attacker's source node opens channels to the victims, whose HTLCs it then
// forwards on to its own target node). Each opening is a funding transaction in the world: one
// input of the adversary's, the 2-of-2 funding output (BOLT 3 "Funding Transaction Output",
// P2WSH) of the channel's capacity and a change output, at `funding_fee_rate_sat_vb`. Its size
// comes from the transaction builder's BIP141 weight: 10 overhead + 41 per input + 43 per
// P2WSH/P2TR output, plus the witness of a single-key spend, about 165 vB. The funding is broadcast
// at the world's start, so it confirms in the blocks before the dispute begins (BOLT 2
// minimum_depth: LND and CLN wait 3 confirmations; the dispute starts at dispute_start_blocks).
// The capital in the channels is locked from its broadcast until the run ends (the dispute
// resolved 6 deep): capacity x seconds, which the analysis prices at the capital's opportunity
// cost.
#pragma once

#include <cstdint>
#include <vector>

#include "models/bitcoin/world/world.hpp"
#include "models/layer2/lightning/channel_transactions.hpp"
#include "models/layer2/lightning/sent_ledger.hpp"

namespace models::layer2::lightning {

class ChannelOpener {
public:
    /// Opens `channels` channels of `capacity` each at `fee_rate_sat_vb`.
    ChannelOpener(ChannelKeys& keys, std::int64_t channels, bitcoin::Sat capacity,
                  double fee_rate_sat_vb);

    double latency_s(const bitcoin::World&) const { return 0.0; }
    void on_start(bitcoin::World& world);
    /// Re-sends a funding transaction that left the mempool unconfirmed (evicted by the mempool's
    /// size limit, say).
    void on_block(bitcoin::Height height, bitcoin::World& world);

    std::uint64_t channels_opened(const bitcoin::World& w) const;
    const SentLedger& ledger() const { return ledger_; }
    /// BTC x seconds the adversary's capital stayed committed to its channels, from each funding's
    /// first broadcast until `now_s`.
    double capital_btc_s(double now_s) const;

private:
    void send(std::size_t i, bitcoin::World& world);

    ChannelKeys& keys_;
    double fee_rate_sat_vb_;
    bitcoin::Sat capacity_;
    std::vector<bitcoin::Transaction> funding_;
    std::vector<double> sent_at_s_;  ///< first broadcast, or negative: never accepted
    SentLedger ledger_;
};

}  // namespace models::layer2::lightning

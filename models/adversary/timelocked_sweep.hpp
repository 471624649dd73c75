// The adversary's own spend of a contested output, along the path that opens when the honest
// party's window closes, with a fee that doubles as a timelocked bribe (Nadahalli, Khabbazian and
// Wattenhofer, "Timelocked Bribing", FC 2021): whoever mines it once it is valid earns `bribe_btc`,
// so pools that take bribes leave the honest claim out until then. The offer is published at the
// start (a bribe pools cannot see does not work); the transaction is broadcast as soon as it is
// final, paying the bribe or, without one, just enough to replace a pending honest claim under
// BIP125 rules 3, 4 and 6.
#pragma once

#include "models/bitcoin/world/world.hpp"
#include "models/layer2/dispute/dispute_setup.hpp"
#include "sim/params/field.hpp"

namespace models::adversary {

struct TimelockedSweepParams {
    double bribe_btc = 0.0;
    double fee_rate_sat_vb = 20.0;
    double latency_s = 0.0;

    template <class V>
    void describe(V& v) {
        v.field("bribe_btc", bribe_btc, "BTC",
                "fee the adversary's timelocked spend pays its miner (0: no bribe, only what replacing the claim needs)",
                sim::non_negative());
        v.field("fee_rate_sat_vb", fee_rate_sat_vb, "sat/vB",
                "least fee rate of the adversary's spend (it must outbid its own congestion filler)", sim::positive());
        v.field("latency_s", latency_s, "s", "block seen -> the adversary broadcasts", sim::non_negative());
    }
};

class TimelockedSweep {
public:
    TimelockedSweep(const TimelockedSweepParams& params, const layer2::DisputeSetup& dispute,
                    std::uint32_t window_blocks);

    double latency_s() const { return params_.latency_s; }
    void on_start(bitcoin::World& world);
    void on_block(bitcoin::Height height, bitcoin::World& world);

    bitcoin::TxId txid() const { return id_; }
    /// The fee of the sweep as broadcast (what its miner earns if it confirms).
    bitcoin::Sat fee() const { return fee_; }

private:
    bitcoin::Sat fee_needed(bitcoin::Weight w, const bitcoin::World& world) const;

    TimelockedSweepParams params_;
    const layer2::DisputeSetup& dispute_;
    std::uint32_t window_blocks_;
    bitcoin::TxId id_ = 0;
    bitcoin::Sat fee_;
    bool sent_ = false;
};

}  // namespace models::adversary

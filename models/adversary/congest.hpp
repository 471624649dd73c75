// Congestion: the adversary keeps `vbytes_per_block` of its own filler transactions pending at
// `fee_rate_sat_vb`, topping them up after every block while the dispute is open, so a claim that
// bids less waits behind them (the P-SPACE primitive: C = T x W x f for a victim with a fixed fee
// over T blocks). Filler spends the adversary's own coins and pays its fee only when it confirms,
// so the cost is the fees of the filler that confirmed.
#pragma once

#include <vector>

#include "models/bitcoin/world/world.hpp"
#include "models/layer2/dispute/dispute_setup.hpp"
#include "sim/params/field.hpp"

namespace models::adversary {

struct CongestParams {
    double fee_rate_sat_vb = 0.0;
    std::int64_t vbytes_per_block = 1'000'000;
    std::int64_t filler_vbytes = 50'000;

    template <class V>
    void describe(V& v) {
        v.field("fee_rate_sat_vb", fee_rate_sat_vb, "sat/vB", "fee rate of the filler (0: off)", sim::non_negative());
        v.field("vbytes_per_block", vbytes_per_block, "vB", "filler kept pending after every block",
                sim::in_range(1, 10'000'000));
        v.field("filler_vbytes", filler_vbytes, "vB",
                "size of one filler transaction (standard: at most 100,000 vB, policy/policy.h MAX_STANDARD_TX_WEIGHT)",
                sim::in_range(200, 100'000));
    }
};

class Congest {
public:
    Congest(const CongestParams& params, const layer2::DisputeSetup& dispute);

    double latency_s() const { return 0.0; }
    void on_start(bitcoin::World& world) { top_up(world); }
    void on_block(bitcoin::Height, bitcoin::World& world);

    /// Fees and vbytes of the filler that confirmed so far.
    bitcoin::Sat fees_confirmed(const bitcoin::World& world) const;
    std::int64_t vbytes_confirmed(const bitcoin::World& world) const;

private:
    void top_up(bitcoin::World& world);

    CongestParams params_;
    const layer2::DisputeSetup& dispute_;
    std::shared_ptr<const bitcoin::policy::Policy> own_;
    std::vector<bitcoin::Transaction> sent_;
};

}  // namespace models::adversary

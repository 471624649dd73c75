// Congestion: the adversary keeps `vbytes_per_block` of its own filler transactions pending at
// `fee_rate_sat_vb`, topping them up after every block while the dispute is open, so a claim that
// bids less waits behind them (the P-SPACE primitive: C = T x W x f for a victim with a fixed fee
// over T blocks). Blocks are filled in fee-rate order with whatever still fits (Bitcoin Core
// node/miner.cpp keeps trying smaller transactions after a misfit), so a claim slips into any gap
// the large filler leaves, and background that outbids the filler opens such gaps. The adversary
// therefore also keeps one large filler's worth of small filler pending, pieces no larger than a
// claim, which fills those gaps before the claim can. Filler spends the adversary's own coins and
// pays its fee only when it confirms, so the cost is the fees of the filler that confirmed.
#pragma once

#include <optional>
#include <vector>

#include "models/bitcoin/policy/path.hpp"

#include "models/bitcoin/world/world.hpp"
#include "models/layer2/dispute/dispute_setup.hpp"
#include "sim/params/field.hpp"

namespace models::adversary {

struct CongestParams {
    double fee_rate_sat_vb = 0.0;
    std::int64_t vbytes_per_block = 999'000;
    std::int64_t filler_vbytes = 20'000;
    std::int64_t small_filler_vbytes = 110;

    template <class V>
    void describe(V& v) {
        v.field("fee_rate_sat_vb", fee_rate_sat_vb, "sat/vB", "fee rate of the filler (0: off)", sim::non_negative());
        v.field("vbytes_per_block", vbytes_per_block, "vB", "filler kept pending after every block (999,000 = one full block)",
                sim::in_range(1, 10'000'000));
        v.field("filler_vbytes", filler_vbytes, "vB",
                "size of one filler transaction (standard: at most 100,000 vB, policy/policy.h MAX_STANDARD_TX_WEIGHT)",
                sim::in_range(200, 100'000));
        v.field("small_filler_vbytes", small_filler_vbytes, "vB",
                "size of the pieces that fill the gaps large filler leaves (a claim larger than this cannot slip in)",
                sim::in_range(65, 100'000));
    }
};

class Congest {
public:
    Congest(const CongestParams& params, const layer2::DisputeSetup& dispute, std::uint32_t window_blocks);

    double latency_s() const { return 0.0; }
    void on_start(bitcoin::World& world);
    void on_block(bitcoin::Height, bitcoin::World& world);

    /// Fees and vbytes of the filler that confirmed so far.
    bitcoin::Sat fees_confirmed(const bitcoin::World& world) const;
    std::int64_t vbytes_confirmed(const bitcoin::World& world) const;

private:
    void top_up(bitcoin::World& world);
    /// Keeps `target_vb` of pending filler in pieces of `piece_vb` (the last piece of each block's
    /// worth cut to fill it exactly); `sent` holds that kind's filler.
    void keep_pending(std::int64_t target_vb, std::int64_t piece_vb, double rate_sat_vb,
                      std::vector<bitcoin::TxId>& sent, bitcoin::World& world);
    bool send_filler(std::int64_t vbytes, double rate_sat_vb, std::vector<bitcoin::TxId>& sent, bitcoin::World& world);
    bool open(const bitcoin::World& world) const;

    CongestParams params_;
    std::uint32_t window_blocks_;
    const layer2::DisputeSetup& dispute_;
    std::shared_ptr<const bitcoin::policy::Policy> own_;
    std::optional<bitcoin::policy::Path> own_path_;
    std::vector<bitcoin::Transaction> sent_;  ///< every filler, for the cost
    std::vector<bitcoin::TxId> large_, small_;
};

}  // namespace models::adversary

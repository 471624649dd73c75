// Background demand for block space: the transactions of everyone who is not part of the Layer2
// protocol under study, competing with it for blocks. Their fee rates are lognormal around a level
// that moves from epoch to epoch as a log-AR(1), so calm hours and fee spikes alternate the way
// block fee-rate percentiles do (chainquery.com fee-pressure history, read 2026-12-02: 40% of
// blocks in a "low", 26% "moderate", 22% "high" and 12% "severe" fee regime since 2016).
// Background demand is aggregated into chunks for speed: each chunk is one mempool transaction
// spending a coin nobody else spends, its size log-uniform between `min_tx_vbytes` (a one-input
// one-output P2WPKH payment is ~110 vB) and `tx_vbytes`. Small chunks matter: a block is filled
// in fee-rate order with whatever still fits, so without them the gap a large chunk leaves at the
// end of a block would take any small Layer2 transaction whatever it bids. Every Layer2
// transaction stays an individual one.
// Over windows of thousands of blocks, realistic volume in transaction-sized chunks costs a
// mempool entry per transaction (about 2,200 per block at the quiet_2025 level). `chunk_vbytes`
// keeps the volume and the fee-rate law but aggregates it into fewer, larger chunks, each a
// batch of transactions that bid the same rate. A chunk is still one mempool transaction, so it
// stays within the standard size (100,000 vB, policy/policy.h MAX_STANDARD_TX_WEIGHT).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "models/bitcoin/tx/transaction.hpp"
#include "sim/params/field.hpp"
#include "sim/random/rng_stream.hpp"

namespace models::bitcoin {

struct DemandParams {
    /// custom: the keys below; or a named preset calibrated to a dated period (demand_presets.hpp).
    std::string preset = "custom";
    double arrival_vb_per_s = 1800.0;  ///< mean background vbytes per second (capacity is ~1,667)
    double fee_rate_median_sat_vb = 3.0;
    double fee_rate_sigma = 1.0;       ///< lognormal spread of one chunk's fee rate around the level
    double level_sd = 0.8;             ///< stationary sd of the log fee level
    double level_persistence = 0.9;    ///< AR(1) coefficient of the log level per epoch
    double epoch_s = 3600.0;
    std::int64_t tx_vbytes = 5000;
    std::int64_t min_tx_vbytes = 110;
    /// Aggregation: when above 0, the largest chunk after any preset (the volume in vB/s stays).
    std::int64_t chunk_vbytes = 0;
    /// Set by a preset, not a key: no wallet bids below it (0: the lognormal law as it is).
    double wallet_floor_sat_vb = 0.0;

    template <class V>
    void describe(V& v) {
        v.field("preset", preset, "-",
                "custom (the keys below) or a calibrated period that replaces them: quiet_2025 (June 2025: "
                "317,000 tx/day, median fee 1 sat/vB) or busy_2024 (April 2024 halving and Runes: 926,842 "
                "tx/day, ~99 sat/vB); sources in models/bitcoin/demand/demand_presets.cpp",
                sim::one_of({"custom", "quiet_2025", "busy_2024"}));
        v.field("arrival_vb_per_s", arrival_vb_per_s, "vB/s",
                "mean background demand; Bitcoin's capacity is 1,000,000 vB per 600 s = 1,667 vB/s",
                sim::non_negative());
        v.field("fee_rate_median_sat_vb", fee_rate_median_sat_vb, "sat/vB",
                "median fee rate of background transactions at the long-run level", sim::positive());
        v.field("fee_rate_sigma", fee_rate_sigma, "1", "lognormal sigma of one chunk's fee rate",
                sim::non_negative());
        v.field("level_sd", level_sd, "1", "stationary sd of the log fee level (fee-market swings)",
                sim::non_negative());
        v.field("level_persistence", level_persistence, "1", "AR(1) coefficient of the log level per epoch",
                sim::in_range(0.0, 0.999));
        v.field("epoch_s", epoch_s, "s", "how often the fee level moves", sim::positive());
        v.field("tx_vbytes", tx_vbytes, "vB", "largest aggregated background transaction",
                sim::in_range(100, 100'000));
        v.field("min_tx_vbytes", min_tx_vbytes, "vB",
                "smallest background transaction (sizes are log-uniform between the two)", sim::in_range(60, 100'000));
        v.field("chunk_vbytes", chunk_vbytes, "vB",
                "aggregate background demand into chunks of up to this size (log-uniform from min_tx_vbytes), "
                "after any preset, keeping the vbytes per second: fewer, larger chunks for long windows, each "
                "standing for many transactions at one fee rate (0: the sizes of the preset or of tx_vbytes; "
                "at most the standard 100,000 vB)",
                sim::in_range(0, 100'000));
    }
};

/// The first of `p`'s keys that contradicts another (a size range upside down), with the reason;
/// nothing when they agree. Every model that runs the world checks it.
std::optional<std::pair<std::string, std::string>> demand_rule_violation(const DemandParams& p);

/// Background transactions for one run. Ids come from the world (one counter for every tx).
class BackgroundDemand {
public:
    BackgroundDemand(const DemandParams& params, sim::RngStream rng);

    /// Seconds until the next chunk arrives (a Poisson process of rate arrival / chunk size).
    double next_gap_s();
    /// The chunk arriving at `now_s`, with id `id`; its fee rate follows the level at that time.
    Transaction arrival(double now_s, TxId id);
    /// False when no background transaction ever arrives (zero arrival after any preset).
    bool active() const { return params_.arrival_vb_per_s > 0.0; }
    /// The parameters in force (a preset applied).
    const DemandParams& params() const { return params_; }
    /// The current fee level's multiplier of the median (1 at the long-run level).
    double level() const { return level_; }

private:
    void move_level(double now_s);
    double mean_vbytes() const;

    DemandParams params_;
    sim::RngStream rng_;
    double log_level_ = 0.0;
    double level_ = 1.0;
    double next_epoch_s_ = 0.0;
};

/// Background coins are marked by this bit in their outpoint's txid so they never collide with a
/// modelled transaction's outputs.
inline constexpr TxId background_coin_bit = TxId{1} << 63;

}  // namespace models::bitcoin

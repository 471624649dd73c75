// One run of a Layer2 attack as recorded: physical quantities only, one field per outcome column
// of the layer2 model, in column order (Layer2Model::outcome_columns).
#pragma once

#include <limits>
#include <vector>

#include "models/run_stats.hpp"

namespace models::layer2 {

/// Everything one run records; one field per outcome column, in column order.
struct Record {
    double success = 0, value_at_risk_btc = 0, value_stolen_btc = 0, value_frozen_btc = 0;
    double hash_share = 0, rented = 0, hash_rel_peak = 0, hash_rel_seconds = 0, owned_hash_rel_seconds = 0;
    double attacker_bitcoin_blocks = 0, fees_paid_sat = 0, miner_bribes_btc = 0, key_bribes_btc = 0;
    double keys_corrupted = 0, stake_slashed_btc = 0, software_fault = 0, window_blocks = 0;
    double time_to_success_s = std::numeric_limits<double>::quiet_NaN(), duration_s = 0;
    double victim_fees_sat = 0, claim_wait_blocks = std::numeric_limits<double>::quiet_NaN();
    double channels_attacked = 0;
    /// Per-run engine statistics (models/run_stats.hpp): what the run's engine simulations did;
    /// 0 where the design's attack is sampled without the engine.
    RunStats engine;

    std::vector<double> row() const {
        std::vector<double> out{success, value_at_risk_btc, value_stolen_btc, value_frozen_btc, hash_share, rented,
                                hash_rel_peak, hash_rel_seconds, owned_hash_rel_seconds, attacker_bitcoin_blocks,
                                fees_paid_sat, miner_bribes_btc, key_bribes_btc, keys_corrupted, stake_slashed_btc,
                                software_fault, window_blocks, time_to_success_s, duration_s, victim_fees_sat,
                                claim_wait_blocks, channels_attacked};
        engine.append_to(out);
        return out;
    }
};

// charge_hash (the hash x time a run records) lives with the race rules in bitcoin_race.hpp.

}  // namespace models::layer2

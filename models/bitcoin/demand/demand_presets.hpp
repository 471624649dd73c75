// Named background-demand presets calibrated to published mempool statistics of a dated period
// (world.demand.preset). A preset replaces the demand's levels and variability; "custom" keeps the
// keys as the scenario wrote them. Each number says where it comes from and when it was read.
#pragma once

#include <string>

#include "models/bitcoin/demand/background_demand.hpp"

namespace models::bitcoin {

/// What a preset must reproduce in the simulated world
/// (tests/statistical/demand_calibration_test.cpp).
struct DemandTargets {
    double txs_per_day = 0.0;              ///< confirmed transactions per day
    double median_confirmed_sat_vb = 0.0;  ///< median fee rate of confirmed transactions
};

/// The preset names a scenario may give (besides "custom").
inline constexpr const char* demand_preset_names[] = {"custom", "quiet_2025", "busy_2024"};

/// `p` with its preset applied (unchanged for "custom"). Throws std::invalid_argument for an
/// unknown name (the key's one_of check runs first, so a scenario never reaches it).
DemandParams with_preset(const DemandParams& p);

/// The published figures a preset was calibrated to (zeros for "custom").
DemandTargets preset_targets(const std::string& preset);

}  // namespace models::bitcoin

// Closed forms for the main attack on each timelock-window design (README, "BitVM2, rollups,
// staking, Ark and statechains"): all-n collusion and k-of-n tails, censorship over a window,
// slashed stake, and the Ark mass-exit capacity.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "models/layer2/layer2_params.hpp"

namespace models::layer2::timelock_forms {

/// P(at least k of n keyholders, drawn like custody-peg keyholders, accept `offer_btc`).
double keys_tail(const PegParams& law, int n, int k, double offer_btc);
/// Ark: users that exit when the tree of 2N - 1 transactions competes for `window` blocks:
/// clamp(window * floor(phi W / w) - (N - 1), 0, N).
double ark_exits(const Layer2Params& p);
/// The exact values `l2sim exact` prints for a timelock-window design (BitVM2, rollup, Babylon, Ark, statechain).
std::vector<std::pair<std::string, double>> exact(const Layer2Params& p);

}  // namespace models::layer2::timelock_forms

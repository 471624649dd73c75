// Attacks on Lightning channels (model M4), each a strategy on the shared primitives:
// revoked-state broadcast with the justice transaction censored by majority hash, by a
// feather-forking minority (Miller 2013) or by timelocked bribes to rational miners (Nadahalli,
// Khabbazian and Wattenhofer 2021); Flood & Loot (Harris and Zohar 2020); congestion against
// fixed-fee transactions; and time dilation of an eclipsed victim (Riard and Naumenko 2020).
#pragma once

#include "models/layer2/attack_record.hpp"
#include "models/layer2/layer2_params.hpp"
#include "sim/model/model.hpp"

namespace models::layer2 {

/// One run of `p.layer2.attack` against a Lightning victim.
Record lightning_attack(const Layer2Params& p, const sim::RunInput& in);

}  // namespace models::layer2

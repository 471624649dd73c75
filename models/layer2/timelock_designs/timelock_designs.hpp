// One run of an attack on the designs whose security rests on timelocked windows: BitVM2 bridges, rollups composed from
// parts, Bitcoin staking (Babylon), Ark and statechains. Each reduces to the primitives of
// models/layer2/primitives.hpp with its own windows, committees and fee policies.
#pragma once

#include "models/layer2/attack_record.hpp"
#include "models/layer2/layer2_params.hpp"
#include "sim/model/model.hpp"

namespace models::layer2 {

/// Challenge and disprove windows of a BitVM2 preset (layer2-designs.md M5).
struct BitVm2Windows {
    int challenge_blocks, disprove_blocks;
    double collateral_btc, deposit_btc;
};
BitVm2Windows bitvm2_windows(const BitVm2Params& p);

Record bitvm2_attack(const Layer2Params& p, const sim::RunInput& in);
Record rollup_attack(const Layer2Params& p, const sim::RunInput& in);
Record staking_attack(const Layer2Params& p, const sim::RunInput& in);
Record ark_attack(const Layer2Params& p, const sim::RunInput& in);
Record statechain_attack(const Layer2Params& p, const sim::RunInput& in);

}  // namespace models::layer2

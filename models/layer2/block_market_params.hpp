// The block-space market a sampled Layer2 dispute runs in (the `layer2` model's BitVM2, Ark,
// statechain and Babylon attacks; models/layer2/block_space.hpp): what presigned transactions
// pay, how large a claim is, and the share of each block other users' demand takes at its fee
// rate. Every default is an input. (The agent-based Lightning model, `lightning`, has its own
// transaction-level world and does not use these keys.)
#pragma once

#include "sim/params/field.hpp"

namespace models::layer2 {

struct BlockMarketParams {
    double fixed_fee_rate_sat_vb = 10.0;
    double claim_vbytes = 300.0;
    double competing_share = 0.5;
    double competing_share_sd = 0.0;
    double competing_fee_rate_sat_vb = 20.0;

    template <class V>
    void describe(V& v) {
        // LND's towers presign justice at 10 sat/vB (shared/reference/layer2-designs.md M4).
        v.field("fixed_fee_rate_sat_vb", fixed_fee_rate_sat_vb, "sat/vB",
                "fee rate of presigned (non-bumping) dispute transactions", sim::positive());
        v.field("claim_vbytes", claim_vbytes, "vB",
                "size of a statechain backup claim (a one-input, one-output presigned spend)",
                sim::positive());
        v.field("competing_share", competing_share, "1",
                "share of each block taken by other users' demand at competing_fee_rate",
                sim::in_range(0.0, 1.0));
        v.field("competing_share_sd", competing_share_sd, "1",
                "block-to-block sd of that share (0: constant)", sim::in_range(0.0, 1.0));
        v.field("competing_fee_rate_sat_vb", competing_fee_rate_sat_vb, "sat/vB",
                "fee rate of competing demand", sim::non_negative());
    }
};

}  // namespace models::layer2

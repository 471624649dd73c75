// Bitcoin staking (Babylon, model M7): finality providers stake BTC; double-signing is slashed at
// slash_rate through a pre-signed slashing transaction that must confirm before the stake
// unbonds; checkpoints are final after checkpoint_depth Bitcoin blocks. A safety violation needs
// a third of the stake to double-sign.
#include "models/layer2/timelock_designs/timelock_designs.hpp"
#include "models/layer2/primitives.hpp"

namespace models::layer2 {

Record l1_reorg(const Layer2Params& p, int confirmations, const sim::RunInput& in);  // layer2_model.cpp

Record staking_attack(const Layer2Params& p, const sim::RunInput& in) {
    const auto& st = p.staking;
    const std::string& a = p.layer2.attack;
    Record r;
    const double share = p.attack.stake_share;
    const bool enough = share >= 1.0 / 3.0;  // BFT safety: a third of the voting power double-signs
    const double slash = st.slash_rate * share * st.stake_btc;
    const double fee = st.slashing_fee_rate_sat_vb * st.slashing_vbytes * 1e-8;
    const int unbonding = static_cast<int>(st.unbonding_blocks);
    if (a == "long_range") {
        r = l1_reorg(p, static_cast<int>(st.checkpoint_depth), in);
    } else if (a == "double_sign") {
        r.success = enough;
        r.stake_slashed_btc = enough ? slash : 0.0;
    } else {
        // Escape the slash: keep the pre-signed slashing tx out of blocks until the stake unbonds.
        r = a == "escape_slash" ? censor_tx(p.attack.hash_share, unbonding, unbonding, fee, in)
                                : congest(p.market, st.slashing_vbytes, st.slashing_fee_rate_sat_vb,
                                          st.slashing_fee_rate_sat_vb, unbonding, p.attack.fee_rate_sat_vb, in);
        const bool escaped = r.success > 0;
        r.success = enough && escaped;
        r.stake_slashed_btc = enough && !escaped ? slash : 0.0;
    }
    r.value_at_risk_btc = st.secured_value_btc;
    r.value_stolen_btc = r.success * st.secured_value_btc;
    return r;
}

}  // namespace models::layer2

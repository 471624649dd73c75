// Statechains (model M8, mercurylayer): the statechain entity and the owner share the key; each
// transfer gives the new owner a backup transaction whose locktime is decrement_blocks lower.
// Theft needs the entity's keys to collude with a previous owner, or the previous owner to keep
// the current owner's backup out of blocks for decrement_blocks until its own becomes valid.
#include "models/layer2/timelock_designs/timelock_designs.hpp"
#include "models/layer2/primitives.hpp"

namespace models::layer2 {

Record statechain_attack(const Layer2Params& p, const sim::RunInput& in) {
    const auto& sc = p.statechain;
    Record r;
    if (p.layer2.attack == "operator_collusion") {
        r = corrupt_keys(p.peg, static_cast<int>(sc.operators), static_cast<int>(sc.operator_threshold),
                         p.attack.bribe_per_signer_btc, in, 61);
    } else {  // backup_censor
        const int gap = static_cast<int>(sc.decrement_blocks);
        r = censor_tx(p.attack.hash_share, gap, gap, p.market.fixed_fee_rate_sat_vb * p.market.claim_vbytes * 1e-8, in);
    }
    r.value_at_risk_btc = sc.coin_btc;
    r.value_stolen_btc = r.success * sc.coin_btc;
    return r;
}

}  // namespace models::layer2

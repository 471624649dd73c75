// A rollup composed from parts (model M6): data availability (on Bitcoin, or a k-of-n committee),
// a bridge (a custody peg or BitVM2) and an optional upgrade path with a delay. Each attack family
// targets one part; the rollup's cheapest attack is the minimum over its parts, which the
// estimator marks (`cheapest_for_design`).
#include "models/layer2/timelock_designs/timelock_designs.hpp"
#include "models/layer2/federation.hpp"
#include "models/layer2/primitives.hpp"

namespace models::layer2 {

Record l1_reorg(const Layer2Params& p, int confirmations, const sim::RunInput& in);  // layer2_model.cpp

namespace {
constexpr std::uint64_t da_stream = 41, bridge_stream = 42, upgrade_stream = 43;
}

Record rollup_attack(const Layer2Params& p, const sim::RunInput& in) {
    const auto& ro = p.rollup;
    const std::string& a = p.layer2.attack;
    const double offer = p.attack.bribe_per_signer_btc;
    Record r;
    if (a == "da_withholding") {
        // Data on Bitcoin can only be withheld by reorging it away; a committee can attest to
        // data it withholds once da_threshold members collude.
        r = ro.data_availability == "bitcoin"
                ? l1_reorg(p, static_cast<int>(p.l1.confirmations), in)
                : corrupt_keys(p.peg, static_cast<int>(ro.da_committee), static_cast<int>(ro.da_threshold), offer, in, da_stream);
    } else if (a == "bridge_theft") {
        if (ro.bridge == "custody_peg") {
            const FederationShape s = shape_of(p.peg);
            r = corrupt_keys(p.peg, s.signers, s.threshold, offer, in, bridge_stream);
        } else {
            const int n = static_cast<int>(p.bitvm2.committee);
            r = corrupt_keys(p.peg, n, n, offer, in, bridge_stream);
        }
    } else {  // malicious_upgrade: it steals only if it lands before users can leave
        const bool possible = ro.upgrade_keys > 0 && ro.upgrade_delay_days < ro.exit_window_days;
        r = corrupt_keys(p.peg, static_cast<int>(std::max<std::int64_t>(ro.upgrade_keys, 1)),
                         static_cast<int>(std::max<std::int64_t>(ro.upgrade_threshold, 1)), offer, in, upgrade_stream);
        if (!possible) r = Record{};
    }
    r.value_at_risk_btc = ro.value_btc;
    (a == "da_withholding" ? r.value_frozen_btc : r.value_stolen_btc) = r.success * ro.value_btc;
    return r;
}

}  // namespace models::layer2

// BitVM2 bridge (model M5): an n-of-n peg-in committee presigns the graph; operators front
// peg-outs and claim reimbursement; any one honest challenger can challenge a false claim within
// the challenge window, and disprove a false assertion within the disprove window. Theft needs the
// whole committee, or every challenge (or disprove) kept out of blocks for its window; a freeze
// needs every operator to stop.
#include <cmath>

#include "models/layer2/timelock_designs/timelock_designs.hpp"
#include "models/layer2/primitives.hpp"

namespace models::layer2 {

BitVm2Windows bitvm2_windows(const BitVm2Params& p) {
    if (p.preset == "take1") return {432, 2016, p.collateral_btc, p.deposit_btc};  // BitVM reference Take-1
    if (p.preset == "clementine") return {1008, 5040, 0.99, 10.0};                 // Citrea Clementine
    if (p.preset == "goat") return {2016, 2016, p.collateral_btc, p.deposit_btc};  // GOAT network
    return {static_cast<int>(p.challenge_window_blocks), static_cast<int>(p.disprove_window_blocks), p.collateral_btc,
            p.deposit_btc};
}

namespace {

constexpr std::uint64_t committee_stream = 31, operator_stream = 32;

Record censor_challenges(const Layer2Params& p, const BitVm2Windows& w, const sim::RunInput& in) {
    const auto& b = p.bitvm2;
    const int window = b.censored_tx == "challenge" ? w.challenge_blocks : w.disprove_blocks;
    const double fixed_rate = p.market.fixed_fee_rate_sat_vb;
    // Many challengers compete for the operator's collateral, so the best challenge bids up to it.
    const double max_rate = b.challengers_bump ? w.collateral_btc * 1e8 / b.challenge_vbytes : fixed_rate;
    const double fee_btc = max_rate * b.challenge_vbytes * 1e-8;
    const std::string& a = p.layer2.attack;
    if (a == "censor_majority") return censor_tx(p.attack.hash_share, window, window, fee_btc, in);
    if (a == "censor_feather_fork")
        return censor_tx(p.attack.hash_share, static_cast<int>(p.attack.feather_fork_depth), window, fee_btc, in);
    if (a == "censor_bribery") return timelocked_bribe(p.miners.template_shares, p.attack.miner_bribe_btc, fee_btc, window, in);
    return congest(p.market, b.challenge_vbytes, fixed_rate, max_rate, window, p.attack.fee_rate_sat_vb, in);
}

}  // namespace

Record bitvm2_attack(const Layer2Params& p, const sim::RunInput& in) {
    const BitVm2Windows w = bitvm2_windows(p.bitvm2);
    const std::string& a = p.layer2.attack;
    Record r;
    if (a == "committee_collusion") {
        const int n = static_cast<int>(p.bitvm2.committee);
        r = corrupt_keys(p.peg, n, n, p.attack.bribe_per_signer_btc, in, committee_stream);
    } else if (a == "operator_freeze") {
        const int m = static_cast<int>(p.bitvm2.operators);
        r = corrupt_keys(p.peg, m, m, p.attack.bribe_per_signer_btc, in, operator_stream);
    } else {
        r = censor_challenges(p, w, in);
    }
    r.value_at_risk_btc = w.deposit_btc;
    (a == "operator_freeze" ? r.value_frozen_btc : r.value_stolen_btc) = r.success * w.deposit_btc;
    return r;
}

}  // namespace models::layer2

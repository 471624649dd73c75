// See timelock_closed_forms.hpp.
#include "models/layer2/timelock_designs/timelock_closed_forms.hpp"

#include <algorithm>
#include <cmath>

#include "models/attacks/closed_forms.hpp"
#include "models/attacks/markov_exact.hpp"
#include "models/layer2/timelock_designs/timelock_designs.hpp"
#include "models/layer2/federation.hpp"
#include "models/layer2/layer2_closed_forms.hpp"

namespace models::layer2::timelock_forms {

namespace cf = attacks::closed_forms;

double keys_tail(const PegParams& law, int n, int k, double offer_btc) {
    std::vector<double> p;
    for (int i = 0; i < n; ++i) p.push_back(closed_forms::accept_probability(law, i, n, offer_btc));
    return closed_forms::poisson_binomial_tail(p, k);
}

double ark_exits(const Layer2Params& p) {
    const auto& ark = p.ark;
    const auto& m = p.market;
    const double max_rate = ark.users_bump ? ark.vtxo_btc * 1e8 / ark.node_vbytes : m.fixed_fee_rate_sat_vb;
    const bool outbid = max_rate > m.competing_fee_rate_sat_vb || m.competing_share == 0.0;
    const double phi = outbid ? 1.0 : 1.0 - m.competing_share;
    const double window = static_cast<double>(ark.vtxo_lifetime_blocks - ark.exit_delay_blocks);
    const double capacity = window * std::floor(phi * 1e6 / ark.node_vbytes);
    const double n = static_cast<double>(ark.users);
    return std::clamp(capacity - (n - 1), 0.0, n);
}

namespace {

using Values = std::vector<std::pair<std::string, double>>;

Values race(const Layer2Params& p, int z) {
    const double q = p.attack.hash_share;
    if (z > 400) return {{"success_probability_never_give_up", cf::double_spend_overtake(q, z)}};
    return {{"success_probability", attacks::double_spend_markov(q, z, static_cast<int>(p.attack.give_up_deficit), true)}};
}

Values bitvm2(const Layer2Params& p) {
    const auto& b = p.bitvm2;
    const auto w = bitvm2_windows(b);
    const std::string& a = p.layer2.attack;
    const double offer = p.attack.bribe_per_signer_btc;
    if (a == "committee_collusion") return {{"success_probability", keys_tail(p.peg, static_cast<int>(b.committee), static_cast<int>(b.committee), offer)}};
    if (a == "operator_freeze") return {{"success_probability", keys_tail(p.peg, static_cast<int>(b.operators), static_cast<int>(b.operators), offer)}};
    const int window = b.censored_tx == "challenge" ? w.challenge_blocks : w.disprove_blocks;
    const double rate = b.challengers_bump ? w.collateral_btc * 1e8 / b.challenge_vbytes : p.market.fixed_fee_rate_sat_vb;
    if (a == "censor_majority") return {{"success_probability", cf::censored_unconfirmed(p.attack.hash_share, window, window)}};
    if (a == "censor_feather_fork")
        return {{"success_probability", cf::censored_unconfirmed(p.attack.hash_share, static_cast<int>(p.attack.feather_fork_depth), window)}};
    if (a == "censor_bribery")
        return {{"success_probability", closed_forms::timelocked_bribery_success(p.miners.template_shares, p.attack.miner_bribe_btc,
                                                                         rate * b.challenge_vbytes * 1e-8, window)}};
    return {{"succeeds_iff_filler_rate_above_sat_vb", rate}};
}

Values rollup(const Layer2Params& p) {
    const auto& ro = p.rollup;
    const double offer = p.attack.bribe_per_signer_btc;
    if (p.layer2.attack == "da_withholding")
        return ro.data_availability == "bitcoin" ? race(p, static_cast<int>(p.l1.confirmations))
                                                 : Values{{"success_probability", keys_tail(p.peg, static_cast<int>(ro.da_committee), static_cast<int>(ro.da_threshold), offer)}};
    if (p.layer2.attack == "bridge_theft") {
        if (ro.bridge == "bitvm2") {
            const int n = static_cast<int>(p.bitvm2.committee);
            return {{"success_probability", keys_tail(p.peg, n, n, offer)}};
        }
        const auto s = shape_of(p.peg);
        return {{"success_probability", keys_tail(p.peg, s.signers, s.threshold, offer)}};
    }
    const bool possible = ro.upgrade_keys > 0 && ro.upgrade_delay_days < ro.exit_window_days;
    return {{"success_probability", possible ? keys_tail(p.peg, static_cast<int>(ro.upgrade_keys), static_cast<int>(ro.upgrade_threshold), offer) : 0.0}};
}

Values staking(const Layer2Params& p) {
    const auto& st = p.staking;
    const double share = p.attack.stake_share;
    const bool enough = share >= 1.0 / 3.0;
    const int unbonding = static_cast<int>(st.unbonding_blocks);
    if (p.layer2.attack == "long_range") return race(p, static_cast<int>(st.checkpoint_depth));
    if (p.layer2.attack == "double_sign")
        return {{"success_probability", enough ? 1.0 : 0.0}, {"stake_slashed_btc", enough ? st.slash_rate * share * st.stake_btc : 0.0}};
    if (p.layer2.attack == "escape_slash")
        return {{"success_probability", enough ? cf::censored_unconfirmed(p.attack.hash_share, unbonding, unbonding) : 0.0}};
    return {{"succeeds_iff_filler_rate_above_sat_vb", st.slashing_fee_rate_sat_vb}};
}

}  // namespace

std::vector<std::pair<std::string, double>> exact(const Layer2Params& p) {
    const std::string& d = p.layer2.design;
    if (d == "bitvm2") return bitvm2(p);
    if (d == "rollup") return rollup(p);
    if (d == "babylon") return staking(p);
    if (d == "ark") return {{"users_exited", ark_exits(p)}, {"users_stranded", static_cast<double>(p.ark.users) - ark_exits(p)}};
    const auto& sc = p.statechain;
    if (p.layer2.attack == "operator_collusion")
        return {{"success_probability", keys_tail(p.peg, static_cast<int>(sc.operators), static_cast<int>(sc.operator_threshold),
                                                  p.attack.bribe_per_signer_btc)}};
    const int gap = static_cast<int>(sc.decrement_blocks);
    return {{"success_probability", cf::censored_unconfirmed(p.attack.hash_share, gap, gap)}};
}

}  // namespace models::layer2::timelock_forms

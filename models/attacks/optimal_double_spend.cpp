// See optimal_double_spend.hpp.
#include "models/attacks/optimal_double_spend.hpp"

namespace models::attacks {

DoubleSpendEconomics double_spend_economics(const BitcoinParams& p) {
    const auto& at = p.attacker;
    // MiningProcess: rented hash joins an unchanged honest network, so blocks come 1/(1-q) faster.
    const double tau = p.chain.block_interval_s * (at.rented ? 1.0 - at.hash_share : 1.0);
    return {at.hash_share, static_cast<int>(p.merchant.confirmations), at.success_rule == "overtake", at.rented,
            at.double_spend_value_sat, at.block_reward_sat, at.hash_rent_sat_per_s, tau};
}

OptimalDoubleSpend::OptimalDoubleSpend(const BitcoinParams& p, RaceWorld& w)
    : policy_(double_spend_economics(p), double_spend_max_blocks) {
    w.tx_broadcast = true;  // the payment: honest miners include it in their next block
}

void OptimalDoubleSpend::on_attacker_block(BlockId b, RaceWorld& w) {
    private_tip_ = b;
    check(w);
}

void OptimalDoubleSpend::on_honest_block(BlockId, RaceWorld& w) { check(w); }

void OptimalDoubleSpend::check(RaceWorld& w) {
    const int h = static_cast<int>(w.honest.height());
    const int a = static_cast<int>(w.store[private_tip_].height);
    if (!policy_.keep_going(0, 0)) {  // not worth starting: the first block ends it, unchanged
        finished_ = true;
        return;
    }
    if (policy_.success_state(a, h))
        win(w, static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(h));
    else if (!policy_.keep_going(a, h))
        abandon(w);
}

}  // namespace models::attacks

// See double_spend.hpp.
#include "models/attacks/double_spend.hpp"

namespace models::attacks {

DoubleSpend::DoubleSpend(std::uint32_t z, std::uint32_t give_up_deficit, bool overtake)
    : z_(z), deficit_(give_up_deficit), overtake_(overtake) {}

DoubleSpend::DoubleSpend(const BitcoinParams& p, RaceWorld& w)
    : DoubleSpend(static_cast<std::uint32_t>(p.merchant.confirmations),
                  static_cast<std::uint32_t>(p.attacker.give_up_deficit), p.attacker.success_rule == "overtake") {
    w.tx_broadcast = true;  // the payment: honest miners include it in their next block
}

void DoubleSpend::on_attacker_block(BlockId b, RaceWorld& w) {
    private_tip_ = b;
    check(w);
}

void DoubleSpend::on_honest_block(BlockId, RaceWorld& w) { check(w); }

void DoubleSpend::check(RaceWorld& w) {
    const std::uint32_t h = w.honest.height();                 // honest blocks since the fork
    const std::uint32_t a = w.store[private_tip_].height;      // attacker blocks since the fork
    const bool merchant_paid = h >= z_;                        // the payment block is height 1
    if (merchant_paid && (overtake_ ? a > h : a >= h)) win(w, a, h);
    else if (h >= a + deficit_) abandon(w);
}

void PrivateBranchRace::win(RaceWorld& w, std::uint32_t a, std::uint32_t h) {
    if (a > h) w.publish(private_tip_);
    result_.success = true;
    result_.time_to_success_s = w.now_s;
    result_.attack_duration_s = w.now_s;
    finished_ = true;
}

void PrivateBranchRace::abandon(const RaceWorld& w) {
    result_.attack_duration_s = w.now_s;
    finished_ = true;
}

}  // namespace models::attacks

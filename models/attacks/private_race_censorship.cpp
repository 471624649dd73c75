// See private_race_censorship.hpp.
#include "models/attacks/private_race_censorship.hpp"

#include "models/attacks/censorship.hpp"

namespace models::attacks {

PrivateRaceCensorship::PrivateRaceCensorship(const BitcoinParams& p, RaceWorld& w)
    : window_(static_cast<std::uint32_t>(p.attacker.censor_window_blocks)),
      deficit_(static_cast<std::uint32_t>(p.attacker.give_up_deficit)) {
    w.tx_broadcast = true;  // honest miners include the tx in their next block
}

void PrivateRaceCensorship::on_attacker_block(BlockId b, RaceWorld& w) {
    private_tip_ = b;
    check(w);
}

void PrivateRaceCensorship::on_honest_block(BlockId, RaceWorld& w) { check(w); }

void PrivateRaceCensorship::check(RaceWorld& w) {
    const std::uint32_t a = w.store[private_tip_].height;  // the fork point is the window's start
    const std::uint32_t h = w.honest.height();
    if (a >= window_ && a > h) {
        w.publish(private_tip_);  // strictly longer: honest nodes switch to a window without the tx
        finished_ = true;
    } else if (h >= a + deficit_) {
        finished_ = true;
    }
}

void PrivateRaceCensorship::finish(RaceWorld& w) { result_ = censorship_outcome(w, window_); }

}  // namespace models::attacks

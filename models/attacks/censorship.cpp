// See censorship.hpp.
#include "models/attacks/censorship.hpp"

namespace models::attacks {

Censorship::Censorship(const BitcoinParams& p, RaceWorld& w)
    : depth_(static_cast<std::uint32_t>(p.attacker.feather_fork_depth)),
      window_(static_cast<std::uint32_t>(p.attacker.censor_window_blocks)) {
    w.tx_broadcast = true;
}

BlockId Censorship::target(const RaceWorld& w) const {
    const BlockId tip = w.honest.tip();
    if (depth_ == 0 || !w.store[tip].tx_in_chain) return bitcoin::no_block;
    BlockId b = tip;
    while (!w.store[b].has_tx) b = w.store[b].parent;
    return w.honest.confirmations(b) <= depth_ ? b : bitcoin::no_block;
}

BlockId Censorship::attacker_parent(const RaceWorld& w) const {
    if (private_tip_ != bitcoin::no_block) return private_tip_;
    const BlockId t = target(w);
    return t == bitcoin::no_block ? w.honest.tip() : w.store[t].parent;
}

void Censorship::on_attacker_block(BlockId b, RaceWorld& w) {
    if (target(w) == bitcoin::no_block && private_tip_ == bitcoin::no_block) {
        w.publish(b);  // nothing to fork away: an ordinary block without the tx
        return;
    }
    private_tip_ = b;
    if (w.store[b].height > w.honest.height()) {  // strictly longer: honest nodes switch
        w.publish(b);
        private_tip_ = bitcoin::no_block;
    }
}

void Censorship::on_honest_block(BlockId, RaceWorld& w) {
    if (private_tip_ != bitcoin::no_block && target(w) == bitcoin::no_block) private_tip_ = bitcoin::no_block;
}

bool Censorship::done(const RaceWorld& w) const {
    // Decided once the window has passed with no race under way, and the tx is either absent (the
    // censor only ever removes it, so the first window blocks stay without it) or buried deeper
    // than the censor will fork.
    if (private_tip_ != bitcoin::no_block || w.honest.height() < window_) return false;
    return !w.store[w.honest.tip()].tx_in_chain || target(w) == bitcoin::no_block;
}

AttackResult censorship_outcome(const RaceWorld& w, std::uint32_t window_blocks) {
    AttackResult r;
    BlockId b = w.honest.tip();
    if (w.store[b].tx_in_chain) {
        while (!w.store[b].has_tx) b = w.store[b].parent;
        r.tx_confirm_block = w.store[b].height;
    }
    r.success = !(r.tx_confirm_block <= window_blocks);  // NaN (never confirmed) is a success
    r.attack_duration_s = w.now_s;
    if (r.success) r.time_to_success_s = w.now_s;
    return r;
}

void Censorship::finish(RaceWorld& w) { result_ = censorship_outcome(w, window_); }

}  // namespace models::attacks

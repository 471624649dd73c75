// See selfish_mining.hpp. Leads are height differences against the honest view's tip.
#include "models/attacks/selfish_mining.hpp"

namespace models::attacks {

template <class World>
void SelfishMining::on_attacker_block(BlockId b, World& w) {
    private_tip_ = b;
    // State 0' (a published tie): the new block wins the race at once.
    const BlockId rival = w.honest.rival();
    if (rival != bitcoin::no_block && w.store.is_ancestor(rival, b) &&
        w.store[b].height == w.honest.height() + 1)
        w.publish(b);
}

template <class World>
void SelfishMining::on_honest_block(BlockId b, World& w) {
    const auto hp = w.store[private_tip_].height;
    const auto hb = w.store[b].height;
    if (hp < hb) {
        private_tip_ = w.honest.tip();  // behind or lost the tie: adopt the public chain
    } else if (hp == hb) {
        w.publish(private_tip_);        // lead was 1: race (honest view keeps first-seen, rival = ours)
    } else if (hp == hb + 1) {
        w.publish(private_tip_);        // lead was 2: publish all, the private chain wins
    } else {
        w.publish(w.store.ancestor_at(private_tip_, hb));  // lead > 2: reveal one block
    }
}

template <class World>
void SelfishMining::finish(World& w) {
    if (w.store[private_tip_].height > w.honest.height()) w.publish(private_tip_);
}

template void SelfishMining::on_attacker_block(BlockId, RaceWorld&);
template void SelfishMining::on_honest_block(BlockId, RaceWorld&);
template void SelfishMining::finish(RaceWorld&);
template void SelfishMining::on_attacker_block(BlockId, bitcoin::AttackerNodeWorld&);
template void SelfishMining::on_honest_block(BlockId, bitcoin::AttackerNodeWorld&);
template void SelfishMining::finish(bitcoin::AttackerNodeWorld&);

}  // namespace models::attacks

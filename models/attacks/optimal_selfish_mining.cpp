// See optimal_selfish_mining.hpp.
#include "models/attacks/optimal_selfish_mining.hpp"

namespace models::attacks {

OptimalSelfishMining::OptimalSelfishMining(const BitcoinParams& p)
    : policy_(cached_optimal_selfish_policy(p.attacker.hash_share, p.attacker.gamma, selfish_mdp_max_fork_blocks)) {}

template <class World>
void OptimalSelfishMining::on_attacker_block(BlockId b, World& w) {
    private_tip_ = b;
    if (fork_ != ForkState::active) fork_ = ForkState::irrelevant;  // a tie race stays under way
    act(w);
}

template <class World>
void OptimalSelfishMining::on_honest_block(BlockId, World& w) {
    fork_ = ForkState::relevant;  // a tie race ends with any honest block, on either side
    act(w);
}

template <class World>
void OptimalSelfishMining::act(World& w) {
    const BlockId fork = w.store.common_ancestor(private_tip_, w.honest.tip());
    const auto base = w.store[fork].height;
    const int a = static_cast<int>(w.store[private_tip_].height - base);
    const int h = static_cast<int>(w.honest.height() - base);
    switch (policy_.at(a, h, fork_)) {
        case SelfishAction::adopt:
            private_tip_ = w.honest.tip();
            fork_ = ForkState::irrelevant;
            break;
        case SelfishAction::override_chain:  // h + 1 blocks: strictly longer, honest nodes switch
            w.publish(w.store.ancestor_at(private_tip_, base + static_cast<std::uint32_t>(h) + 1));
            fork_ = ForkState::irrelevant;
            break;
        case SelfishAction::match:  // h blocks: a tie the honest nodes see second
            w.publish(w.store.ancestor_at(private_tip_, base + static_cast<std::uint32_t>(h)));
            fork_ = ForkState::active;
            break;
        case SelfishAction::wait: break;
    }
}

template <class World>
void OptimalSelfishMining::finish(World& w) {
    if (w.store[private_tip_].height > w.honest.height()) w.publish(private_tip_);
}

template void OptimalSelfishMining::on_attacker_block(BlockId, RaceWorld&);
template void OptimalSelfishMining::on_honest_block(BlockId, RaceWorld&);
template void OptimalSelfishMining::finish(RaceWorld&);
template void OptimalSelfishMining::on_attacker_block(BlockId, bitcoin::AttackerNodeWorld&);
template void OptimalSelfishMining::on_honest_block(BlockId, bitcoin::AttackerNodeWorld&);
template void OptimalSelfishMining::finish(bitcoin::AttackerNodeWorld&);

}  // namespace models::attacks

// See escrow_voters.hpp.
#include "models/layer2/roles/escrow_voters.hpp"

#include <algorithm>
#include <numeric>

#include "models/layer2/planner/stage.hpp"

namespace models::layer2::roles {

EscrowVoters::EscrowVoters(const design::HashrateEscrow& spec, std::vector<bool> alarms, bitcoin::Outpoint coin,
                           bitcoin::TxOut coin_out, bitcoin::KeyId rule_key,
                           std::shared_ptr<const bitcoin::policy::Policy> payout)
    : spec_(spec),
      alarms_(std::move(alarms)),
      coin_(coin),
      coin_out_(std::move(coin_out)),
      rule_key_(rule_key),
      payout_policy_(std::move(payout)) {}

PoolVote EscrowVoters::vote_of(std::size_t pool, std::int64_t since, const bitcoin::World& world) const {
    if (world.controlled(pool)) return PoolVote::ack;
    if (alarms_.at(pool) && since > spec_.alarm_after_blocks) return PoolVote::alarm;
    return spec_.honest_vote == "alarm" ? PoolVote::alarm : PoolVote::abstain;
}

void EscrowVoters::on_block(bitcoin::Height, bitcoin::World& world) {
    // The escrow plan orders no fork, so the chain only grows: count each new block once.
    const auto& blocks = world.blocks();
    for (; counted_ < blocks.size(); ++counted_) count(blocks[counted_].pool, world);
    if (approved_ && payout_ == 0) pay_out(world);
}

void EscrowVoters::count(std::size_t pool, bitcoin::World& world) {
    if (approved_) return;
    if (!proposed_) {
        // M3: the adversary's pools propose the bundle in their first block; it is the first ACK.
        if (!world.controlled(pool)) return;
        proposed_ = true;
        proposal_h_ = world.blocks()[counted_].height;
        score_ = 1;
        since_ = 1;
    } else {
        if (since_ >= spec_.window_blocks) return;  // the window closed: the bundle failed
        ++since_;
        const PoolVote v = vote_of(pool, since_, world);
        if (v == PoolVote::ack) ++score_;
        if (v == PoolVote::alarm) score_ = std::max<std::int64_t>(0, score_ - 1);
    }
    if (score_ >= spec_.ack_required) approved_ = true;
}

void EscrowVoters::pay_out(bitcoin::World& world) {
    // M6: the approved bundle spends the escrow coin. The rule key stands for BIP300's check
    // that the spend matches an approved bundle hash.
    payout_ = world.next_txid();
    world.orders().allowed.push_back(payout_);
    bitcoin::policy::Assets a;
    a.keys = {rule_key_};
    a.height = world.tip_height() + 1;
    const auto tx = planner::spend_along(payout_, coin_, coin_out_, a, payout_policy_, [](bitcoin::Weight w) {
        return bitcoin::FeeRate{1.0}.fee_for(w);
    });
    if (tx.inputs.empty() || !world.broadcast(tx).accepted()) payout_ = 0;
}

bool EscrowVoters::decided(const bitcoin::World& world) const {
    if (payout_ != 0 && world.confirmed_at(payout_)) return true;
    if (!proposed_ || approved_) return false;
    // Even an ACK in every remaining block could not reach the threshold.
    return score_ + (spec_.window_blocks - since_) < spec_.ack_required;
}

std::vector<bool> alarming_pools(const bitcoin::World& world, double share) {
    const auto& pools = world.pools();
    std::vector<bool> out(pools.size(), false);
    double honest = 0.0;
    for (std::size_t i = 0; i < pools.size(); ++i)
        if (!world.controlled(i)) honest += pools.share(i);
    if (share <= 0.0 || honest <= 0.0) return out;
    std::vector<std::size_t> order(pools.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return pools.share(a) > pools.share(b); });
    double taken = 0.0;
    for (std::size_t i : order) {
        if (world.controlled(i)) continue;
        if (taken >= share * honest * (1.0 - 1e-12)) break;
        out[i] = true;
        taken += pools.share(i);
    }
    return out;
}

}  // namespace models::layer2::roles

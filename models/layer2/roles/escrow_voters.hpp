// The pools of the world voting on a BIP300 withdrawal bundle (bitcoin/bips bip-0300.mediawiki,
// M3 "Propose Bundle" and M4 "ACK Bundle(s)", read 2026-12-02). The votes ride in coinbases, so
// each block of the chain carries the vote of the pool that found it, by that pool's policy:
// pools the adversary controls propose the theft bundle in their first block (M3 counts as its
// first upvote) and upvote it in every later block; honest pools abstain (no M4) or raise the
// alarm (the 0xFE virtual bundle: every bundle loses one ACK) by the design's `honest_vote`, and
// the honest pools named as watchful switch to the alarm `alarm_after_blocks` after the proposal
// (the time they need to see that the bundle pays the wrong people). The score never goes below
// zero. Once it reaches `ack_required` before the window closes, the escrow coin may be spent by
// the bundle (M6): the agent broadcasts it, and the outcome is whether it confirmed.
#pragma once

#include <memory>
#include <vector>

#include "models/bitcoin/world/world.hpp"
#include "models/layer2/design/consensus.hpp"

namespace models::layer2::roles {

enum class PoolVote { ack, abstain, alarm };

class EscrowVoters {
public:
    /// `alarms[i]`: honest pool i switches to the alarm once it has seen the bundle. `rule_key`
    /// stands for the consensus rule that lets an approved bundle spend the escrow coin.
    EscrowVoters(const design::HashrateEscrow& spec, std::vector<bool> alarms, bitcoin::Outpoint coin,
                 bitcoin::TxOut coin_out, bitcoin::KeyId rule_key,
                 std::shared_ptr<const bitcoin::policy::Policy> payout);

    double latency_s() const { return 0.0; }
    void on_block(bitcoin::Height height, bitcoin::World& world);
    /// The bundle paid out, or can no longer reach the threshold within its window.
    bool decided(const bitcoin::World& world) const;

    /// The vote the pool that found a block `since` blocks after the proposal casts.
    PoolVote vote_of(std::size_t pool, std::int64_t since, const bitcoin::World& world) const;
    std::int64_t score() const { return score_; }
    bool proposed() const { return proposed_; }
    bitcoin::TxId payout_tx() const { return payout_; }
    /// Blocks from the proposal to the approval (or to the end of the run).
    std::int64_t voting_blocks() const { return since_; }
    bitcoin::Height proposal_height() const { return proposal_h_; }

private:
    void count(std::size_t pool, bitcoin::World& world);
    void pay_out(bitcoin::World& world);

    const design::HashrateEscrow& spec_;
    std::vector<bool> alarms_;
    bitcoin::Outpoint coin_;
    bitcoin::TxOut coin_out_;
    bitcoin::KeyId rule_key_;
    std::shared_ptr<const bitcoin::policy::Policy> payout_policy_;
    std::size_t counted_ = 0;  ///< blocks of World::blocks() already counted
    bool proposed_ = false;
    bitcoin::Height proposal_h_ = 0;
    std::int64_t score_ = 0;
    std::int64_t since_ = 0;  ///< blocks since the proposal (the window's clock)
    bool approved_ = false;
    bitcoin::TxId payout_ = 0;
};

/// Which honest pools alarm: the largest honest pools, in order, until their shares reach
/// `share` of the honest hash.
std::vector<bool> alarming_pools(const bitcoin::World& world, double share);

}  // namespace models::layer2::roles

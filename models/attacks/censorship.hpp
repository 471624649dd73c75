// Censorship of one transaction. The attacker never includes it. Without feather-forking that is
// all: the first honest block confirms it. With feather-forking (A. Miller, "Feather-forks:
// enforcing a blacklist with sub-50% hash power", 2013) the attacker forks away any block that
// includes it until that block has `feather_fork_depth` confirmations, then gives up.
#pragma once

#include "models/attacks/honest_mining.hpp"

namespace models::attacks {

/// The outcome of any censorship attack once the run ends: where the honest chain confirmed the tx
/// (if it did) and whether that was after the window of `window_blocks`.
AttackResult censorship_outcome(const RaceWorld& w, std::uint32_t window_blocks);

class Censorship {
public:
    Censorship(const BitcoinParams& p, RaceWorld& w);
    BlockId attacker_parent(const RaceWorld& w) const;
    void on_attacker_block(BlockId b, RaceWorld& w);
    void on_honest_block(BlockId b, RaceWorld& w);
    bool done(const RaceWorld& w) const;
    void finish(RaceWorld& w);
    AttackResult result() const { return result_; }

private:
    /// The public chain's block including the tx while it is still young enough to fork away.
    BlockId target(const RaceWorld& w) const;

    std::uint32_t depth_;
    std::uint32_t window_;
    BlockId private_tip_ = bitcoin::no_block;  ///< the private fork, while racing
    AttackResult result_;
};

}  // namespace models::attacks

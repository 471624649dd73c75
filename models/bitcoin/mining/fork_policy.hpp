// Where a censoring coalition (the pools an adversary controls) puts its blocks. Honest pools
// always mine on the longest published chain, first seen among equals (Bitcoin Core
// validation.cpp: a tip is replaced only by a chain with more work; ties keep the first
// received). The coalition may instead:
// - feather-fork (A. Miller, "Feather-forks: enforcing a blacklist with sub-50% hash power",
//   2013): refuse to build on a block that confirms a censored spend while that block has at most
//   `depth_blocks` confirmations, mine on its parent instead and publish each block at once; its
//   fork replaces the public chain when strictly longer; it gives up once the block is deeper;
// - race privately: from the block at height `race_from_height` mine an unpublished chain whose
//   templates leave the censored spends out, publish it once it reaches `race_until_height` and is
//   strictly longer than the public chain, give up when the public chain leads by
//   `give_up_deficit_blocks`.
// The closed forms these reach in the race world are models/attacks/closed_forms.hpp
// (censored_unconfirmed with a depth; censor_private_race).
#pragma once

#include <cstdint>

#include "models/bitcoin/tx/transaction.hpp"

namespace models::bitcoin {

enum class ForkStrategy : std::uint8_t { none, feather_fork, private_race };

struct ForkOrders {
    ForkStrategy strategy = ForkStrategy::none;  ///< none: controlled pools only leave spends out
    std::uint32_t depth_blocks = 0;  ///< feather-fork: give up beyond this many confirmations
    Height race_from_height = 0;     ///< private race: its fork point on the public chain
    Height race_until_height = 0;    ///< private race: least height at which it publishes
    std::uint32_t give_up_deficit_blocks = 1;  ///< private race: public lead at which it gives up
    /// Private race: publish only once the public chain is this high too (a double spend waits
    /// until the merchant has its confirmations; Rosenfeld 2014). 0: no such wait.
    Height publish_after_public_height = 0;
    /// Private race: publish only once this transaction has `publish_after_confirmations` on the
    /// public chain (the merchant's own count, whatever height its block came at). 0: no such wait.
    TxId publish_after_tx = 0;
    std::uint32_t publish_after_confirmations = 0;
};

}  // namespace models::bitcoin

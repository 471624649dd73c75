// How a pool decides what to leave out of its block template. Every pool maximises fees (Bitcoin
// Core's BlockAssembler, node/miner.cpp); on top of that a pool may be controlled by an adversary
// who tells it what to censor, and may take timelocked bribes (Nadahalli, Khabbazian and
// Wattenhofer, "Timelocked Bribing", FC 2021): an adversary's transaction, valid only from a later
// height, pays a large fee to whoever mines it if a victim's conflicting spend has not confirmed
// by then. A myopic pool censors the victim in the block it is building when its share of the
// bribe, share x bribe, exceeds the fees it gives up by leaving the victim out now (their §4).
// A non-myopic pool also looks ahead: the bribe is paid only if no pool includes the victim in
// the blocks left before it becomes minable, so pool i censors iff
//   share_i x bribe x (share of the censoring set)^(blocks left after this one) > fees given up,
// where the censoring set is the largest set of pools for which that holds for every member (a
// fixed point, found by removing the pools it fails for until none is left to remove). This
// look-ahead rule is derived here from their setting; it is not a formula of the paper.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/bitcoin/tx/transaction.hpp"

namespace models::bitcoin {

enum class BribeRule : std::uint8_t { ignore, myopic, non_myopic };

BribeRule bribe_rule_from(const std::string& word);  ///< "ignore" | "myopic" | "non_myopic"

/// The pools that censor under the non-myopic rule: `shares` of every pool, the bribe, the fees a
/// pool gives up by censoring now, and the blocks left after this one before the bribe is minable.
std::vector<bool> non_myopic_censors(const std::vector<double>& shares, double bribe_sat, double given_up_sat,
                                     std::uint32_t blocks_left);

/// A timelocked bribe on offer: spends of `contested` other than the briber's own are to be
/// left out until `valid_from`, when the briber's transaction (paying `bribe`) becomes minable.
struct BribeOffer {
    Outpoint contested;
    TxId briber_tx = 0;
    Height valid_from = 0;
    Sat bribe;
};

/// What the adversary and the bribes ask of the pools at one height.
struct CensorshipOrders {
    std::vector<Outpoint> censored;   ///< controlled pools leave out every other spend of these
    std::vector<TxId> allowed;        ///< the adversary's own spends, never left out
    std::vector<BribeOffer> offers;
};

}  // namespace models::bitcoin

// How a Layer2 attack enters a Bitcoin race with its hash (the planner's deposit reversal,
// models/layer2/planner/deposit_reorg.cpp). This is the
// one place that decides it: rented hash JOINS the network (the honest miners keep their full
// rate and the total rises, so blocks come 1/(1-q) faster until the next retarget), while a
// cartel's own hash is WITHDRAWN from it (the honest rate falls to 1-q). Hash is recorded relative
// to the honest network it races (Budish 2018 prices it as rented hash x time), and the race's
// outcomes are read by column name, so a new column of the Bitcoin model cannot shift them.
#pragma once

#include <vector>

#include "models/bitcoin/bitcoin_params.hpp"
#include "models/run_stats.hpp"

namespace models::layer2 {

/// The attacker's hash in a race: its share of the total while attacking, whether it is rented
/// (joins) or a cartel's own (withdrawn), and the raced chain's honest hash relative to Bitcoin's
/// (1 for Bitcoin; the merge-mined share for a merged-mined sidechain).
struct AttackerHash {
    double share = 0.0;
    bool rented = true;
    double honest_rel = 1.0;

    /// Attacker hash / the raced chain's honest hash: q / (1 - q) (rented or owned alike).
    double rel_to_raced_honest() const { return share / (1.0 - share); }
    /// Attacker hash / Bitcoin's honest hash.
    double rel_to_bitcoin_honest() const { return rel_to_raced_honest() * honest_rel; }
};

/// Bitcoin-model parameters of a race with this attacker. `bitcoin_retarget`: the raced chain is
/// Bitcoin, whose difficulty retargets every 2016 blocks (Bitcoin Core pow.cpp); the attack starts
/// right after a retarget, the attacker's best moment (its rented hash speeds blocks up for a whole
/// period). A merged-mined sidechain's difficulty is not adjusted during the race.
bitcoin::BitcoinParams race_params(const AttackerHash& h, double block_interval_s,
                                   bool bitcoin_retarget);

/// The outcomes of a Bitcoin race that a Layer2 attack uses, read by column name.
struct RaceOutcome {
    bool success = false;
    double sim_time_s = 0.0;            ///< when the race ended (success, give-up or window)
    double attacker_main_blocks = 0.0;  ///< the attacker's blocks in the final main chain
    double tx_confirm_block = 0.0;      ///< censorship: main-chain position of the tx (NaN: never)
    RunStats engine;                    ///< the race's per-run engine statistics
};
RaceOutcome read_race(const std::vector<double>& outcomes);
}  // namespace models::layer2

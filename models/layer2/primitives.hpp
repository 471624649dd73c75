// The attack primitives every Layer2 design reduces to (shared/reference/layer2-designs.md §0):
// keep one transaction out of blocks for a window (P-HASH censorship, P-BRIBE timelocked bribes,
// P-SPACE congestion) and corrupt k of n keyholders (P-KEY). Each fills the physical fields of a
// Record; designs add their own values at risk.
#pragma once

#include <vector>

#include "models/layer2/attack_record.hpp"
#include "models/layer2/layer2_params.hpp"
#include "sim/model/model.hpp"

namespace models::layer2 {

/// P-HASH: rented hash share `alpha` keeps the tx out of `window` blocks with the stronger of two
/// strategies (models/attacks/strongest_censor.hpp): feather-forking each block with the tx until
/// it is `depth` deep (depth >= window: a majority that never gives up), or a private race from
/// the window's start. Success: the tx misses `window` blocks.
Record censor_tx(double alpha, int depth, int window, double tx_fee_btc, const sim::RunInput& in);

/// P-BRIBE: each block's miner (pools by share) withholds the tx when its share of `bribe_btc`,
/// paid after the window, beats `fee_btc` now (Nadahalli et al. 2021).
Record timelocked_bribe(const std::vector<double>& pool_shares, double bribe_btc, double fee_btc, int window,
                        const sim::RunInput& in);

/// P-SPACE: one tx of `vbytes` paying `fee_rate` (able to bump to `max_fee_rate`) against an
/// attacker filling every block at `attacker_rate` for `window` blocks, with competing demand.
Record congest(const BlockMarketParams& market, double vbytes, double fee_rate, double max_fee_rate, int window,
               double attacker_rate, const sim::RunInput& in);

/// P-KEY: a key set of n with threshold k drawn like custody-peg keyholders (`keys` supplies the
/// cost law and availability); the attacker corrupts k with an offer of `offer_btc` per key.
Record corrupt_keys(const PegParams& keys, int n, int k, double offer_btc, const sim::RunInput& in,
                    std::uint64_t stream_id);

}  // namespace models::layer2
